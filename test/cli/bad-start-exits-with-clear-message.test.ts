import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-badstart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cetakd refuses to start', () => {
  it('with exit 78 and every problem of a bad config, each with its path', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'server:',
        '  port: http',
        'kecamatan:',
        '  - id: seberang-ulu-i',
        '    name: Seberang Ulu I',
        '    stations: [{ id: a, driver: emulator }]',
        '  - id: ilir-timur-ii',
        '    name: Ilir Timur II',
        '    stations: [{ id: b, driver: evolsi }]',
      ].join('\n'),
    );
    const { code, stderr } = await runDaemon(['--config', file, '--data-dir', join(dir, 'data')]);
    expect(code).toBe(78);
    expect(stderr).toContain(
      'kecamatan[1].stations[0].driver: unknown driver "evolsi" (known: evolis, emulator, emulator-direct)',
    );
    expect(stderr).toMatch(/server\.port: .*\(got "http"\)/);
  });

  it('with exit 78 when the config file does not exist', async () => {
    const { code, stderr } = await runDaemon(['--config', join(dir, 'missing.yaml')]);
    expect(code).toBe(78);
    expect(stderr).toContain('file not found');
  });

  it('with exit 64 and the usage for a bad flag', async () => {
    const { code, stderr } = await runDaemon(['--speed', 'fast']);
    expect(code).toBe(64);
    expect(stderr).toContain('--speed must be a number');
    expect(stderr).toContain('Usage: npm start');
  });
});
