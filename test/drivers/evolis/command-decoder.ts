/** A command as the printer side reads it off the wire. */
export interface ReceivedCommand {
  readonly name: string;
  readonly params: readonly string[];
  /** A `Db` download's bitmap bytes (`Dbc`: as packed). */
  readonly data?: Buffer;
}

const ESC = 0x1b;
const CR = 0x0d;

/**
 * The printer side of the framing, just enough for tests: bytes before an ESC are ignored, an ESC
 * restarts the line, and `Db;<panel>;<bits>;<length>;` (or `Dbc;…`) is followed by `length` binary
 * bytes and CR.
 */
export class CommandDecoder {
  #line: number[] | undefined;
  #data: { header: string; bytes: Buffer; filled: number } | undefined;
  #awaitingCr: { header: string; bytes: Buffer } | undefined;

  push(chunk: Uint8Array): ReceivedCommand[] {
    const out: ReceivedCommand[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#data) {
        const take = Math.min(chunk.length - i, this.#data.bytes.length - this.#data.filled);
        this.#data.bytes.set(chunk.subarray(i, i + take), this.#data.filled);
        this.#data.filled += take;
        i += take;
        if (this.#data.filled === this.#data.bytes.length) {
          this.#awaitingCr = this.#data;
          this.#data = undefined;
        }
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.#awaitingCr) {
        const { header, bytes } = this.#awaitingCr;
        this.#awaitingCr = undefined;
        if (byte === CR) out.push({ ...parseLine(header), data: bytes });
        continue;
      }
      if (byte === ESC) {
        this.#line = [];
        continue;
      }
      if (!this.#line) continue;
      if (byte === CR) {
        out.push(parseLine(Buffer.from(this.#line).toString('latin1')));
        this.#line = undefined;
        continue;
      }
      this.#line.push(byte);
      if (byte !== 0x3b) continue;
      const text = Buffer.from(this.#line).toString('latin1');
      const header = /^Dbc?;[^;]*;[^;]*;(\d+);$/.exec(text);
      if (header) {
        this.#data = { header: text.slice(0, -1), bytes: Buffer.alloc(Number(header[1])), filled: 0 };
        this.#line = undefined;
        if (this.#data.bytes.length === 0) {
          this.#awaitingCr = this.#data;
          this.#data = undefined;
        }
      }
    }
    return out;
  }
}

function parseLine(text: string): ReceivedCommand {
  const [name = '', ...params] = text.split(';');
  return { name, params };
}
