/**
 * How a PIN appears anywhere bulkport writes it (results, sheets, journal, plan.json, messages):
 * `•••• (4 digits)`. Only commands that send a PIN (`submit`, `fix`) hold the real one, read from
 * their own input. Empty stays empty; a masked value stays as it is.
 */
export function maskPin(pin: string | undefined): string {
  const text = (pin ?? '').trim();
  if (text === '' || isMaskedPin(text)) return text;
  const count = text.length;
  const kind = /^\d+$/.test(text) ? 'digit' : 'character';
  return `•••• (${count} ${kind}${count === 1 ? '' : 's'})`;
}

/** A cell that holds a masked PIN as bulkport wrote it (a person left it as it was). */
export function isMaskedPin(text: string): boolean {
  return text.trim().startsWith('••••');
}
