/**
 * The chip encoder seam: what personalises a KTP-el card's contactless chip while the card sits
 * at the printer's contactless station. The protocol driver moves the card there (`Sic` on an
 * Evolis), calls {@link ChipEncoder.encode}, and prints the card only on success. Implementations
 * live beside this file; `create-chip-encoder.ts` is the one place that picks one from config.
 */

/** The card being personalised. `fields` is personal data: encoders must never log or echo it. */
export interface ChipCard {
  readonly jobId: string;
  readonly fields: Readonly<Record<string, string | undefined>>;
}

/**
 * How encoding ended. `uid` is the chip's UID when the encoder learned it. `reason` is short,
 * operator-facing text (`encoder exited with code 3`) built only from exit codes, signals,
 * durations and the program's path: never card data.
 */
export type ChipResult =
  | { readonly ok: true; readonly uid?: string }
  | { readonly ok: false; readonly reason: string };

/** The encoder kinds a station's `chip.encoder` can name. */
export type ChipEncoderKind = 'none' | 'emulated' | 'command';

export interface ChipEncoder {
  readonly kind: ChipEncoderKind;
  /**
   * Personalises the chip of the card in position. A failure resolves (`ok: false`) and spoils
   * that card; the promise rejects only when `signal` aborts it, with the signal's reason.
   */
  encode(card: ChipCard, signal?: AbortSignal): Promise<ChipResult>;
}
