import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CetakError, isCetakError } from '../../src/errors.js';
import { checkScenarioAgainst, loadScenario, parseScenario } from '../../src/simulator/scenario.js';
import { palembang } from './sim-scene.js';

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (isCetakError(error, 'CONFIG_INVALID')) return (error as CetakError).details;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

const dir = mkdtempSync(join(tmpdir(), 'cetak-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scenario file', () => {
  it('is all defaults when empty', () => {
    const scenario = parseScenario({});
    expect(scenario).toMatchObject({ date: '2026-08-03', backlog: 400, faults: [] });
    expect(scenario.walkIns).toBeUndefined();
    expect(scenario.ambient).toBeUndefined();
  });

  it('refuses every bad field at once, each with its path', () => {
    const lines = problems(() =>
      parseScenario({
        date: '2026-02-30',
        ambient: 'sauna',
        walkIns: { perHour: -1, from: '8am', seed: 1.5 },
        backlog: 'lots',
        faults: [
          { station: 'sbu1-a', at: '25:00', fault: 'card-jam' },
          { station: 'x', at: '10:00', fault: 'gremlins' },
        ],
        backlg: 3,
      }),
    );
    const has = (prefix: string) =>
      expect(
        lines.some((line) => line.startsWith(prefix)),
        prefix,
      ).toBe(true);
    has('date: must be a date YYYY-MM-DD');
    has('ambient: unknown ambient profile "sauna"');
    has('walkIns.perHour:');
    has('walkIns.from: must be a local time HH:MM');
    has('walkIns.seed:');
    has('backlog:');
    has('faults[0].at: must be a local time HH:MM');
    has('faults[1].fault:');
    has('top level: unknown key "backlg"');
  });

  it('says when walk-ins would end before they start', () => {
    expect(problems(() => parseScenario({ walkIns: { perHour: 3, from: '15:00', to: '08:00' } }))).toEqual([
      'walkIns.to: from must be before to',
    ]);
  });

  it('must name stations and kecamatan the fleet has', () => {
    const scenario = parseScenario({
      walkIns: { perHour: 3, kecamatan: 'atlantis' },
      faults: [
        { station: 'sbu1-a', at: '10:00', fault: 'card-jam' },
        { station: 'sbu9-z', at: '11:00', fault: 'printer-reset' },
      ],
    });
    const lines = problems(() => checkScenarioAgainst(scenario, palembang()));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^faults\[1\]\.station: unknown station "sbu9-z" \(known: ib1-a, /);
    expect(lines[1]).toMatch(/^walkIns\.kecamatan: unknown kecamatan "atlantis"/);
  });

  it('names the file when read from YAML, and says when the file is not there', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'backlog: -5\nwalkIns: { perHour: 3, to: "16:00", kecamatan: plaju, extra: 1 }\n');
    let message = '';
    try {
      loadScenario(path);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`${path} is not valid:`);
    expect(message).toContain('backlog:');
    expect(message).toContain('walkIns: unknown key "extra"');
    expect(() => loadScenario(join(dir, 'missing.yaml'))).toThrow(/file not found/);
  });
});
