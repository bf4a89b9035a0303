import { ACK, CR, LF, MAX_LINE_BYTES, NACK, NUL } from './syntax.js';

/**
 * What a printer answers (A5013 sections 3 and 5). The guide shows three forms, and a host must
 * understand all of them:
 * - text ended by CR: `OK`, a value (`Rfv` → a version), or `ERR …`;
 * - the same ended by NUL (what some firmware sends over USB);
 * - with the ACK/NACK protocol (`Pcom` or `Pem;4`): ACK for success, a value followed by ACK,
 *   or NACK and a one-character code for a failure.
 */

export type Reply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'value'; readonly text: string }
  | { readonly kind: 'error'; readonly reason: string };

export type ReplyStyle = 'cr' | 'nul' | 'ack-nack';

const OK: Reply = Object.freeze({ kind: 'ok' });

/**
 * The NACK codes of section 5 and the word the host reads each as. Text replies use the words
 * after `ERR `; the guide names no texts beyond `Rlr`'s, so these (with the reasons below) are
 * what Cetak's emulator says, chosen so both forms carry the same categories.
 */
export const NACK_CODES: Readonly<Record<string, string>> = {
  '1': 'CMD',
  '2': 'PARAM',
  T: 'TIMEOUT',
  C: 'COVER OPEN',
  F: 'FEEDER EMPTY',
  R: 'RIBBON',
  K: 'MAGNETIC CHECKSUM',
  D: 'MAGNETIC DATA',
  W: 'MAGNETIC WRITE',
};

/** Error reasons an emulated printer gives, and the NACK code each falls under. */
export const ERROR_REASONS = {
  /** No such command, or not on this printer (mag stripe, flip-over, second feeder). */
  CMD: '1',
  /** A parameter the command does not take, or data of the wrong size or form. */
  PARAM: '2',
  /** A mechanical failure: the card jammed or did not reach where it was sent. */
  TIMEOUT: 'T',
  'COVER OPEN': 'C',
  'FEEDER EMPTY': 'F',
  RIBBON: 'R',
  FILM: 'R',
  'HOPPER FULL': 'T',
  /** A card step (`Se`, `Ser`) with no card in the printer. */
  'NO CARD': '1',
} as const satisfies Record<string, keyof typeof NACK_CODES>;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** The bytes of a reply in a style (the printer's side). */
export function encodeReply(reply: Reply, style: ReplyStyle): Buffer {
  if (style === 'ack-nack') {
    if (reply.kind === 'ok') return Buffer.of(ACK);
    if (reply.kind === 'value') return Buffer.concat([Buffer.from(reply.text, 'latin1'), Buffer.of(ACK)]);
    return Buffer.concat([Buffer.of(NACK), Buffer.from(nackCode(reply.reason), 'latin1')]);
  }
  const text = reply.kind === 'ok' ? 'OK' : reply.kind === 'value' ? reply.text : `ERR ${reply.reason}`;
  return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.of(style === 'nul' ? NUL : CR)]);
}

/**
 * The NACK code an error reason falls under: its category in {@link ERROR_REASONS}, else the code
 * whose word it is (so every word of {@link NACK_CODES} goes both ways), else a command error.
 * Own keys only: a reason such as `toString` is no code.
 */
function nackCode(reason: string): string {
  if (Object.hasOwn(ERROR_REASONS, reason)) return ERROR_REASONS[reason as ErrorReason];
  return Object.keys(NACK_CODES).find((code) => NACK_CODES[code] === reason) ?? '1';
}

/** `OK`, `ERR <reason>`, or anything else as a value. Surrounding spaces are ignored. */
export function classifyText(line: string): Reply {
  const text = line.trim();
  if (text === 'OK') return OK;
  if (text === 'ERR' || text.startsWith('ERR ')) return { kind: 'error', reason: text.slice(3).trim() };
  return { kind: 'value', text };
}

/** For logs and messages: `OK`, `ERR JAM`, or the value (shortened). */
export function describeReply(reply: Reply): string {
  if (reply.kind === 'ok') return 'OK';
  if (reply.kind === 'error') return `ERR ${reply.reason}`;
  return JSON.stringify(reply.text.length <= 60 ? reply.text : `${reply.text.slice(0, 60)}…`);
}

