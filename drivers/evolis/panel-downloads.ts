import { createHash } from 'node:crypto';
import type { RenderedPanels } from '../../src/drivers/driver.js';
import {
  compressColour,
  compressMono,
  encodeDataCommand,
  inkCardToGuideLevels,
  monoCardToGuide,
  type PanelName,
  packDots,
  type Resolution,
  rawBytes,
} from './protocol/index.js';

/** Levels of grey the driver sends Y, M and C at: the guide's finest, for the resident's photo. */
export const COLOUR_RESOLUTION: Resolution = 128;

/** The order panels go down in, the ribbon's: colours first, then black, then overlay (A5013 p. 69). */
export const DOWNLOAD_ORDER: readonly PanelName[] = ['y', 'm', 'c', 'k', 'o'];

/** A panel's download frame and the command it uses. */
export interface PanelDownload {
  readonly panel: PanelName;
  readonly command: 'Db' | 'Dbc';
  readonly frame: Buffer;
}

/**
 * The downloads of a card face: one per panel it has, in {@link DOWNLOAD_ORDER}, each turned into
 * the guide's geometry and sent as `Dbc` (section 4's codecs) where that is shorter, else as `Db`.
 * A face is mostly white lines and flat tints, so `Dbc` nearly always wins; a panel of noise
 * comes out longer compressed and goes raw.
 */
export function panelDownloads(panels: RenderedPanels): PanelDownload[] {
  return DOWNLOAD_ORDER.flatMap((panel) => {
    const data = panels[panel];
    return data ? [panelDownload(panel, data)] : [];
  });
}

export function panelDownload(panel: PanelName, data: Uint8Array): PanelDownload {
  const last = lastDownload.get(panel);
  // Most cards share their colour panels (the layout's tint with no photo) and their overlay:
  // hashing the bitmap takes well under a millisecond, turning and compressing it again a loop in
  // JS. A digest rather than a copy: the copies of five panels held 2.1 MB for the daemon's life.
  const digest = digestOf(data);
  if (last?.digest === digest) return last.download;
  const download = buildDownload(panel, data);
  lastDownload.set(panel, { digest, download });
  return download;
}

function digestOf(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

function buildDownload(panel: PanelName, data: Uint8Array): PanelDownload {
  if (panel === 'k' || panel === 'o') {
    const lines = monoCardToGuide(data);
    const packed = compressMono(lines);
    return packed.length < lines.length
      ? { panel, command: 'Dbc', frame: encodeDataCommand('Dbc', [panel, 2, packed.length], packed) }
      : { panel, command: 'Db', frame: encodeDataCommand('Db', [panel, 2], lines) };
  }
  // Its own array each time, dropped once the panel is compressed (or packed): a kept scratch
  // array held 660 kB between cards.
  const levels = inkCardToGuideLevels(data, COLOUR_RESOLUTION);
  const packed = compressColour(levels, COLOUR_RESOLUTION);
  // The raw size is known without packing: most faces never need the raw form.
  if (packed.length < rawBytes(COLOUR_RESOLUTION)) {
    return {
      panel,
      command: 'Dbc',
      frame: encodeDataCommand('Dbc', [panel, COLOUR_RESOLUTION, packed.length], packed),
    };
  }
  const raw = packDots(levels, COLOUR_RESOLUTION);
  return { panel, command: 'Db', frame: encodeDataCommand('Db', [panel, COLOUR_RESOLUTION], raw) };
}

/** The last download of each panel, with the digest of the bitmap it was made from. */
const lastDownload = new Map<PanelName, { digest: string; download: PanelDownload }>();
