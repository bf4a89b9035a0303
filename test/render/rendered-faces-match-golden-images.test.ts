import { describe, expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { unpackBits } from '../../src/render/card-canvas.js';
import { CARD_HEIGHT, CARD_WIDTH, previewImage, previewPng } from '../../src/render/card-preview.js';
import { renderCard } from '../../src/render/render-card.js';
import { differingPixels } from './golden-images.js';

/** 05-01-2026 in Palembang: the issue date printed under the photo. */
const ISSUE = { issuedAt: Date.UTC(2026, 0, 5, 1), timeZone: 'Asia/Jakarta' };
/** Font rasterising may move an edge dot between machines; a changed letter moves hundreds. */
const TOLERANCE = 200;

const LONG_NAME = 'KARTOLOMEO MUHAMMAD SYAHPUTRA FIKTIFA BIN ABDUL RAHMAN REKAAN SINTETIKA CONTOHWATI';
const LONG_ADDRESS = 'JL. SINTETIS RAYA GANG CONTOH NOMOR 92 BLOK C KOMPLEKS PERUMAHAN FIKTIF INDAH PERMAI';

const record = (seed: number, overrides: Record<string, string> = {}) =>
  ({ validUntil: 'SEUMUR HIDUP', ...syntheticResident(seed), ...overrides }) as Record<string, string>;

const CASES: ReadonlyArray<readonly [string, string, Record<string, string>]> = [
  ['short-no-photo', 'a short name and address, no photo: the photo box is framed', record(1)],
  [
    'long-no-photo',
    'a very long name and address: wrapped onto two lines and shrunk',
    record(2, { name: LONG_NAME, address: LONG_ADDRESS }),
  ],
  [
    'short-png-photo',
    'a PNG photo cropped into its box and a signature',
    record(3, { photo: syntheticPhoto(3, 'png'), signature: syntheticSignature(3) }),
  ],
  [
    'long-jpeg-photo',
    'long values with a JPEG photo, and a header from the job rather than the site',
    record(4, {
      name: LONG_NAME,
      address: LONG_ADDRESS,
      province: 'SUMATERA SELATAN',
      regency: 'KABUPATEN MUSI BANYUASIN',
      validUntil: '2031-01-05',
      photo: syntheticPhoto(4, 'jpeg'),
      signature: syntheticSignature(4),
    }),
  ],
];

describe('a rendered card face', () => {
  for (const [name, what, card] of CASES) {
    it(`matches its golden image: ${what}`, () => {
      const panels = renderCard(card, ISSUE);
      expect(panels.k).toHaveLength(127 * 648);
      expect(panels.o).toHaveLength(127 * 648);
      for (const colour of [panels.y, panels.m, panels.c]) expect(colour).toHaveLength(1016 * 648);
      // The overlay covers the whole card.
      expect(panels.o?.every((byte) => byte === 0xff)).toBe(true);
      expect(differingPixels(name, previewImage(panels))).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('from a ready-made front image is separated: dark text on K, colour on Y/M/C', () => {
    // Upstream's face: here, the preview of another card, as a PNG.
    const upstream = previewPng(renderCard(CASES[2]?.[2] ?? {}, ISSUE)).toString('base64');
    const panels = renderCard(record(9, { frontImage: upstream }), ISSUE);
    const k = unpackBits(panels.k, CARD_WIDTH, CARD_HEIGHT);
    const original = unpackBits(renderCard(CASES[2]?.[2] ?? {}, ISSUE).k, CARD_WIDTH, CARD_HEIGHT);
    // Same size, so every black dot of the original comes back as black, and nothing else does.
    let differing = 0;
    for (let i = 0; i < k.length; i++) if (k[i] !== original[i]) differing++;
    expect(differing).toBeLessThanOrEqual(TOLERANCE);
    // And the colour comes back too: the whole face matches the original's golden image.
    expect(differingPixels('short-png-photo', previewImage(panels))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('from a ready-made front image of another shape is scaled whole, centred on white', () => {
    const panels = renderCard(record(9, { frontImage: syntheticPhoto(5) }), ISSUE);
    expect(panels.k).toHaveLength(127 * 648);
    // A 3:4 picture on a landscape card: white (no ink) at both sides.
    const c = panels.c ?? new Uint8Array();
    expect(c[300 * CARD_WIDTH + 10]).toBe(0);
    expect(c[300 * CARD_WIDTH + CARD_WIDTH / 2]).toBeGreaterThan(0);
  });
});