/** Which form the replies have taken: unknown until the first complete reply says. */
export type ParsedStyle = 'unknown' | 'text' | 'ack-nack';

/**
 * The host's side: reassembles replies from chunks cut anywhere. Never throws; the worst outcome
 * is a reply dropped as noise (the host then times out and says why).
 *
 * The first complete reply fixes the form for the rest of the link, so that in text form a stray
 * 0x06 is line noise rather than a success, and in ACK/NACK form a CR is not an empty reply.
 * - Text: a reply ends at CR or NUL; LFs at its ends are dropped (CR LF adapters); empty replies
 *   are skipped; one holding a byte outside 0x20–0x7E is noise, dropped and counted.
 * - ACK/NACK: ACK ends a reply (`OK`, or the text before it as a value); NACK and the next byte
 *   are an error; CR, LF and NUL are ignored; any other control byte discards what came before it.
 * - A reply growing past {@link MAX_LINE_BYTES} is dropped.
 */
export class ReplyParser {
  #style: ParsedStyle = 'unknown';
  #bytes: number[] = [];
  #overlong = false;
  #nackPending = false;
  #noise = 0;

  get style(): ParsedStyle {
    return this.#style;
  }

  /** Replies dropped as noise or over-long. */
  get noiseReplies(): number {
    return this.#noise;
  }

  /** Forgets a partly received reply (before each command). */
  reset(): void {
    this.#bytes = [];
    this.#overlong = false;
    this.#nackPending = false;
  }

  push(chunk: Uint8Array): Reply[] {
    const replies: Reply[] = [];
    if (!(chunk instanceof Uint8Array)) return replies;
    for (const byte of chunk) {
      const reply = this.#byte(byte);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  #byte(byte: number): Reply | undefined {
    if (this.#nackPending) {
      this.#nackPending = false;
      this.reset();
      const code = String.fromCharCode(byte);
      return { kind: 'error', reason: NACK_CODES[code] ?? `NACK ${JSON.stringify(code)}` };
    }
    const text = this.#style !== 'ack-nack';
    const ack = this.#style !== 'text';
    if (text && (byte === CR || byte === NUL)) return this.#endText();
    if (ack && byte === ACK) return this.#endAck();
    if (ack && byte === NACK) {
      this.#lock('ack-nack');
      this.#nackPending = true;
      return undefined;
    }
    if (!text && (byte === CR || byte === NUL || byte === LF)) return undefined;
    if (!text && (byte < 0x20 || byte === 0x7f)) {
      this.reset(); // noise before an ACK/NACK reply
      return undefined;
    }
    if (this.#bytes.length >= MAX_LINE_BYTES) this.#overlong = true;
    else this.#bytes.push(byte);
    return undefined;
  }

  #endText(): Reply | undefined {
    const bytes = this.#take();
    if (bytes === undefined) return undefined;
    let start = 0;
    let end = bytes.length;
    while (start < end && bytes[start] === LF) start++;
    while (end > start && bytes[end - 1] === LF) end--;
    if (start === end) return undefined;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      if (b < 0x20 || b > 0x7e) {
        this.#noise++;
        return undefined;
      }
    }
    this.#lock('text');
    return classifyText(Buffer.from(bytes.slice(start, end)).toString('latin1'));
  }

  #endAck(): Reply | undefined {
    const bytes = this.#take();
    if (bytes === undefined) return undefined;
    this.#lock('ack-nack');
    const text = Buffer.from(bytes).toString('latin1').trim();
    if (text === '' || text === 'OK') return OK;
    return classifyText(text);
  }

  /** The reply's bytes, or `undefined` when it was too long to keep. */
  #take(): number[] | undefined {
    const bytes = this.#bytes;
    const overlong = this.#overlong;
    this.reset();
    if (overlong) {
      this.#noise++;
      return undefined;
    }
    return bytes;
  }

  #lock(style: Exclude<ParsedStyle, 'unknown'>): void {
    if (this.#style === 'unknown') this.#style = style;
  }
}
