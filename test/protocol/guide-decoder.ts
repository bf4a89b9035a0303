/**
 * An independent decoder of Evolis host→printer streams, written from the public "Evolis
 * Programming Guide A5013" (rev. D2 and rev. E) alone. It imports nothing from
 * `drivers/evolis/protocol/`: the protocol tests compare the production codec with this file and
 * with third-party bytes, so that two halves written by one hand never only agree with each other.
 * It is written to be read beside the guide, not to be fast.
 *
 * Where each part comes from, and the reading taken where the guide is ambiguous:
 *
 * - `splitStream` — section 3 "Communication Protocol": `(Start) Command (Sep) param … (Stop)`
 *   with Start = ESC, Sep = `;`, Stop = CR, and "the Start Character is not compulsory after the
 *   CR character". Readings: the beginning of the stream counts as "after the CR"; a command so
 *   started must begin with a letter (every command in the guide does), any other byte there
 *   starts a junk line skipped up to the next Stop or Start; an ESC inside an unfinished command
 *   drops it and starts a new one; NUL bytes outside data are padding and ignored (the guide is
 *   silent; the vendor and Perl streams pad with them). LF is not special (the guide never
 *   mentions it). `Psc;Start;Sep;End` (page "Psc") changes the three characters, given as decimal
 *   codes as in the guide's example `(ESC)Psc;60;47;62(CR)` → `<Pco/=/10>`; `Psc` alone restores
 *   27/59/13.
 * - Data framing — the "Db", "Dbc", "Dbp", "Dbpc" and "Dbmp" pages and section 4 "Downloading
 *   Command". The data is binary and may hold any byte, so it is framed by its length:
 *   - `Db;panel;resol;data`: the picture is always 648 × 1016 dots "concatenated in a way that
 *     each bit is useful", so 648 × 1016 × bits / 8 bytes with 1/5/6/7 bits for 2/32/64/128
 *     levels: 82 296, 411 480, 493 776, 576 072. The guide's table says 84 624, 423 120, 507 744
 *     and 592 368 — each computed from the figure's "676 992 pixels", which is not 648 × 1016
 *     (658 368). We take 648 × 1016, as the Perl driver (`648 * 1016 / 8`) does.
 *   - `Dbc;panel;resol;nb_car;data` (section 4, rev. D2) and `Dbc;panel;resol;first;nb_car;data`
 *     (rev. E adds p3 "from 0 to 1015, first line to print"). Both forms exist in the wild (the
 *     vendor streams use the 3-parameter form). Reading: a third parameter ≤ 1015 is rev. E's first
 *     line and a fourth parameter follows; ≥ 1016 is section 4's byte count (a whole compressed
 *     panel is never shorter than 1016 bytes: at least one per K/O line, and for Y/M/C at least
 *     2 bytes per run of at most 767 dots). A short section-4 `Dbc` (fewer than 1016 bytes) is
 *     therefore misread; the guide leaves no way to tell the two forms apart there.
 *   - `Dbpc;panel;resol;first;nb_bytes;data`: p4 bytes. `Dbp;panel;resol;first;lines;data`: p4
 *     lines of 648 dots. (The guide writes 64 levels as "65" on the Dbp page and "66" on the Dbpc
 *     page; we take them for typing slips and read Dbp's 65 as 64 levels.)
 *   - `Dbmp;k|o;x;y;0;Bmp file`: "transmit the full Bmp file"; the guide gives no length, so the
 *     BMP's own header frames it (bytes 2–5, little-endian, are the file size: Microsoft BMP spec).
 *   - After the data the Stop character is expected (`xxxx(CR)`); if another byte comes instead
 *     the command is reported `terminated: false` and that byte is read again as input.
 * - `decodeMonoPanel` — section 4 "Compression of K and O": per line, 0x00 = white line, 0xFF =
 *   black line, N in 1..81 = N useful bytes follow, "the counter corresponds to the index of the
 *   last byte of the line" so the rest of the 81-byte line is white. Readings: other first bytes
 *   (82..254) are errors; with rev. E's first line p3, lines before it are white; lines the data
 *   does not reach stay white; data past line 1015 is an error.
 * - `decodeColourPanel` — section 4 "Compression of the YMC Panels": MSB 0 = one dot whose value is
 *   the low 5/6/7 bits; MSB 1 = value in the low bits, the next byte is a counter, and "in the
 *   modes with 6 bits or 5 bits, the bits 6 and 5 of the first bytes are used to increase the
 *   counter" (the figure: at 64 levels 0x40 adds 256, max 511; at 32 levels 0x40 and 0x20 each
 *   add 256, max 767); a counter of 0 "we consider the line as blank". Readings: "counter" is the
 *   total with the 256s, so at 64 levels 0xC0 0x00 is 256 dots, not a blank; a blank fills with 0
 *   from the current dot to the end of its 648-dot line (at a line's first dot, the whole line);
 *   runs may cross into the next line (the guide describes one stream of dots); a single dot with
 *   bits set above its 5/6 value bits is an error (the guide gives them no meaning); dots the data
 *   does not reach stay 0, dots past the panel are an error. 0 is no ink.
 * - `unpackDots` — the "Db" page: dots MSB-first, 1 bit for 2 levels ("1 byte = 8 pixels"), 5/6/7
 *   bits for 32/64/128 ("7 byte = 8 pixels"), 648 dots a line, 1016 lines, p1 first.
 * - Card orientation — section 2 draws the bitmap 1016 lines by 648, and the Db page's line is 648 dots.
 *   The guide does not say which card corner is dot 0; the third parties fix it: the Perl driver
 *   turns the 1016 × 648 landscape card with `pnmflip -rotate270` (90° clockwise), so guide line L
 *   is card column L and dot d of a line is card row 647 − d. The vendor streams agree.
 */

