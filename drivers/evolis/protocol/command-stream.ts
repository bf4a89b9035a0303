import {
  bmpFileLength,
  byteCount,
  DATA_COMMANDS,
  type DataLength,
  DBC_FIRST_LINE_MAX,
} from './data-commands.js';
import { CR, ESC, LF, MAX_LINE_BYTES, NUL, SEPARATOR } from './syntax.js';

/**
 * The printer's side of the framing (A5013 section 3): bytes from the host in, commands out.
 *
 * - A command starts with the start character (ESC) or, right after a stop character (CR), with
 *   its first letter: the guide makes the start character optional there. The stream's very
 *   first command may also omit it.
 * - Parameters follow the name, each after the separator (`;`); the stop character ends the line.
 * - NUL and LF bytes between or inside command lines are ignored (drivers pad with NULs).
 * - A start character inside a line begins a new command; the unfinished one is dropped.
 * - Data commands (`Db`, `Dbc`, `Dbp`, `Dbpc`, `Dbmp`) are framed by their byte count, so
 *   CR, ESC and NUL inside a picture never break the framing. When the parameters cannot say how
 *   long the data is, bytes are dropped until the host pauses ({@link idle}), so the printer does
 *   not read picture bytes as commands.
 * - `Psc;start;sep;end` (decimal codes) changes the three characters from the next command on;
 *   `Psc` alone restores ESC, `;` and CR.
 *
 * Never throws, whatever arrives.
 */

export type CommandFrame =
  | { readonly kind: 'command'; readonly name: string; readonly params: readonly string[] }
  | {
      readonly kind: 'data';
      readonly name: string;
      readonly params: readonly string[];
      readonly data: Uint8Array;
      /** Whether the stop character followed the data, as the guide's syntax wants. */
      readonly terminated: boolean;
    }
  | { readonly kind: 'bad'; readonly name?: string; readonly why: string };

export interface CommandCharacters {
  readonly start: number;
  readonly separator: number;
  readonly stop: number;
}

export const DEFAULT_CHARACTERS: CommandCharacters = Object.freeze({
  start: ESC,
  separator: SEPARATOR,
  stop: CR,
});

/**
 * `Psc`'s parameters as characters, or `undefined` when they are not three distinct byte codes
 * (1–255) none of which is NUL: the characters stay as they are then.
 */
export function pscCharacters(params: readonly string[]): CommandCharacters | undefined {
  if (params.length === 0) return DEFAULT_CHARACTERS;
  if (params.length !== 3) return undefined;
  const codes = params.map((p) => (/^\s*\d{1,3}\s*$/.test(p) ? Number(p) : Number.NaN));
  if (codes.some((c) => !(c >= 1 && c <= 255)) || new Set(codes).size !== 3) return undefined;
  const [start, separator, stop] = codes as [number, number, number];
  return { start, separator, stop };
}

type Mode = 'between' | 'line' | 'dbc-peek' | 'data' | 'bmp-header' | 'data-end' | 'discard';

interface PendingData {
  readonly name: string;
  readonly params: string[];
  data: Uint8Array;
  filled: number;
}

const BMP_HEADER_BYTES = 6;

/** Bytes looked at ahead that turned out to belong to the data: read them again. */
interface Replay {
  readonly replay: Uint8Array;
}

export class CommandStreamParser {
  #chars: CommandCharacters = DEFAULT_CHARACTERS;
  #mode: Mode = 'between';
  #line: number[] = [];
  #lineBytes = 0;
  #text = true;
  #pending: PendingData | undefined;
  #peek: number[] = [];
  #discarded: CommandFrame | undefined;

  get characters(): CommandCharacters {
    return this.#chars;
  }

  /** Feeds received bytes; returns the commands they complete, in order. */
  push(chunk: Uint8Array): CommandFrame[] {
    const frames: CommandFrame[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#mode === 'data' || this.#mode === 'bmp-header') {
        i = this.#fill(chunk, i);
        continue;
      }
      if (this.#mode === 'discard') return frames;
      if (this.#mode === 'data-end') {
        // The data is complete whatever comes next; a byte other than the stop character is not
        // part of it, so it is read again as input.
        const terminated = chunk[i] === this.#chars.stop;
        if (terminated) i++;
        frames.push(this.#endData(terminated));
        continue;
      }
      const byte = chunk[i++] as number;
      const frame = this.#byte(byte);
      if (frame && 'replay' in frame) frames.push(...this.push(frame.replay));
      else if (frame) frames.push(frame);
    }
    return frames;
  }

  /**
   * The host has paused: a data command whose length was unknown is answered now (its bytes have
   * all been dropped), a download that stalled half-way is given up, and one whose data is all
   * here but whose stop character is not is delivered unterminated.
   */
  idle(): CommandFrame[] {
    const frames: CommandFrame[] = [];
    if (this.#mode === 'data-end') frames.push(this.#endData(false));
    else if (this.#mode === 'discard' && this.#discarded) frames.push(this.#discarded);
    else if (this.#mode === 'data' || this.#mode === 'bmp-header' || this.#mode === 'dbc-peek') {
      frames.push({
        kind: 'bad',
        name: this.#pending?.name ?? 'Dbc',
        why: 'data stopped before its byte count',
      });
    }
    this.#reset();
    return frames;
  }

  /** Whether a data command's bytes, or the stop after them, are awaited (a stall is worth a timer). */
  get inData(): boolean {
    return (
      this.#mode === 'data' ||
      this.#mode === 'data-end' ||
      this.#mode === 'bmp-header' ||
      this.#mode === 'dbc-peek' ||
      this.#mode === 'discard'
    );
  }

  #reset(): void {
    this.#mode = 'between';
    this.#line = [];
    this.#pending = undefined;
    this.#peek = [];
    this.#discarded = undefined;
  }

  #byte(byte: number): CommandFrame | Replay | undefined {
    const { start, stop, separator } = this.#chars;
    switch (this.#mode) {
      case 'between':
        if (byte === start) this.#startLine();
        else if (byte > 0x20 && byte !== 0x7f && byte !== stop && byte !== separator) {
          // The start character is optional after a stop character.
          this.#startLine();
          return this.#addToLine(byte);
        }
        return undefined;
      case 'dbc-peek':
        return this.#peekByte(byte);
      default: // 'line' ('data-end' is handled in push)
        if (byte === start) this.#startLine();
        else if (byte === stop) return this.#endLine();
        else if (byte === NUL || byte === LF) return undefined;
        else return this.#addToLine(byte);
        return undefined;
    }
  }

  #startLine(): void {
    this.#mode = 'line';
    this.#line = [];
    this.#lineBytes = 0;
    this.#text = true;
  }

