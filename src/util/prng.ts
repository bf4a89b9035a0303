/**
 * A tiny seeded random source, so a seed gives the same faults and line noise on every run and
 * every platform (`Math.random` cannot be seeded).
 */

/** Mixes integers into one 32-bit value (murmur3's finaliser over each part). */
export function mix32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.imul((part | 0) ^ Math.floor(part / 0x1_0000_0000), 0xcc9e2d51);
    h = Math.imul((h << 15) | (h >>> 17), 0x1b873593);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A number in [0, 1) that depends only on `parts`: a roll that no other roll can shift. */
export function unitFrom(...parts: readonly number[]): number {
  return mix32(...parts) / 0x1_0000_0000;
}

/** mulberry32: a sequence of numbers in [0, 1) from a 32-bit seed. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** An integer in [min, max] from a random source. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