/** Guide geometry: a line is 648 dots; a panel is 1016 lines. */
export const DOTS_PER_LINE = 648;
export const LINES = 1016;
export const MONO_LINE_BYTES = DOTS_PER_LINE / 8;

const ESC = 0x1b;
const CR = 0x0d;
const NUL = 0x00;

/** A byte that must be there (reading past the end is this decoder's bug, not the data's). */
function byteAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b === undefined) throw new RangeError(`read past the end (${i} of ${bytes.length})`);
  return b;
}

/** Bits per dot for each `resol` value of the Db/Dbc pages. */
export const BITS_BY_LEVELS: Readonly<Record<number, number>> = { 2: 1, 32: 5, 64: 6, 128: 7 };

/** One command as the guide defines it: a name, its parameters, and for download commands the data. */
export interface GuideCommand {
  name: string;
  params: string[];
  data?: Uint8Array;
  /** For data commands: whether the Stop character followed the data. */
  terminated?: boolean;
}

function bitsFor(levelsText: string | undefined, what: string): number {
  const bits = BITS_BY_LEVELS[Number(levelsText)];
  if (bits === undefined) throw new Error(`${what}: resolution ${levelsText} is not in the guide`);
  return bits;
}

function wholeNumber(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d+$/.test(text.trim())) throw new Error(`${what}: bad number ${text}`);
  return Number(text.trim());
}

/**
 * How many data bytes follow a command whose fields so far are `fields` (name first) and that has
 * just read a separator; `undefined` while it is not a complete download header.
 */
function dataLength(fields: string[], bytes: Uint8Array, at: number): number | undefined {
  const [name, , resol, p3, p4] = fields;
  const params = fields.length - 1;
  if (name === 'Db' && params === 2) {
    return (DOTS_PER_LINE * LINES * bitsFor(resol, 'Db')) / 8;
  }
  if (name === 'Dbc' && params === 3) {
    const third = wholeNumber(p3, 'Dbc');
    return third >= LINES ? third : undefined;
  }
  if (name === 'Dbc' && params === 4) return wholeNumber(p4, 'Dbc');
  if (name === 'Dbpc' && params === 4) return wholeNumber(p4, 'Dbpc');
  if (name === 'Dbp' && params === 4) {
    const bits = resol === '65' ? 6 : bitsFor(resol, 'Dbp');
    return (wholeNumber(p4, 'Dbp') * DOTS_PER_LINE * bits) / 8;
  }
  if (name === 'Dbmp' && params === 4) {
    if (at + 6 > bytes.length) throw new Error('Dbmp: stream ends inside the BMP header');
    return (
      (byteAt(bytes, at + 2) | (byteAt(bytes, at + 3) << 8) | (byteAt(bytes, at + 4) << 16)) +
      byteAt(bytes, at + 5) * 2 ** 24
    );
  }
  return undefined;
}

