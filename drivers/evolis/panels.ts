import { encodeDownload } from './framing.js';
import { packBits } from './packbits.js';

/**
 * Card panels of the dialect (PROTOCOL.md, "Download"): a CR80 card face is 1016 × 648 dots at
 * 300 dpi. `k` (black text) and `o` (overlay) are 1 bit per dot, rows of 127 bytes, MSB first;
 * `y`, `m`, `c` are 8 bits per dot.
 */
export const CARD_WIDTH_DOTS = 1016;
export const CARD_HEIGHT_DOTS = 648;

export type PanelName = 'k' | 'o' | 'y' | 'm' | 'c';

/** Bits per dot of each panel. */
export const PANEL_BITS: Readonly<Record<PanelName, 1 | 8>> = Object.freeze({ k: 1, o: 1, y: 8, m: 8, c: 8 });

/** Bytes in one row of a 1-bit panel: 1016 dots / 8. */
export const MONO_ROW_BYTES = CARD_WIDTH_DOTS / 8;

/** Bytes of a whole panel: 82 296 for `k`/`o`, 658 368 for `y`/`m`/`c`. */
export function panelBytes(panel: PanelName): number {
  return (CARD_WIDTH_DOTS * CARD_HEIGHT_DOTS * PANEL_BITS[panel]) / 8;
}

/**
 * An all-zero panel (nothing printed on it): what the driver sends as `k` for a card that came
 * without rendered panels, which is enough for the printer to run a whole card cycle.
 */
export function blankPanel(panel: PanelName): Buffer {
  return Buffer.alloc(panelBytes(panel));
}

/** The order panels go down in: colour first, black and overlay last, as the ribbon prints them. */
export const DOWNLOAD_ORDER: readonly PanelName[] = ['y', 'm', 'c', 'k', 'o'];

/** A panel's download frame and the command it uses. */
export interface PanelDownload {
  readonly name: 'Db' | 'Dbc';
  readonly frame: Buffer;
}

/**
 * The download of one panel: `Dbc` (PackBits) when that is shorter, which for a card face
 * (white, flat tint, text) it is many times over, else `Db` with the raw bitmap — a photo-only
 * noisy panel can come out longer packed.
 */
export function panelDownload(panel: PanelName, data: Uint8Array): PanelDownload {
  const last = lastDownload.get(panel);
  // Most cards share their colour panels (the layout's tint with no photo) and their overlay:
  // comparing with the last one is a memcmp, packing again a loop over 658 kB in JS.
  if (last && Buffer.from(data.buffer, data.byteOffset, data.length).equals(last.data)) return last.download;
  const packed = packBits(data);
  const name: PanelDownload['name'] = packed.length < data.length ? 'Dbc' : 'Db';
  const download: PanelDownload = {
    name,
    frame: encodeDownload(panel, PANEL_BITS[panel], name === 'Dbc' ? packed : data, name),
  };
  lastDownload.set(panel, { data: Buffer.from(data), download });
  return download;
}

/** The last download of each panel, with a copy of its bitmap (a caller may reuse its array). */
const lastDownload = new Map<PanelName, { data: Buffer; download: PanelDownload }>();
