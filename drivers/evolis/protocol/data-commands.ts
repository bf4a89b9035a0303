import { GUIDE_LINES, parseResolution, rawBytes } from './panel-geometry.js';

/**
 * The guide's commands that carry binary data after their parameters (A5013, `D` pages and
 * section 4), and how a receiver knows where that data ends: always by counting bytes, never by
 * looking for a stop character, because a picture holds CR, ESC and NUL bytes.
 */

/** Longest data a receiver reads; anything longer cannot be a panel (a raw 128-level one is 576 072). */
export const MAX_DATA_BYTES = 1 << 20;

/** What a receiver does once it has a data command's parameters. */
export type DataLength =
  /** Exactly this many bytes follow, then CR. */
  | { readonly kind: 'bytes'; readonly bytes: number }
  /** A BMP file follows; its own header says its length (`Dbmp`). */
  | { readonly kind: 'bmp' }
  /** The parameters do not say how long the data is: the receiver cannot stay in step. */
  | { readonly kind: 'unknown'; readonly why: string };

export interface DataCommand {
  /** Parameters before the data (the header ends with the separator after the last). */
  readonly params: number;
  readonly length: (params: readonly string[]) => DataLength;
}

const COUNT = /^\d{1,7}$/;

/** A byte count given as a parameter: at most {@link MAX_DATA_BYTES}. */
export function byteCount(text: string | undefined): DataLength {
  if (text === undefined || !COUNT.test(text))
    return { kind: 'unknown', why: `byte count "${text ?? ''}" is not a number` };
  const bytes = Number(text);
  if (bytes > MAX_DATA_BYTES)
    return { kind: 'unknown', why: `byte count ${bytes} exceeds ${MAX_DATA_BYTES}` };
  return { kind: 'bytes', bytes };
}

function rawLength(resolutionText: string | undefined, lines = GUIDE_LINES): DataLength {
  const resolution = parseResolution(resolutionText ?? '');
  if (!resolution)
    return { kind: 'unknown', why: `resolution "${resolutionText ?? ''}" is not 2, 32, 64 or 128` };
  return { kind: 'bytes', bytes: rawBytes(resolution, lines) };
}

export const DATA_COMMANDS: Readonly<Record<string, DataCommand>> = {
  /** `Db;panel;resol;data`: a whole panel, its size set by the resolution. */
  Db: { params: 2, length: ([, resol]) => rawLength(resol) },
  /**
   * `Dbc;panel;resol;nb_car;data` (section 4, and the vendor's streams). The `Dbc` page of rev. E
   * has `Dbc;panel;resol;first_line;nb_car`: see {@link DBC_FIRST_LINE_MAX}.
   */
  Dbc: { params: 3, length: ([, , count]) => byteCount(count) },
  /** `Dbp;panel;resol;start;lines;data`: `lines` uncompressed lines (half-panel ribbons). */
  Dbp: {
    params: 4,
    length: ([, resol, , lines]) => {
      if (lines === undefined || !/^\d{1,4}$/.test(lines) || Number(lines) > GUIDE_LINES)
        return { kind: 'unknown', why: `line count "${lines ?? ''}" is not 0–${GUIDE_LINES}` };
      return rawLength(resol, Number(lines));
    },
  },
  /** `Dbpc;panel;resol;start;nb_car;data`. */
  Dbpc: { params: 4, length: ([, , , count]) => byteCount(count) },
  /** `Dbmp;panel;x;y;0;` + a BMP file. */
  Dbmp: { params: 4, length: () => ({ kind: 'bmp' }) },
};

/**
 * A full panel compresses to at least one byte a line (1016), so a third `Dbc` parameter of
 * 0–1015 cannot be section 4's byte count: it is rev. E's first line, and the byte count follows.
 */
export const DBC_FIRST_LINE_MAX = GUIDE_LINES - 1;

export function isDataCommand(name: string): boolean {
  return Object.hasOwn(DATA_COMMANDS, name);
}

/** A BMP file's length, from the 32-bit little-endian size in bytes 2–5 of its header. */
export function bmpFileLength(header: Uint8Array): number | undefined {
  if (header.length < 6 || header[0] !== 0x42 || header[1] !== 0x4d) return undefined;
  const size =
    (header[2] as number) |
    ((header[3] as number) << 8) |
    ((header[4] as number) << 16) |
    ((header[5] as number) << 24);
  return size >= 6 && size <= MAX_DATA_BYTES ? size : undefined;
}
