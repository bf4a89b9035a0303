/** The bitmap panels of a card face, 1016 × 648 dots at 300 dpi (PROTOCOL.md, Download). */
export const PANELS = {
  k: { bits: 1, bytes: 127 * 648 },
  o: { bits: 1, bytes: 127 * 648 },
  y: { bits: 8, bytes: 1016 * 648 },
  m: { bits: 8, bytes: 1016 * 648 },
  c: { bits: 8, bytes: 1016 * 648 },
} as const;

export type Panel = keyof typeof PANELS;

/**
 * Longest `Db` length the emulator will read. Anything longer cannot be a panel, and reading it
 * would swallow the link for megabytes, so it is refused without consuming data.
 */
export const MAX_DOWNLOAD_BYTES = 1 << 20;

export function isPanel(name: string): name is Panel {
  return Object.hasOwn(PANELS, name);
}

/** `SYNTAX` for an unknown panel or bit depth, `SIZE` for the wrong length, else `OK`. */
export function checkDownload(panel: string, bits: number, length: number): 'OK' | 'SYNTAX' | 'SIZE' {
  if (!isPanel(panel) || PANELS[panel].bits !== bits) return 'SYNTAX';
  return PANELS[panel].bytes === length ? 'OK' : 'SIZE';
}

/** A blank (all white) `k` panel, shared: what the direct driver downloads for every card. */
export const BLANK_K_PANEL: Uint8Array = new Uint8Array(PANELS.k.bytes);
