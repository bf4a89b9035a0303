import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCardsTo } from '../../drivers/emulator/cards-dir.js';
import { protocolScene } from './emulator-scene.js';
import { compressKO, compressYMC, DOTS, kPattern, LINES, levelsPattern } from './guide-encoder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sceneWithCardsDir() {
  const scene = protocolScene();
  const dir = mkdtempSync(join(tmpdir(), 'cetak-cards-'));
  dirs.push(dir);
  writeCardsTo(dir, scene.machine);
  const files = () => readdirSync(dir).sort();
  return { ...scene, dir, files };
}

describe('cardsDir: each printed card leaves its panels as pictures', () => {
  it('a YMCKO card: <n>-k.pbm (P4, 648 × 1016, the bits sent) and the four other panels', async () => {
    const { client, dir, files } = sceneWithCardsDir();
    const k = compressKO(kPattern());
    const y = levelsPattern(32);
    const yData = compressYMC(y, 32);
    expect(await client.download('Dbc', ['k', 2, k.length], k)).toBe('OK');
    expect(await client.download('Dbc', ['y', 32, yData.length], yData)).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(files()).toEqual([]);
    expect(await client.request('Se')).toBe('OK');
    expect(files()).toEqual(['1-c.pgm', '1-k.pbm', '1-m.pgm', '1-o.pbm', '1-y.pgm']);

    const pbm = readFileSync(join(dir, '1-k.pbm'));
    const header = `P4\n${DOTS} ${LINES}\n`;
    expect(pbm.subarray(0, header.length).toString('latin1')).toBe(header);
    expect(pbm.subarray(header.length).equals(Buffer.from(kPattern()))).toBe(true);

    // Y, M, C: grey levels as brightness, maxval = levels − 1, so no ink is white.
    const pgm = readFileSync(join(dir, '1-y.pgm'));
    const pgmHeader = `P5\n${DOTS} ${LINES}\n31\n`;
    expect(pgm.subarray(0, pgmHeader.length).toString('latin1')).toBe(pgmHeader);
    const pixels = pgm.subarray(pgmHeader.length);
    expect(pixels.length).toBe(DOTS * LINES);
    expect(pixels.every((p, i) => p === 31 - (y[i] as number))).toBe(true);
    const white = readFileSync(join(dir, '1-o.pbm')).subarray(header.length);
    expect(white.every((b) => b === 0)).toBe(true);
  });

  it('a K ribbon writes k alone; numbers count every blank fed and never repeat', async () => {
    const { client, files } = sceneWithCardsDir();
    expect(await client.request('Pr;k')).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Se')).toBe('OK');
    expect(files()).toEqual(['1-k.pbm']);
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Ser')).toBe('OK'); // card 2 rejected unprinted: no picture
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Se')).toBe('OK');
    expect(await client.request('Srs')).toBe('OK'); // a restart does not count again from 1
    expect(await client.request('Pr;k')).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Se')).toBe('OK');
    expect(files()).toEqual(['1-k.pbm', '3-k.pbm', '4-k.pbm']);
  });
});
