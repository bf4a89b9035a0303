/**
 * Byte framing of the escape-command dialect (PROTOCOL.md, "Framing"), host side: commands out,
 * reply lines in. Text is Latin-1; replies are printable ASCII lines ended by CR.
 */

export const ESC = 0x1b;
export const CR = 0x0d;
const LF = 0x0a;

/** Longest line either side keeps, in bytes; the printer refuses longer command lines. */
export const MAX_LINE_BYTES = 4096;

export type CommandParam = string | number;

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
// Printable ASCII except `;`, which separates parameters.
const PARAM = /^[\x20-\x3a\x3c-\x7e]*$/;

/**
 * `ESC name;p1;p2 CR`. Throws a `RangeError` for a name or parameter the dialect cannot carry
 * (a programming error, never the printer's doing) or a line the printer would refuse as over-long.
 */
export function encodeCommand(name: string, params: readonly CommandParam[] = []): Buffer {
  if (!NAME.test(name)) throw new RangeError(`invalid command name ${JSON.stringify(name)}`);
  const texts = params.map((param) => {
    if (typeof param === 'number' && !Number.isFinite(param)) {
      throw new RangeError(`${name}: parameter ${param} is not a finite number`);
    }
    const text = String(param);
    if (!PARAM.test(text)) throw new RangeError(`${name}: parameter ${JSON.stringify(text)} is not allowed`);
    return text;
  });
  const line = [name, ...texts].join(';');
  // Counting ESC and CR too keeps us clear of either reading of the printer's limit.
  if (line.length + 2 > MAX_LINE_BYTES) {
    throw new RangeError(`${name}: command line of ${line.length + 2} bytes exceeds ${MAX_LINE_BYTES}`);
  }
  return Buffer.concat([Buffer.of(ESC), Buffer.from(line, 'latin1'), Buffer.of(CR)]);
}

/**
 * `ESC Db;<panel>;<bits>;<length>;` + the bitmap bytes + `CR`; with `command` `Dbc` the bytes are
 * PackBits-packed (PROTOCOL.md, "Download"). The length is the data's as sent.
 */
export function encodeDownload(
  panel: string,
  bits: number,
  data: Uint8Array,
  command: 'Db' | 'Dbc' = 'Db',
): Buffer {
  if (!/^[a-z]$/.test(panel)) throw new RangeError(`invalid panel ${JSON.stringify(panel)}`);
  if (!Number.isInteger(bits) || bits <= 0) throw new RangeError(`invalid bits per dot ${bits}`);
  const header = Buffer.from(`\x1b${command};${panel};${bits};${data.length};`, 'latin1');
  return Buffer.concat([header, data, Buffer.of(CR)]);
}

/**
 * Reassembles reply lines from chunks cut anywhere. Never throws: whatever arrives, the worst
 * outcome is a line dropped as noise (PROTOCOL.md: the host discards it and keeps waiting).
 *
 * - A line ends at CR; LFs at either end of it are stripped (some adapters send CR LF).
 * - A line with any byte outside 0x20–0x7E is noise: dropped and counted in `noiseLines`.
 * - A line growing past {@link MAX_LINE_BYTES} without a CR is dropped up to its CR and counted in
 *   `overlongLines`, so a babbling line never grows the buffer.
 * - Empty lines are skipped silently.
 */
export class ReplyParser {
  #parts: Buffer[] = [];
  #bytes = 0;
  #overlong = false;
  #noiseLines = 0;
  #overlongLines = 0;

  /** Lines dropped because they held a byte outside 0x20–0x7E. */
  get noiseLines(): number {
    return this.#noiseLines;
  }

  /** Lines dropped because they grew past {@link MAX_LINE_BYTES}. */
  get overlongLines(): number {
    return this.#overlongLines;
  }

  /** Feeds received bytes; returns the reply lines they complete, in order. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    if (!(chunk instanceof Uint8Array)) return lines;
    let start = 0;
    for (;;) {
      const cr = chunk.indexOf(CR, start);
      this.#append(chunk.subarray(start, cr === -1 ? chunk.length : cr));
      if (cr === -1) return lines;
      const line = this.#takeLine();
      if (line !== undefined) lines.push(line);
      start = cr + 1;
    }
  }

  /** Forgets a partly received line (the channel calls this before each command). */
  reset(): void {
    this.#parts = [];
    this.#bytes = 0;
    this.#overlong = false;
  }

  #append(part: Uint8Array): void {
    if (this.#overlong || part.length === 0) return;
    if (this.#bytes + part.length > MAX_LINE_BYTES) {
      this.reset();
      this.#overlong = true;
      this.#overlongLines++;
      return;
    }
    // Copied: a transport may reuse its read buffer once the listener returns.
    this.#parts.push(Buffer.from(part));
    this.#bytes += part.length;
  }

  #takeLine(): string | undefined {
    const overlong = this.#overlong;
    const bytes = Buffer.concat(this.#parts, this.#bytes);
    this.reset();
    if (overlong) return undefined;
    let start = 0;
    let end = bytes.length;
    while (start < end && bytes[start] === LF) start++;
    while (end > start && bytes[end - 1] === LF) end--;
    if (start === end) return undefined;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte < 0x20 || byte > 0x7e) {
        this.#noiseLines++;
        return undefined;
      }
    }
    return bytes.toString('latin1', start, end);
  }
}
