/**
 * The command syntax of the Evolis Programming Guide (A5013, section 3): a start character, the
 * command, parameters each after a separator, and a stop character. Both ends of a link use these
 * bytes; the guide's `Psc` can change them on the printer (see {@link CommandStreamParser}).
 */

export const ESC = 0x1b;
export const CR = 0x0d;
export const LF = 0x0a;
export const NUL = 0x00;
export const SEPARATOR = 0x3b; // ';'
/** The ACK/NACK protocol's bytes (section 5). */
export const ACK = 0x06;
export const NACK = 0x15;

/** Longest command line either side keeps, data commands' binary data aside. */
export const MAX_LINE_BYTES = 4096;

export type CommandParam = string | number;

/** Guide command names are letters (`Pr`, `Dbc`, `Rlr`); Cetak's extensions start with `X`. */
const NAME = /^[A-Za-z]{1,8}$/;
// Latin-1 printable text without the separator: the guide's parameters are short words and numbers.
const PARAM = /^[\x20-\x3a\x3c-\x7e\xa0-\xff]*$/;

/**
 * `ESC name;p1;p2 CR`. Throws a `RangeError` for a name or parameter the syntax cannot carry
 * (a programming error, never the printer's doing) or a line longer than {@link MAX_LINE_BYTES}.
 */
export function encodeCommand(name: string, params: readonly CommandParam[] = []): Buffer {
  const line = commandText(name, params);
  if (line.length + 2 > MAX_LINE_BYTES) {
    throw new RangeError(`${name}: command line of ${line.length + 2} bytes exceeds ${MAX_LINE_BYTES}`);
  }
  return Buffer.concat([Buffer.of(ESC), Buffer.from(line, 'latin1'), Buffer.of(CR)]);
}

/**
 * A data command (section 4 and the `D` pages): `ESC name;p1;…;pn;` + the data + `CR`. The data
 * is binary and may hold CR, ESC and NUL; the receiver frames it by its byte count, never by
 * looking for the stop character.
 */
export function encodeDataCommand(name: string, params: readonly CommandParam[], data: Uint8Array): Buffer {
  const header = `${commandText(name, params)};`;
  return Buffer.concat([Buffer.of(ESC), Buffer.from(header, 'latin1'), data, Buffer.of(CR)]);
}

function commandText(name: string, params: readonly CommandParam[]): string {
  if (!NAME.test(name)) throw new RangeError(`invalid command name ${JSON.stringify(name)}`);
  const texts = params.map((param) => {
    if (typeof param === 'number' && !Number.isFinite(param)) {
      throw new RangeError(`${name}: parameter ${param} is not a finite number`);
    }
    const text = String(param);
    if (!PARAM.test(text)) throw new RangeError(`${name}: parameter ${JSON.stringify(text)} is not allowed`);
    return text;
  });
  return [name, ...texts].join(';');
}
