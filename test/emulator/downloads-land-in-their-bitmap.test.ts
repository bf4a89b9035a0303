import { describe, expect, it } from 'vitest';
import type { GuideBitmap } from '../../drivers/emulator/bitmaps.js';
import { protocolScene } from './emulator-scene.js';
import {
  compressKO,
  compressYMC,
  kPattern,
  LINE_BYTES,
  LINES,
  levelsPattern,
  monoDots,
  packDb,
} from './guide-encoder.js';

const same = (a: Uint8Array | undefined, b: Uint8Array) => Buffer.from(a ?? []).equals(Buffer.from(b));

function monoOf(bitmap: GuideBitmap): Uint8Array | undefined {
  return bitmap.kind === 'mono' ? bitmap.lines : undefined;
}

describe('downloads land in the bitmap the data describes', () => {
  it('Dbc K at 2 levels (section 4 form): the panel, line for line', async () => {
    const { client, machine } = protocolScene();
    const panel = kPattern();
    const data = compressKO(panel);
    expect(await client.download('Dbc', ['k', 2, data.length], data)).toBe('OK');
    expect(same(monoOf(machine.bitmaps.get('k')), panel)).toBe(true);
    expect(machine.bitmaps.has('o')).toBe(false);
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });

  it.each([32, 64, 128] as const)('Dbc Y at %i levels: every dot at its level', async (resolution) => {
    const { client, machine } = protocolScene();
    const levels = levelsPattern(resolution);
    const data = compressYMC(levels, resolution);
    expect(await client.download('Dbc', ['y', resolution, data.length], data)).toBe('OK');
    const bitmap = machine.bitmaps.get('y');
    expect(bitmap.kind === 'levels' && bitmap.resolution).toBe(resolution);
    expect(same(bitmap.kind === 'levels' ? bitmap.levels() : undefined, levels)).toBe(true);
  });

  it('raw Db at 2 levels (K) and 128 levels (Y), cut into chunks anywhere', async () => {
    const { client, clock, machine } = protocolScene();
    const k = kPattern();
    const y = levelsPattern(128);
    const stream = Buffer.concat([
      Buffer.from('\x1bDb;k;2;', 'latin1'),
      packDb(monoDots(k), 1),
      Buffer.from('\r\x1bDb;y;128;', 'latin1'),
      packDb(y, 7),
      Buffer.from('\r\x1bRfv\r', 'latin1'),
    ]);
    for (let i = 0; i < stream.length; i += 7_919) await client.write(stream.subarray(i, i + 7_919));
    await clock.advance(100);
    expect(client.lines).toEqual(['OK', 'OK', 'EMU-2.0']);
    expect(same(monoOf(machine.bitmaps.get('k')), k)).toBe(true);
    const yBitmap = machine.bitmaps.get('y');
    expect(yBitmap.kind === 'levels' && same(yBitmap.levels(), y)).toBe(true);
  });

  it("rev. E's Dbc;k;2;first;n: lines from `first` on, white before", async () => {
    const { client, machine } = protocolScene();
    const first = 600;
    const panel = kPattern();
    const tail = panel.subarray(first * LINE_BYTES);
    const data = compressKO(tail);
    expect(await client.download('Dbc', ['k', 2, first, data.length], data)).toBe('OK');
    const lines = monoOf(machine.bitmaps.get('k'));
    expect(lines?.length).toBe(LINES * LINE_BYTES);
    expect(lines?.subarray(0, first * LINE_BYTES).every((b) => b === 0)).toBe(true);
    expect(same(lines?.subarray(first * LINE_BYTES), tail)).toBe(true);
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });

  it('the bitmaps stay for the next card until a download or Wcb replaces them', async () => {
    const { client, machine } = protocolScene();
    const data = compressKO(kPattern());
    expect(await client.download('Dbc', ['k', 2, data.length], data)).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Se')).toBe('OK');
    expect(same(monoOf(machine.lastCard?.panels.get('k') as GuideBitmap), kPattern())).toBe(true);
    expect(same(monoOf(machine.bitmaps.get('k')), kPattern())).toBe(true);
    expect(await client.request('Wcb;k')).toBe('OK');
    expect(monoOf(machine.bitmaps.get('k'))?.every((b) => b === 0)).toBe(true);
    expect(machine.bitmaps.has('y')).toBe(false);
  });
});
