import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateMain } from '../../src/simulator/cli.js';
import { REFERENCE_STATION } from './sim-scene.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A short day: a small backlog and a few walk-ins, on the reference station. */
const SCENARIO = join(dir, 'short.yaml');
writeFileSync(SCENARIO, 'backlog: 30\nwalkIns: { perHour: 6, from: "08:00", to: "10:00", seed: 2 }\n');

async function simulate(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await simulateMain(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const WAITS = ['count', 'p50s', 'p95s', 'maxs'];

describe('npm run simulate', () => {
  it('--json prints one object: policy, days, wallSeconds, stations and totals', async () => {
    const { code, stdout } = await simulate('--config', REFERENCE_STATION, '--scenario', SCENARIO, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual([
      'date',
      'days',
      'policy',
      'stations',
      'totals',
      'wallSeconds',
    ]);
    expect(report).toMatchObject({ policy: 'thermal', days: 1, date: '2026-08-03' });
    expect(report.wallSeconds).toBeGreaterThan(0);
    expect(report.stations).toHaveLength(1);
    const [station] = report.stations;
    expect(Object.keys(station).sort()).toEqual(
      [
        'days',
        'id',
        'kecamatan',
        'outsideHours',
        'peakC',
        'printed',
        'shutdowns',
        'spoiled',
        'spoiledBy',
        'thermalBound',
        'walkIns',
      ].sort(),
    );
    expect(station).toMatchObject({ id: 'ref-1', kecamatan: 'seberang-ulu-i' });
    expect(Object.keys(station.walkIns).sort()).toEqual([...WAITS].sort());
    expect(station.walkIns.count).toBeGreaterThan(0);
    for (const key of ['p50s', 'p95s', 'maxs']) expect(typeof station.walkIns[key]).toBe('number');
    expect(station.printed).toBe(30 + station.walkIns.count);
    expect(station.thermalBound).toBeGreaterThan(150);
    expect(Object.keys(report.totals).sort()).toEqual(
      ['outsideHours', 'printed', 'shutdowns', 'spoiled', 'thermalBound', 'walkIns'].sort(),
    );
    expect(Object.keys(report.totals.walkIns).sort()).toEqual([...WAITS, 'unserved'].sort());
    expect(report.totals.printed).toBe(station.printed);
    // The day on its own, and what the daemon believed of the printer at its end.
    expect(station.days).toHaveLength(1);
    const [day] = station.days;
    expect(Object.keys(day).sort()).toEqual(
      ['belief', 'date', 'printed', 'shutdowns', 'spoiled', 'thermalBound', 'walkIns'].sort(),
    );
    expect(day).toMatchObject({ date: '2026-08-03', printed: station.printed, spoiled: station.spoiled });
    for (const key of ['heatPerCardC', 'timeConstantMinutes', 'heaterOffsetC', 'roomOffsetC']) {
      const { mean, low, high } = day.belief[key];
      expect(low).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(high);
    }
    expect(day.belief.evidence.cards).toBe(station.printed + station.spoiled);
    // --json alone writes no plot.
    expect(existsSync(join(dir, 'simulation.svg'))).toBe(false);
  });

  it('without --json prints a table and writes the plot', async () => {
    const { code, stdout } = await simulate(
      '--config',
      REFERENCE_STATION,
      '--scenario',
      SCENARIO,
      '--policy',
      'fifo',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^policy fifo, 1 day from 2026-08-03/);
    expect(stdout).toMatch(/\nref-1 +seberang-ulu-i +\d+/);
    const svg = readFileSync(join(dir, 'simulation.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('ref-1 (seberang-ulu-i)');
    expect(svg).toContain('cut-off 56 °C');
  });

  it('answers a bad command line with 64 and a bad config or scenario with 78', async () => {
    expect((await simulate('--scenario', SCENARIO)).code).toBe(64);
    expect((await simulate('--config', REFERENCE_STATION, '--policy', 'lifo')).stderr).toContain(
      '--policy must be thermal or fifo',
    );
    expect((await simulate('--config', REFERENCE_STATION, '--days', '0')).code).toBe(64);
    expect((await simulate('--config', REFERENCE_STATION, '--speed', '2')).code).toBe(64);
    expect((await simulate('--config', join(dir, 'nope.yaml'))).code).toBe(78);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'faults: [{ station: ref-9, at: "10:00", fault: card-jam }]\n');
    const refused = await simulate('--config', REFERENCE_STATION, '--scenario', bad);
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('faults[0].station: unknown station "ref-9" (known: ref-1)');
  });
});