/** Splits a host→printer byte stream into the guide's commands (section 3 and the D pages). */
export function splitStream(bytes: Uint8Array): GuideCommand[] {
  const out: GuideCommand[] = [];
  let start = ESC;
  let sep = 0x3b;
  let stop = CR;
  let pos = 0;
  let lineStart = true;

  const finishText = (fields: string[]): void => {
    const [name = '', ...params] = fields;
    if (name === '') return; // `(ESC)(CR)` names no command
    out.push({ name, params });
    if (name === 'Psc') {
      if (params.length === 0) [start, sep, stop] = [ESC, 0x3b, CR];
      if (params.length === 3)
        [start, sep, stop] = params.map((p) => wholeNumber(p, 'Psc')) as [number, number, number];
    }
  };

  while (pos < bytes.length) {
    const b = byteAt(bytes, pos);
    if (b === NUL) {
      pos++;
      continue;
    }
    const isLetter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
    if (b !== start && !(lineStart && isLetter)) {
      // Junk: skip to the next Stop (after which a command may start without its Start).
      pos++;
      lineStart = b === stop;
      continue;
    }
    if (b === start) pos++;

    const fields: string[] = [];
    let field = '';
    let ended = false;
    while (pos < bytes.length && !ended) {
      const c = byteAt(bytes, pos);
      if (c === start) break; // an unfinished command is dropped; the outer loop restarts here
      pos++;
      if (c === NUL) continue;
      if (c === stop) {
        fields.push(field);
        finishText(fields);
        ended = true;
      } else if (c === sep) {
        fields.push(field);
        field = '';
        const length = dataLength(fields, bytes, pos);
        if (length !== undefined) {
          if (pos + length > bytes.length) throw new Error(`${fields[0]}: stream ends inside its data`);
          const data = bytes.slice(pos, pos + length);
          pos += length;
          const terminated = bytes[pos] === stop;
          if (terminated) pos++;
          const [name = '', ...params] = fields;
          out.push({ name, params, data, terminated });
          ended = true;
        }
      } else {
        field += String.fromCharCode(c);
      }
    }
    lineStart = ended;
  }
  return out;
}

/** Section 4, K and O: decompresses to 1016 lines of 81 bytes (bit set = ink, MSB = dot 0). */
export function decodeMonoPanel(data: Uint8Array, firstLine = 0): Uint8Array {
  const panel = new Uint8Array(LINES * MONO_LINE_BYTES);
  let line = firstLine;
  let i = 0;
  while (i < data.length) {
    if (line >= LINES) throw new Error(`K/O data goes past line ${LINES - 1}`);
    const first = byteAt(data, i++);
    const at = line * MONO_LINE_BYTES;
    if (first === 0xff) {
      panel.fill(0xff, at, at + MONO_LINE_BYTES);
    } else if (first > MONO_LINE_BYTES) {
      throw new Error(`K/O line ${line}: first byte ${first} is not 0, 255 or 1..81`);
    } else if (first > 0) {
      if (i + first > data.length) throw new Error(`K/O line ${line}: data ends inside the line`);
      panel.set(data.subarray(i, i + first), at);
      i += first;
    }
    line++;
  }
  return panel;
}

/** Section 4, Y/M/C: decompresses to 1016 × 648 dot values, line by line (0 = no ink). */
export function decodeColourPanel(data: Uint8Array, levels: 32 | 64 | 128): Uint8Array {
  const bits = bitsFor(String(levels), 'YMC');
  const valueMask = (1 << bits) - 1;
  const dots = new Uint8Array(LINES * DOTS_PER_LINE);
  let dot = 0;
  let i = 0;
  while (i < data.length) {
    const b = byteAt(data, i++);
    if ((b & 0x80) === 0) {
      if ((b & ~valueMask) !== 0) throw new Error(`YMC byte ${i - 1}: dot ${b} has bits above ${bits}`);
      if (dot >= dots.length) throw new Error('YMC data goes past the panel');
      dots[dot++] = b;
      continue;
    }
    if (i >= data.length) throw new Error(`YMC byte ${i - 1}: counter missing`);
    let count = byteAt(data, i++);
    if (levels === 64 && b & 0x40) count += 256;
    if (levels === 32) count += (b & 0x40 ? 256 : 0) + (b & 0x20 ? 256 : 0);
    if (count === 0) {
      if (dot >= dots.length) throw new Error('YMC blank line past the panel');
      const lineEnd = (Math.floor(dot / DOTS_PER_LINE) + 1) * DOTS_PER_LINE;
      dots.fill(0, dot, lineEnd);
      dot = lineEnd;
      continue;
    }
    if (dot + count > dots.length) throw new Error('YMC run goes past the panel');
    dots.fill(b & valueMask, dot, dot + count);
    dot += count;
  }
  return dots;
}

