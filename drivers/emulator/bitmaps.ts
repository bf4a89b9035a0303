import {
  compressColour,
  DOTS_PER_LINE,
  decompressColour,
  decompressMono,
  GUIDE_LINES,
  isMonoPanel,
  isPanelName,
  MONO_LINE_BYTES,
  PANEL_DOTS,
  PANEL_NAMES,
  type PanelName,
  parseResolution,
  type Resolution,
  unpackDots,
} from '../evolis/protocol/index.js';

/**
 * The printer's five bitmaps (A5013 section 2: "equipped with 5 different Bitmaps"), one a panel,
 * in the guide's geometry: 1016 lines of 648 dots. They keep what was downloaded until the next
 * download, a `Wcb`, or a reboot, so a card printed without a new download prints them again.
 */

export type GuideBitmap =
  /** K or O: 1016 lines of 81 bytes, a set bit is ink. */
  | { readonly kind: 'mono'; readonly lines: Uint8Array }
  /** Y, M or C: one byte a dot, its level (0 = no ink) out of `resolution`. */
  | ColourBitmap;

/**
 * A colour panel, kept in the guide's own compression (section 4) and decoded when read. Decoded,
 * a panel is 660 kB; two printers' three colour panels, each kept also as the last card printed,
 * were 4 MB of the daemon's memory on the emulated fleet. Compressed, a face of tints is a few kB
 * and one with a photo ~100 kB.
 */
export class ColourBitmap {
  readonly kind = 'levels';
  readonly resolution: Resolution;
  readonly #compressed: Uint8Array;

  private constructor(compressed: Uint8Array, resolution: Resolution) {
    this.#compressed = compressed;
    this.resolution = resolution;
  }

  /** From a whole panel's levels (one byte a dot, each below `resolution`). */
  static ofLevels(levels: Uint8Array, resolution: Resolution): ColourBitmap {
    return new ColourBitmap(compressColour(levels, resolution), resolution);
  }

  /** From a `Dbc` download already checked to decode to a whole panel: kept as it came. */
  static ofWholeDownload(compressed: Uint8Array, resolution: Resolution): ColourBitmap {
    return new ColourBitmap(Uint8Array.from(compressed), resolution);
  }

  /** The panel's levels, decoded afresh on each call: read it once, not per dot. */
  levels(): Uint8Array {
    const decoded = decompressColour(this.#compressed, this.resolution, PANEL_DOTS);
    // Only panels that decoded whole are kept, so this cannot happen but by a bug here.
    if (!decoded.ok) throw new Error(`a kept colour bitmap does not decode: ${decoded.why}`);
    return decoded.levels;
  }
}

/** The bitmaps a card was printed with. */
export type PrintedPanels = ReadonlyMap<PanelName, GuideBitmap>;

/** What a data command carries, as the protocol module frames it. */
export interface DataDownload {
  readonly name: string;
  readonly params: readonly string[];
  readonly data: Uint8Array;
}

/** `undefined` when the download is taken; else why it is refused (answered `ERR PARAM`). */
export type DownloadProblem = string | undefined;

export class BitmapMemory {
  readonly #bitmaps = new Map<PanelName, GuideBitmap>();

  /** The bitmap of a panel; white when nothing was downloaded. */
  get(panel: PanelName): GuideBitmap {
    return this.#bitmaps.get(panel) ?? white(panel);
  }

  /** Whether anything was downloaded (or written) to a panel since the last reboot. */
  has(panel: PanelName): boolean {
    return this.#bitmaps.has(panel);
  }

  /**
   * The bitmaps of `panels` for a card being printed. Bitmaps are never changed in place (every
   * download or fill makes a new one), so the card can keep these without a copy.
   */
  snapshot(panels: readonly PanelName[]): PrintedPanels {
    return new Map(panels.map((panel) => [panel, this.get(panel)]));
  }

  /** A reboot loses them. */
  forget(): void {
    this.#bitmaps.clear();
  }

