import { describe, expect, it } from 'vitest';
import { compressMono, decompressMono, GUIDE_LINES } from '../../drivers/evolis/protocol/index.js';
import { decodeMonoPanel, LINES, MONO_LINE_BYTES, splitStream } from './guide-decoder.js';
import { VENDOR_STREAMS, vendorStream } from './stream-feeding.js';

/**
 * The K panels the Evolis Windows driver compressed decode to the same 1016 × 81 bytes with the
 * production codec as with the guide decoder, and the production compressor gives the vendor's
 * bytes back exactly.
 */

function vendorPanel(name: string): Uint8Array {
  const dbc = splitStream(vendorStream(name)).find((c) => c.name === 'Dbc');
  if (!dbc?.data) throw new Error(`${name}: no Dbc`);
  return dbc.data;
}

function inkShare(panel: Uint8Array): number {
  let ink = 0;
  for (const byte of panel) for (let bit = 0; bit < 8; bit++) ink += (byte >> bit) & 1;
  return ink / (panel.length * 8);
}

// What each picture is (README), as a share of inked dots: bounds loose enough for the driver's
// margins and dithering, tight enough to catch a flipped polarity or a misread line.
const INK: Record<(typeof VENDOR_STREAMS)[number], [number, number]> = {
  'card-black': [0.98, 1],
  'card-black-fit': [0.98, 1],
  'card-gradient': [0.3, 0.8],
  'card-gradient-fit': [0.3, 0.8],
  'card-white': [0, 0.02],
  'card-white-fit': [0, 0.02],
  'evolis-card-curves': [0.02, 0.4],
  'evolis-card-text': [0.02, 0.4],
};

describe('vendor K panels', () => {
  it.each(VENDOR_STREAMS)('%s decodes the same from the guide and compresses back to its bytes', (name) => {
    const compressed = vendorPanel(name);
    const fromGuide = decodeMonoPanel(compressed);
    expect(fromGuide.length).toBe(LINES * MONO_LINE_BYTES);

    const decoded = decompressMono(compressed, GUIDE_LINES);
    if (!decoded.ok) throw new Error(decoded.why);
    expect(decoded.lines).toBe(GUIDE_LINES);
    expect(Buffer.from(decoded.data).equals(Buffer.from(fromGuide))).toBe(true);

    const [low, high] = INK[name];
    expect(inkShare(fromGuide)).toBeGreaterThanOrEqual(low);
    expect(inkShare(fromGuide)).toBeLessThanOrEqual(high);

    expect(Buffer.from(compressMono(fromGuide)).equals(Buffer.from(compressed))).toBe(true);
  });

  it('are counted lines throughout, each ending on a byte with ink', () => {
    // No line of these pictures is all white or all black, so the Windows driver never needs the
    // 0x00 / 0xFF forms here; it trims each line after its last inked byte as section 4
    // says; so the exact re-compression above pins the counted form. The white and black forms
    // are pinned by the codec round trips.
    const odd: string[] = [];
    for (const name of VENDOR_STREAMS) {
      const data = vendorPanel(name);
      let i = 0;
      let lines = 0;
      while (i < data.length) {
        const counter = data[i] as number;
        const counted = counter >= 1 && counter <= MONO_LINE_BYTES && data[i + counter] !== 0;
        if (!counted) odd.push(`${name} line ${lines}: first byte ${counter}`);
        i += counter === 0 || counter === 0xff ? 1 : 1 + counter;
        lines++;
      }
      if (lines !== LINES) odd.push(`${name}: ${lines} lines`);
    }
    expect(odd).toEqual([]);
  });
});