/** The Db page: unpacks `count` dots of `bits` bits each, MSB first. */
export function unpackDots(data: Uint8Array, bits: number, count = LINES * DOTS_PER_LINE): Uint8Array {
  if (data.length * 8 < count * bits) throw new Error(`${data.length} bytes hold fewer than ${count} dots`);
  const dots = new Uint8Array(count);
  let bit = 0;
  for (let d = 0; d < count; d++) {
    let v = 0;
    for (let k = 0; k < bits; k++, bit++) {
      v = (v << 1) | ((byteAt(data, bit >> 3) >> (7 - (bit & 7))) & 1);
    }
    dots[d] = v;
  }
  return dots;
}

/** Card size in the landscape orientation the operator sees. */
export const CARD_WIDTH = LINES;
export const CARD_HEIGHT = DOTS_PER_LINE;

/**
 * Turns guide dots (1016 lines × 648) back into the card: 648 rows × 1016 columns, where card
 * (column L, row 647 − d) = guide (line L, dot d).
 */
export function guideDotsToCard(dots: Uint8Array): Uint8Array {
  const card = new Uint8Array(CARD_WIDTH * CARD_HEIGHT);
  for (let line = 0; line < LINES; line++) {
    for (let d = 0; d < DOTS_PER_LINE; d++) {
      card[(CARD_HEIGHT - 1 - d) * CARD_WIDTH + line] = byteAt(dots, line * DOTS_PER_LINE + d);
    }
  }
  return card;
}

/** Turns a 1-bit guide panel (1016 × 81 bytes) into packed card rows (648 × 127 bytes, PBM P4 body). */
export function monoPanelToCardRows(panel: Uint8Array): Uint8Array {
  const card = guideDotsToCard(unpackDots(panel, 1));
  const rowBytes = CARD_WIDTH / 8;
  const rows = new Uint8Array(rowBytes * CARD_HEIGHT);
  for (let i = 0; i < card.length; i++) {
    if (card[i]) rows[i >> 3] = byteAt(rows, i >> 3) | (0x80 >> (i & 7));
  }
  return rows;
}

/** A binary PBM (P4): the header then the packed rows, 1 = black. */
export function writePbm(width: number, height: number, rows: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`P4\n${width} ${height}\n`);
  const out = new Uint8Array(header.length + rows.length);
  out.set(header);
  out.set(rows, header.length);
  return out;
}

/** Reads a binary PBM (P4, `#` comments allowed in the header). */
export function readPbm(bytes: Uint8Array): { width: number; height: number; rows: Uint8Array } {
  const tokens: string[] = [];
  let pos = 0;
  while (tokens.length < 3) {
    while (pos < bytes.length && /\s/.test(String.fromCharCode(byteAt(bytes, pos)))) pos++;
    if (bytes[pos] === 0x23) {
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let token = '';
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(byteAt(bytes, pos)))) {
      token += String.fromCharCode(byteAt(bytes, pos++));
    }
    if (token === '') throw new Error('PBM header ends early');
    tokens.push(token);
  }
  pos++; // the single whitespace byte before the raster
  const [magic, w, h] = tokens;
  if (magic !== 'P4') throw new Error(`not a binary PBM: ${magic}`);
  const width = Number(w);
  const height = Number(h);
  const rows = bytes.slice(pos, pos + Math.ceil(width / 8) * height);
  if (rows.length !== Math.ceil(width / 8) * height) throw new Error('PBM raster is short');
  return { width, height, rows };
}
