import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { SystemClock } from '../../src/clock/system-clock.js';
import { previewPng } from '../../src/render/card-preview.js';
import { renderCard } from '../../src/render/render-card.js';
import { resident } from '../helpers/test-daemon.js';
import { runCli } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonFile(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('cetak preview FILE OUT.png', () => {
  it('draws the card as the printer would, into an owner-only PNG, with no daemon', async () => {
    const record = resident(71, { photo: syntheticPhoto(71) });
    const out = join(dir, 'card.png');
    const run = await runCli(['preview', jsonFile('record.json', record), out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('card.png (1016 × 648 dots');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const written = readFileSync(out);
    expect([PNG.sync.read(written).width, PNG.sync.read(written).height]).toEqual([1016, 648]);
    // The same face the daemon would print today (the run and this check share the day).
    const card = { ...record, validUntil: 'SEUMUR HIDUP' } as Record<string, string>;
    const expected = previewPng(
      renderCard(card, { issuedAt: new SystemClock().now(), timeZone: 'Asia/Jakarta' }),
    );
    expect(written.equals(expected)).toBe(true);
  });

  it('keeps an existing OUT.png (73) unless --force', async () => {
    const out = join(dir, 'kept.png');
    writeFileSync(out, 'old');
    const file = jsonFile('kept.json', resident(72));
    const kept = await runCli(['preview', file, out]);
    expect(kept.code).toBe(73);
    expect(kept.stderr).toContain('give --force');
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect((await runCli(['preview', file, out, '--force', '--json'])).code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });

  it('lists what cannot be printed by field (65), never quoting a value, and writes nothing', async () => {
    const wide = 'MWMWMW '.repeat(11).trim();
    const out = join(dir, 'refused.png');
    const run = await runCli([
      'preview',
      jsonFile('wide.json', resident(73, { name: wide, sex: 'X' as 'L' })),
      out,
    ]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain('- sex: must be one of L, P');
    expect(run.stderr).not.toContain(resident(73).nik);
    const fits = await runCli(['preview', jsonFile('wide2.json', resident(73, { name: wide })), out]);
    expect(fits.code).toBe(65);
    expect(fits.stderr).toContain('- name: too long for its place on the card');
    expect(fits.stderr).not.toContain('MWMW');
    expect(() => statSync(out)).toThrow();
  });

  it('says why it cannot read FILE (66) or a bad option (64)', async () => {
    expect((await runCli(['preview', join(dir, 'missing.json'), join(dir, 'x.png')])).code).toBe(66);
    const zone = await runCli([
      'preview',
      jsonFile('z.json', resident(74)),
      join(dir, 'z.png'),
      '--timezone',
      'Mars/Olympus',
    ]);
    expect(zone.code).toBe(64);
    expect(zone.stderr).toContain('unknown time zone');
  });
});
