/** ITU E.161 letters on the phone keypad, A..Z. */
const KEYPAD = '22233344455566677778889999';

/**
 * The keypad digit of an ASCII letter (either case), or undefined for anything else. Vanity
 * numbers (1-800-FLOWERS) are dialled this way, so the letters stand for exactly these digits.
 */
export function keypadDigit(charCode: number): string | undefined {
  const upper = charCode >= 0x61 && charCode <= 0x7a ? charCode - 0x20 : charCode;
  return upper >= 0x41 && upper <= 0x5a ? KEYPAD[upper - 0x41] : undefined;
}
