import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoder whose program exits 0', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  afterEach(() => scene?.dispose());

  it('succeeds with the last stdout line as the UID, upper-cased', async () => {
    scene = commandScene(['uid', '{dir}/given.json']);
    const result = await scene.encoder.encode(SYNTHETIC_CARD);
    expect(result).toEqual({ ok: true, uid: '04A1B2C3D4E5F6' });
  });

  it('was given the card as one JSON line on stdin and the job, station and printer in its environment', async () => {
    scene = commandScene(['uid', '{dir}/given.json']);
    await scene.encoder.encode(SYNTHETIC_CARD);
    const given = JSON.parse(readFileSync(join(scene.dir, 'given.json'), 'utf8'));
    expect(given.stdin.endsWith('\n')).toBe(true);
    expect(given.stdin.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(given.stdin)).toEqual({ jobId: SYNTHETIC_CARD.jobId, fields: SYNTHETIC_CARD.fields });
    expect(given.env).toEqual({
      CETAK_JOB_ID: 'job-0001',
      CETAK_STATION: 'sbu1-a',
      CETAK_PRINTER_SERIAL: 'E4A0123456',
    });
  });

  it('leaves CETAK_PRINTER_SERIAL out while the printer serial is unknown', async () => {
    scene = commandScene(['uid', '{dir}/given.json'], { printerSerial: () => undefined });
    await scene.encoder.encode(SYNTHETIC_CARD);
    const given = JSON.parse(readFileSync(join(scene.dir, 'given.json'), 'utf8'));
    expect(Object.keys(given.env).sort()).toEqual(['CETAK_JOB_ID', 'CETAK_STATION']);
  });

  it('succeeds without a UID when the last line is not 8–20 hex digits', async () => {
    scene = commandScene(['exit', '0']);
    expect(await scene.encoder.encode(SYNTHETIC_CARD)).toEqual({ ok: true });
  });
});
