/** A command as the fake printer reads it off the wire. */
export interface ReceivedCommand {
  readonly name: string;
  readonly params: readonly string[];
  /** A data command's bytes (`Db`, `Dbc`), exactly as many as its parameters announced. */
  readonly data?: Buffer;
}

const ESC = 0x1b;
const CR = 0x0d;
const SEPARATOR = 0x3b;

/** Parameters before the data of the two data commands the driver sends. */
const DATA_PARAMS: Readonly<Record<string, number>> = { Db: 2, Dbc: 3 };
/** Bits a dot takes in a raw `Db`, by its `resol` parameter (levels of grey). */
const BITS_PER_DOT: Readonly<Record<string, number>> = { '2': 1, '32': 5, '64': 6, '128': 7 };
/** A panel is 1016 lines of 648 dots (A5013 `Db`). */
const PANEL_DOTS = 1016 * 648;

/**
 * The printer's side of the framing, read from the guide's syntax (A5013 section 3) and kept
 * independent of `drivers/evolis/protocol` so the two cannot share a mistake: a command is ESC,
 * its name, parameters each after `;`, and CR. `Db;panel;resol;` is followed by a whole raw
 * panel and `Dbc;panel;resol;count;` by `count` bytes, each then CR: the data is framed by its
 * length, never by looking for CR. The driver never pads or omits ESC, so anything outside that
 * shape is a framing problem, recorded in {@link problems} (a test asserts there are none).
 */
export class CommandDecoder {
  readonly problems: string[] = [];
  #line: number[] | undefined;
  #data: { name: string; params: string[]; bytes: Buffer; filled: number } | undefined;
  #awaitingCr: { name: string; params: string[]; bytes: Buffer } | undefined;
  #stray = false;

  push(chunk: Uint8Array): ReceivedCommand[] {
    const out: ReceivedCommand[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#data) {
        const data = this.#data;
        const take = Math.min(chunk.length - i, data.bytes.length - data.filled);
        data.bytes.set(chunk.subarray(i, i + take), data.filled);
        data.filled += take;
        i += take;
        if (data.filled === data.bytes.length) {
          this.#awaitingCr = data;
          this.#data = undefined;
        }
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.#awaitingCr) {
        const { name, params, bytes } = this.#awaitingCr;
        this.#awaitingCr = undefined;
        out.push({ name, params, data: bytes });
        if (byte === CR) continue;
        this.problems.push(`${name} data not followed by CR (0x${byte.toString(16)} after it)`);
      }
      this.#byte(byte, out);
    }
    return out;
  }

  #byte(byte: number, out: ReceivedCommand[]): void {
    if (byte === ESC) {
      if (this.#line) this.problems.push(`ESC inside the line ${this.#text()}`);
      this.#line = [];
      this.#stray = false;
      return;
    }
    if (!this.#line) {
      if (!this.#stray) this.problems.push(`byte 0x${byte.toString(16)} outside a command`);
      this.#stray = true;
      return;
    }
    if (byte === CR) {
      const [name = '', ...params] = this.#text().split(';');
      this.#line = undefined;
      if (DATA_PARAMS[name] !== undefined) this.problems.push(`${name} without its data`);
      out.push({ name, params });
      return;
    }
    this.#line.push(byte);
    if (byte === SEPARATOR) this.#maybeData();
  }

  /** After a separator: a data command whose parameters are all here starts its data. */
  #maybeData(): void {
    const fields = this.#text().split(';');
    const name = fields[0] as string;
    const params = fields.slice(1, -1);
    if (DATA_PARAMS[name] !== params.length) return;
    const length = dataLength(name, params);
    if (length === undefined) {
      this.problems.push(`${name};${params.join(';')}: cannot tell the data's length`);
      return;
    }
    this.#line = undefined;
    const data = { name, params, bytes: Buffer.alloc(length), filled: 0 };
    if (length === 0) this.#awaitingCr = data;
    else this.#data = data;
  }

  #text(): string {
    return Buffer.from(this.#line ?? []).toString('latin1');
  }
}

function dataLength(name: string, params: readonly string[]): number | undefined {
  if (name === 'Dbc') return /^\d{1,7}$/.test(params[2] ?? '') ? Number(params[2]) : undefined;
  const bits = BITS_PER_DOT[params[1] ?? ''];
  return bits === undefined ? undefined : (PANEL_DOTS * bits) / 8;
}
