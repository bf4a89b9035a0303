import type { RenderedPanels } from '../../src/drivers/driver.js';
import {
  compressColour,
  compressMono,
  encodeDataCommand,
  inkCardToGuideLevels,
  monoCardToGuide,
  PANEL_DOTS,
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
  // comparing with the last one is a memcmp, turning and compressing again a loop in JS.
  if (last && Buffer.from(data.buffer, data.byteOffset, data.length).equals(last.data)) return last.download;
  const download = buildDownload(panel, data);
  lastDownload.set(panel, { data: Buffer.from(data), download });
  return download;
}

function buildDownload(panel: PanelName, data: Uint8Array): PanelDownload {
  if (panel === 'k' || panel === 'o') {
    const lines = monoCardToGuide(data);
    const packed = compressMono(lines);
    return packed.length < lines.length
      ? { panel, command: 'Dbc', frame: encodeDataCommand('Dbc', [panel, 2, packed.length], packed) }
      : { panel, command: 'Db', frame: encodeDataCommand('Db', [panel, 2], lines) };
  }
  const levels = inkCardToGuideLevels(data, COLOUR_RESOLUTION, levelsScratch);
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

/** Reused for every colour panel: the levels live only until the panel is compressed (or packed). */
const levelsScratch = new Uint8Array(PANEL_DOTS);

/** The last download of each panel, with a copy of its bitmap (a caller may reuse its array). */
const lastDownload = new Map<PanelName, { data: Buffer; download: PanelDownload }>();