  /** `Wcb;panel[;value]`: every byte of a panel (or of all, `a`) set to `value` (default 0). */
  fill(panel: PanelName | 'a', value: number): void {
    for (const name of panel === 'a' ? PANEL_NAMES : [panel]) {
      if (isMonoPanel(name)) {
        this.#bitmaps.set(name, {
          kind: 'mono',
          lines: new Uint8Array(GUIDE_LINES * MONO_LINE_BYTES).fill(value),
        });
      } else {
        const levels = new Uint8Array(PANEL_DOTS).fill(Math.min(value, 127));
        this.#bitmaps.set(name, ColourBitmap.ofLevels(levels, 128));
      }
    }
  }

  /** `Db`, `Dbc`, `Dbp`, `Dbpc` or `Dbmp`, checked against the guide's sizes and codecs. */
  download(download: DataDownload): DownloadProblem {
    const [panelText = '', resolText = ''] = download.params;
    if (download.name === 'Dbmp') {
      // A logo in a BMP file: framed and taken, but not drawn (see EMULATOR.md).
      return panelText === 'k' || panelText === 'o' ? undefined : `Dbmp panel "${panelText}" is not k or o`;
    }
    if (!isPanelName(panelText)) return `panel "${panelText}" is not y, m, c, k or o`;
    const resolution = parseResolution(resolText);
    if (!resolution) return `resolution "${resolText}" is not 2, 32, 64 or 128`;
    if (isMonoPanel(panelText) && resolution !== 2)
      return `panel ${panelText} takes 2 levels, not ${resolution}`;
    switch (download.name) {
      case 'Db':
        return this.#whole(panelText, resolution, download.data);
      case 'Dbc':
        return this.#compressed(panelText, resolution, download);
      default:
        return this.#partial(panelText, resolution, download);
    }
  }

  #whole(panel: PanelName, resolution: Resolution, data: Uint8Array): DownloadProblem {
    if (isMonoPanel(panel)) this.#bitmaps.set(panel, { kind: 'mono', lines: Uint8Array.from(data) });
    else
      this.#bitmaps.set(panel, ColourBitmap.ofLevels(unpackDots(data, resolution, PANEL_DOTS), resolution));
    return undefined;
  }

  /** Section 4's `Dbc;p;r;n` is a whole panel; rev. E's `Dbc;p;r;first;n` starts at `first`. */
  #compressed(panel: PanelName, resolution: Resolution, download: DataDownload): DownloadProblem {
    const first = download.params.length === 4 ? Number(download.params[2]) : 0;
    const lines = GUIDE_LINES - first;
    if (isMonoPanel(panel)) {
      const decoded = decompressMono(download.data, lines);
      if (!decoded.ok) return decoded.why;
      if (first === 0 && decoded.lines !== GUIDE_LINES) return `${decoded.lines} lines, not ${GUIDE_LINES}`;
      // A whole panel is kept as decoded; one from a later first line is placed in a white one.
      const whole = first === 0 ? decoded.data : new Uint8Array(GUIDE_LINES * MONO_LINE_BYTES);
      if (first > 0)
        whole.set(decoded.data.subarray(0, decoded.lines * MONO_LINE_BYTES), first * MONO_LINE_BYTES);
      this.#bitmaps.set(panel, { kind: 'mono', lines: whole });
      return undefined;
    }
    if (resolution === 2) return 'Y, M and C are compressed at 32, 64 or 128 levels';
    const decoded = decompressColour(download.data, resolution, lines * DOTS_PER_LINE);
    if (!decoded.ok) return decoded.why;
    if (first === 0) {
      if (decoded.dots !== PANEL_DOTS) return `${decoded.dots} dots, not ${PANEL_DOTS}`;
      this.#bitmaps.set(panel, ColourBitmap.ofWholeDownload(download.data, resolution));
      return undefined;
    }
    const levels = new Uint8Array(PANEL_DOTS);
    levels.set(decoded.levels.subarray(0, decoded.dots), first * DOTS_PER_LINE);
    this.#bitmaps.set(panel, ColourBitmap.ofLevels(levels, resolution));
    return undefined;
  }

  /** `Dbp`/`Dbpc` (half-panel ribbons): lines from `start` replace those of the colour panel. */
  #partial(panel: PanelName, resolution: Resolution, download: DataDownload): DownloadProblem {
    if (isMonoPanel(panel) || resolution === 2) return `${download.name} is for y, m and c at 32–128 levels`;
    const start = Number(download.params[2]);
    if (!(Number.isInteger(start) && start >= 0 && start < GUIDE_LINES))
      return `start line "${download.params[2]}"`;
    const room = (GUIDE_LINES - start) * DOTS_PER_LINE;
    let dots: Uint8Array;
    if (download.name === 'Dbp') {
      const lines = Number(download.params[3]);
      if (start + lines > GUIDE_LINES)
        return `${lines} lines from line ${start} run past line ${GUIDE_LINES}`;
      dots = unpackDots(download.data, resolution, lines * DOTS_PER_LINE);
    } else {
      const decoded = decompressColour(download.data, resolution, room);
      if (!decoded.ok) return decoded.why;
      dots = decoded.levels.subarray(0, decoded.dots);
    }
    const current = this.get(panel);
    const levels =
      current.kind === 'levels' && current.resolution === resolution
        ? current.levels()
        : new Uint8Array(PANEL_DOTS);
    levels.set(dots, start * DOTS_PER_LINE);
    this.#bitmaps.set(panel, ColourBitmap.ofLevels(levels, resolution));
    return undefined;
  }
}

// Shared by every panel never written to; bitmaps are never changed in place.
const WHITE_MONO: GuideBitmap = { kind: 'mono', lines: new Uint8Array(GUIDE_LINES * MONO_LINE_BYTES) };
const WHITE_LEVELS: GuideBitmap = ColourBitmap.ofLevels(new Uint8Array(PANEL_DOTS), 128);

function white(panel: PanelName): GuideBitmap {
  return isMonoPanel(panel) ? WHITE_MONO : WHITE_LEVELS;
}
