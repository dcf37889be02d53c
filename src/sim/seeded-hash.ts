/**
 * Deterministic pseudo-randomness for the simulator: the same seed and the same inputs always give
 * the same answer, across runs and machines, so a failing test can be replayed (cyrb53, a fast
 * non-cryptographic 53-bit string hash; mulberry32 for sequences).
 */
function seededHash(seed: string, ...parts: readonly (string | number)[]): number {
  const text = `${seed}\u0000${parts.join('\u0000')}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A deterministic number in [0, 1) for the seed and inputs. */
export function seededUnit(seed: string, ...parts: readonly (string | number)[]): number {
  return seededHash(seed, ...parts) / 2 ** 53;
}

/** Picks one element deterministically; `items` must not be empty. */
export function seededPick<T>(items: readonly T[], seed: string, ...parts: readonly (string | number)[]): T {
  const item = items[Math.floor(seededUnit(seed, ...parts) * items.length)];
  if (item === undefined) throw new Error('seededPick: empty list');
  return item;
}

/** A short lowercase hex tag, e.g. for support keys (`sr_1a2b3c`). */
export function seededTag(length: number, seed: string, ...parts: readonly (string | number)[]): string {
  return seededHash(seed, ...parts).toString(16).padStart(14, '0').slice(-length);
}

/** A version-4-shaped UUID derived from the seed and inputs (for records the lifecycle creates on its own). */
export function seededUuid(seed: string, ...parts: readonly (string | number)[]): string {
  const hex = [0, 1, 2].map((i) => seededHash(seed, 'uuid', i, ...parts).toString(16).padStart(14, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