  #addToLine(byte: number): CommandFrame | undefined {
    this.#lineBytes += 1;
    if (byte < 0x20 || byte === 0x7f) this.#text = false;
    if (this.#lineBytes > MAX_LINE_BYTES) return undefined;
    this.#line.push(byte);
    if (byte === this.#chars.separator && this.#text) return this.#maybeDataHeader();
    return undefined;
  }

  /** After a separator: is this a data command whose parameters are all here? */
  #maybeDataHeader(): CommandFrame | undefined {
    const fields = this.#fields();
    const name = fields[0] as string;
    const command = DATA_COMMANDS[name];
    // The line ends with a separator, so its last field is empty.
    const params = fields.slice(1, -1);
    if (!command || params.length !== command.params) return undefined;
    if (name === 'Dbc' && /^\d{1,4}$/.test(params[2] as string) && Number(params[2]) <= DBC_FIRST_LINE_MAX) {
      this.#pending = { name, params, data: new Uint8Array(0), filled: 0 };
      this.#peek = [];
      this.#mode = 'dbc-peek';
      return undefined;
    }
    return this.#startData(name, params, command.length(params));
  }

  /** Rev. E's `Dbc;panel;resol;first;nb_car;`: digits then a separator; anything else is data. */
  #peekByte(byte: number): CommandFrame | Replay | undefined {
    const pending = this.#pending as PendingData;
    if (byte >= 0x30 && byte <= 0x39 && this.#peek.length < 7) {
      this.#peek.push(byte);
      return undefined;
    }
    if (byte === this.#chars.separator && this.#peek.length > 0) {
      const count = Buffer.from(this.#peek).toString('latin1');
      return this.#startData('Dbc', [...pending.params, count], byteCount(count));
    }
    // Section 4's form after all: the third parameter was the byte count, and the bytes looked at
    // so far are the start of the data.
    const replay: Replay = { replay: Uint8Array.from([...this.#peek, byte]) };
    this.#startData('Dbc', pending.params, byteCount(pending.params[2]));
    return replay;
  }

  #startData(name: string, params: string[], length: DataLength): CommandFrame | undefined {
    this.#line = [];
    if (length.kind === 'unknown') {
      this.#mode = 'discard';
      this.#discarded = { kind: 'bad', name, why: length.why };
      return undefined;
    }
    const size = length.kind === 'bytes' ? length.bytes : BMP_HEADER_BYTES;
    this.#pending = { name, params, data: new Uint8Array(size), filled: 0 };
    this.#mode = length.kind === 'bmp' ? 'bmp-header' : size === 0 ? 'data-end' : 'data';
    return undefined;
  }

  #fill(chunk: Uint8Array, from: number): number {
    const pending = this.#pending as PendingData;
    const take = Math.min(pending.data.length - pending.filled, chunk.length - from);
    pending.data.set(chunk.subarray(from, from + take), pending.filled);
    pending.filled += take;
    if (pending.filled < pending.data.length) return from + take;
    if (this.#mode === 'bmp-header') {
      const total = bmpFileLength(pending.data);
      if (total === undefined) {
        this.#mode = 'discard';
        this.#discarded = {
          kind: 'bad',
          name: pending.name,
          why: 'the data is not a BMP file of at most 1 MiB',
        };
        return from + take;
      }
      const whole = new Uint8Array(total);
      whole.set(pending.data);
      pending.data = whole;
      this.#mode = total === pending.filled ? 'data-end' : 'data';
    } else this.#mode = 'data-end';
    return from + take;
  }

  #endData(terminated: boolean): CommandFrame {
    const pending = this.#pending as PendingData;
    this.#reset();
    return { kind: 'data', name: pending.name, params: pending.params, data: pending.data, terminated };
  }

  #endLine(): CommandFrame | undefined {
    const tooLong = this.#lineBytes > MAX_LINE_BYTES;
    const text = this.#text;
    const fields = this.#fields();
    this.#reset();
    const name = fields[0] ?? '';
    if (tooLong) return { kind: 'bad', name, why: `command line longer than ${MAX_LINE_BYTES} bytes` };
    if (!text) return { kind: 'bad', name, why: 'control characters in a command line' };
    if (name === '') return undefined;
    const params = fields.slice(1);
    if (name === 'Psc') this.#chars = pscCharacters(params) ?? this.#chars;
    return { kind: 'command', name, params };
  }

  #fields(): string[] {
    const text = Buffer.from(this.#line).toString('latin1');
    return text.split(String.fromCharCode(this.#chars.separator));
  }
}
