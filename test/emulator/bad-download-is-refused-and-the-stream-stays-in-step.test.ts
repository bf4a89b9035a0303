import { describe, expect, it } from 'vitest';
import { dataCommand, protocolScene } from './emulator-scene.js';
import { compressKO, compressYMC, kPattern, LINE_BYTES, LINES, levelsPattern } from './guide-encoder.js';

const RFV = Buffer.from('\x1bRfv\r', 'latin1');
const whiteK = (lines: number) => new Uint8Array(lines); // one 0x00 a white line
/** A whole K panel uncompressed; at 128 levels a panel is seven times that. */
const K_RAW = LINES * LINE_BYTES;

/** Sends a download and an `Rfv` in one write; returns every reply after a moment. */
async function thenRfv(bytes: Buffer) {
  const scene = protocolScene();
  await scene.client.write(Buffer.concat([bytes, RFV]));
  await scene.clock.advance(100);
  return { lines: scene.client.lines, scene };
}

describe('a bad download is refused ERR PARAM, and the next command is answered', () => {
  const levels = compressYMC(levelsPattern(128), 128);
  const cases: Array<[string, Buffer]> = [
    ['a K panel a line short', dataCommand('Dbc', ['k', 2, LINES - 1], whiteK(LINES - 1))],
    ['a K panel a line long', dataCommand('Dbc', ['k', 2, LINES + 1], whiteK(LINES + 1))],
    ['a K line counter of 100', dataCommand('Dbc', ['k', 2, 1016], Uint8Array.of(100, ...whiteK(1015)))],
    ['a K line cut off by the end', dataCommand('Dbc', ['k', 2, 1017], Uint8Array.of(...whiteK(1015), 3, 1))],
    ['a Y panel a dot short', dataCommand('Dbc', ['y', 128, levels.length - 1], levels.subarray(0, -1))],
    ['Y compressed at 2 levels', dataCommand('Dbc', ['y', 2, levels.length], levels)],
    ['K at 128 levels', dataCommand('Db', ['k', 128], new Uint8Array(K_RAW * 7))],
    ['an unknown panel', dataCommand('Db', ['q', 2], new Uint8Array(K_RAW))],
    ['data not followed by CR', dataCommand('Db', ['k', 2], new Uint8Array(K_RAW), false)],
    ['Db without its data', Buffer.from('\x1bDb;k;2\r', 'latin1')],
  ];

  it.each(cases)('%s', async (_what, bytes) => {
    const { lines, scene } = await thenRfv(bytes);
    expect(lines).toEqual(['ERR PARAM', 'EMU-2.0']);
    expect(['y', 'm', 'c', 'k', 'o'].some((p) => scene.machine.bitmaps.has(p as 'k'))).toBe(false);
  });

  it('keeps the bitmap it had when a later download of that panel is refused', async () => {
    const { client, machine } = protocolScene();
    const good = compressKO(kPattern());
    expect(await client.download('Dbc', ['k', 2, good.length], good)).toBe('OK');
    expect(await client.download('Dbc', ['k', 2, 3], Uint8Array.of(0, 0, 200))).toBe('ERR PARAM');
    const bitmap = machine.bitmaps.get('k');
    expect(bitmap.kind === 'mono' && Buffer.from(bitmap.lines).equals(Buffer.from(kPattern()))).toBe(true);
  });

  it('a length it cannot know (Db at 3 levels, Dbc over 1 MiB) swallows until the host pauses', async () => {
    const { client } = protocolScene();
    await client.write(Buffer.from('\x1bDb;k;3;\x1bRfv\r', 'latin1'));
    expect(await client.during(4_000)).toEqual([]);
    expect(await client.during(1_100)).toEqual(['ERR PARAM']);
    expect(await client.request('Rfv')).toBe('EMU-2.0');
    await client.write(Buffer.from('\x1bDbc;k;2;2000000;\x00\x0d\x1bRsn\r', 'latin1'));
    expect(await client.during(5_100)).toEqual(['ERR PARAM']);
    expect(await client.request('Rsn')).toBe('EMU0001');
  });

  it('a download that stalls half-way is given up after the idle time', async () => {
    const { client, machine } = protocolScene({ downloadIdleMs: 5_000 });
    await client.write(dataCommand('Db', ['k', 2], new Uint8Array(500), false));
    expect(await client.during(4_999)).toEqual([]);
    expect(await client.during(1)).toEqual(['ERR PARAM']);
    expect(await client.request('Rfv')).toBe('EMU-2.0');
    expect(machine.bitmaps.has('k')).toBe(false);
  });
});
