import type { ChipEncoder } from './chip-encoder.js';

/** `chip.encoder: none`: the chip is left as it is (personalised elsewhere, or not at all). */
export function noneEncoder(): ChipEncoder {
  return { kind: 'none', encode: async () => ({ ok: true }) };
}
