import { MAX_DOWNLOAD_BYTES } from './panels.js';

const ESC = 0x1b;
const CR = 0x0d;
const SEMICOLON = 0x3b;
/** PROTOCOL.md: a command line longer than this (other than `Db` data) is answered `ERR SYNTAX`. */
export const MAX_LINE_BYTES = 4096;

/** One unit of work the parser found in the byte stream. */
export type Frame =
  /** `ESC name;p1;p2 CR` */
  | { readonly kind: 'command'; readonly name: string; readonly params: readonly string[] }
  /**
   * `ESC Db;panel;bits;length;` data `CR` (`Dbc`: data PackBits-packed); `terminated` is false
   * when the CR was missing.
   */
  | {
      readonly kind: 'download';
      readonly compressed: boolean;
      readonly panel: string;
      readonly bits: string;
      readonly data: Buffer;
      readonly terminated: boolean;
    }
  /** A line that cannot be a command: too long, a byte outside 0x20–0x7E, or a bad `Db` length. */
  | { readonly kind: 'bad'; readonly why: 'too-long' | 'not-printable' | 'bad-length' };

type Mode = 'hunt' | 'line' | 'data' | 'data-end';

interface Download {
  readonly compressed: boolean;
  readonly panel: string;
  readonly bits: string;
  readonly data: Buffer;
  filled: number;
}

/**
 * Splits the host's byte stream into frames (PROTOCOL.md, Framing), whatever the chunking:
 * bytes before an ESC are ignored, an ESC inside a line starts over, `Db` switches to counting
 * binary bytes. Never throws; any input leaves it in a state from which the next ESC resyncs it.
 */
export class CommandParser {
  #mode: Mode = 'hunt';
  #line: number[] = [];
  #lineBytes = 0;
  #printable = true;
  #download: Download | undefined;

  /** True while inside a `Db` data block (the server times a stalled one out). */
  get inDownload(): boolean {
    return this.#mode === 'data' || this.#mode === 'data-end';
  }

  /** Forgets any partial frame; the next ESC starts afresh. */
  reset(): void {
    this.#mode = 'hunt';
    this.#line = [];
    this.#download = undefined;
  }

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#mode === 'data') {
        i = this.#fill(chunk, i);
        continue;
      }
      const byte = chunk[i] as number;
      i += 1;
      if (this.#mode === 'hunt') {
        if (byte === ESC) this.#startLine();
      } else if (this.#mode === 'data-end') {
        const download = this.#download as Download;
        frames.push({
          kind: 'download',
          compressed: download.compressed,
          panel: download.panel,
          bits: download.bits,
          data: download.data,
          terminated: byte === CR,
        });
        this.reset();
        if (byte !== CR) i -= 1; // not part of the download: read it again as a new byte
      } else if (byte === ESC) {
        this.#startLine(); // the unfinished command is dropped without a reply
      } else if (byte === CR) {
        frames.push(this.#endLine());
      } else {
        const frame = this.#addToLine(byte);
        if (frame) frames.push(frame);
      }
    }
    return frames;
  }

  #startLine(): void {
    this.#mode = 'line';
    this.#line = [];
    this.#lineBytes = 0;
    this.#printable = true;
  }

  #addToLine(byte: number): Frame | undefined {
    this.#lineBytes += 1;
    if (byte < 0x20 || byte > 0x7e) this.#printable = false;
    if (this.#lineBytes > MAX_LINE_BYTES) return undefined;
    this.#line.push(byte);
    if (byte === SEMICOLON && this.#printable && this.#isDownloadHeader()) return this.#startDownload();
    return undefined;
  }

  /** `Db;` or `Dbc;` and four `;` in all: the header is complete and binary data follows. */
  #isDownloadHeader(): boolean {
    const line = this.#line;
    if (line[0] !== 0x44 || line[1] !== 0x62) return false;
    if (line[2] !== SEMICOLON && !(line[2] === 0x63 && line[3] === SEMICOLON)) return false;
    let semicolons = 0;
    for (const byte of line) if (byte === SEMICOLON) semicolons += 1;
    return semicolons === 4;
  }

  #startDownload(): Frame | undefined {
    const [name, panel = '', bits = '', length = ''] = Buffer.from(this.#line).toString('latin1').split(';');
    const bytes = /^\d{1,9}$/.test(length) ? Number(length) : Number.NaN;
    if (!(bytes <= MAX_DOWNLOAD_BYTES)) {
      this.reset();
      return { kind: 'bad', why: 'bad-length' };
    }
    this.#download = { compressed: name === 'Dbc', panel, bits, data: Buffer.alloc(bytes), filled: 0 };
    this.#mode = bytes === 0 ? 'data-end' : 'data';
    return undefined;
  }

  #fill(chunk: Uint8Array, from: number): number {
    const download = this.#download as Download;
    const take = Math.min(download.data.length - download.filled, chunk.length - from);
    download.data.set(chunk.subarray(from, from + take), download.filled);
    download.filled += take;
    if (download.filled === download.data.length) this.#mode = 'data-end';
    return from + take;
  }

  #endLine(): Frame {
    const tooLong = this.#lineBytes > MAX_LINE_BYTES;
    const printable = this.#printable;
    const text = Buffer.from(this.#line).toString('latin1');
    this.reset();
    if (tooLong) return { kind: 'bad', why: 'too-long' };
    if (!printable) return { kind: 'bad', why: 'not-printable' };
    const [name = '', ...params] = text.split(';');
    return { kind: 'command', name, params };
  }
}
