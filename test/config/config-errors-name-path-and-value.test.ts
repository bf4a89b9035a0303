import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from '../../src/config/load-config.js';
import { CetakError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function writeYaml(text: string): string {
  const file = join(dir, `config-${++fileCount}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Runs `fn`, expecting a CetakError; returns it so the test can look at code and details. */
function cetakErrorFrom(fn: () => unknown): CetakError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CetakError);
    return error as CetakError;
  }
  throw new Error('expected a CetakError, but nothing was thrown');
}

/** `path: message` → `[path, message]`. */
function splitProblem(line: string): [string, string] {
  const at = line.indexOf(': ');
  return [line.slice(0, at), line.slice(at + 2)];
}

const station = (id: string, extra: Record<string, unknown> = {}) => ({ id, driver: 'emulator', ...extra });
const kecamatan = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Kec ${id}`, ...extra });
const validRaw = () => ({ kecamatan: [kecamatan('a', { stations: [station('a-1')] })] });

describe('config problems name the path and, where useful, the value', () => {
  it('names a misspelt driver with its full path and the known drivers', () => {
    const file = writeYaml(
      [
        'kecamatan:',
        '  - id: ilir-barat-i',
        '    name: Ilir Barat I',
        '    stations:',
        '      - id: ib1-a',
        '        driver: emulator',
        '  - id: ilir-timur-i',
        '    name: Ilir Timur I',
        '    stations:',
        '      - id: it1-a',
        '        driver: evolsi',
        '',
      ].join('\n'),
    );
    const error = cetakErrorFrom(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual([
      'kecamatan[1].stations[0].driver: unknown driver "evolsi" (known: evolis, emulator, emulator-direct)',
    ]);
    expect(error.message).toContain(
      'kecamatan[1].stations[0].driver: unknown driver "evolsi" (known: evolis, emulator, emulator-direct)',
    );
    expect(error.message).toContain(file);
  });

  it('reports an unknown top-level key at the top level, naming the key', () => {
    const error = cetakErrorFrom(() => parseConfig({ ...validRaw(), servr: { port: 8080 } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toHaveLength(1);
    const [path, message] = splitProblem(error.details[0] ?? '');
    expect(message).toBe('unknown key "servr"');
    // The top level has no dotted path; whatever it is called, it names no field.
    expect(path).not.toMatch(/[.[\]]|kecamatan|server|site/);
  });

  it('reports an unknown station key with the station path', () => {
    const raw = { kecamatan: [kecamatan('a', { stations: [station('a-1', { colour: 'red' })] })] };
    const error = cetakErrorFrom(() => parseConfig(raw));
    expect(error.details).toEqual(['kecamatan[0].stations[0]: unknown key "colour"']);
  });

  it('quotes the offending value of a wrongly typed field', () => {
    const error = cetakErrorFrom(() => parseConfig({ ...validRaw(), server: { port: 'http' } }));
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatch(/^server\.port: .*\(got "http"\)$/);
  });

  it('lists every problem of a file, not just the first', () => {
    const file = writeYaml(
      [
        'servr:',
        '  port: 8080',
        'server:',
        '  port: 99999',
        'site:',
        '  timezone: Asia/Palembang',
        '  dailyTarget: lots',
        'kecamatan:',
        '  - id: seberang-ulu-i',
        '    name: Seberang Ulu I',
        '    stations:',
        '      - id: sbu1-a',
        '        driver: evolsi',
        '        colour: red',
        '      - id: sbu1-a',
        '        driver: emulator',
        '',
      ].join('\n'),
    );
    const error = cetakErrorFrom(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toHaveLength(7);
    const problems = error.details.map(splitProblem);
    expect(problems.filter(([, message]) => message === 'unknown key "servr"')).toHaveLength(1);
    const fieldPaths = problems
      .filter(([, message]) => message !== 'unknown key "servr"')
      .map(([path]) => path);
    expect(fieldPaths.sort()).toEqual(
      [
        'server.port',
        'site.timezone',
        'site.dailyTarget',
        'kecamatan[0].stations[0]',
        'kecamatan[0].stations[0].driver',
        'kecamatan[0].stations[1].id',
      ].sort(),
    );
    expect(problems).toContainEqual(['kecamatan[0].stations[0]', 'unknown key "colour"']);
    expect(problems).toContainEqual(['server.port', expect.stringContaining('(got 99999)')]);
    for (const line of error.details) expect(error.message).toContain(line);
  });

  it('still checks ids and references when a field has the wrong type', () => {
    const raw = {
      server: { port: 'http' },
      kecamatan: [
        kecamatan('a', { stations: [station('s-1'), station('s-1')] }),
        kecamatan('b', { parent: 'zz' }),
      ],
    };
    const details = cetakErrorFrom(() => parseConfig(raw)).details;
    expect(details).toHaveLength(3);
    expect(details).toContain('kecamatan[0].stations[1].id: duplicate station id "s-1"');
    expect(details).toContain('kecamatan[1].parent: unknown kecamatan "zz" (known: a, b)');
    expect(details.some((line) => line.startsWith('server.port: '))).toBe(true);
  });

  it('reports duplicate station ids, even across kecamatan', () => {
    const raw = {
      kecamatan: [
        kecamatan('a', { stations: [station('s-1'), station('s-2')] }),
        kecamatan('b', { stations: [station('s-2')] }),
      ],
    };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'kecamatan[1].stations[0].id: duplicate station id "s-2"',
    ]);
  });

  it('reports duplicate kecamatan ids', () => {
    const raw = {
      kecamatan: [
        kecamatan('a', { stations: [station('s-1')] }),
        kecamatan('a', { stations: [station('s-2')] }),
      ],
    };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'kecamatan[1].id: duplicate kecamatan id "a"',
    ]);
  });

  it('reports an unknown profile, listing the known ones', () => {
    const raw = { kecamatan: [kecamatan('a', { stations: [station('s-1', { profile: 'thermal-x' })] })] };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'kecamatan[0].stations[0].profile: unknown profile "thermal-x" (known: retransfer-ref)',
    ]);
  });

  it('reports a parent kecamatan that does not exist', () => {
    const raw = {
      kecamatan: [kecamatan('a', { stations: [station('s-1')] }), kecamatan('b', { parent: 'nowhere' })],
    };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'kecamatan[1].parent: unknown kecamatan "nowhere" (known: a, b)',
    ]);
  });

  it('reports a kecamatan with neither stations nor a parent', () => {
    const raw = { kecamatan: [kecamatan('a', { stations: [station('s-1')] }), kecamatan('b')] };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'kecamatan[1].stations: needs at least one station, or a parent kecamatan to print at',
    ]);
  });

  it('reports a time zone that does not exist', () => {
    const raw = { ...validRaw(), site: { timezone: 'Asia/Palembang' } };
    expect(cetakErrorFrom(() => parseConfig(raw)).details).toEqual([
      'site.timezone: unknown time zone "Asia/Palembang"',
    ]);
  });

  it('gives CONFIG_INVALID for YAML that does not parse', () => {
    const file = writeYaml('kecamatan:\n  - id: a\n    name: [unclosed\n');
    const error = cetakErrorFrom(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('not valid YAML');
    expect(error.details.length).toBeGreaterThan(0);
  });

  it('gives CONFIG_INVALID for a YAML key written twice', () => {
    const file = writeYaml('server:\n  port: 1\nserver:\n  port: 2\nkecamatan: []\n');
    const error = cetakErrorFrom(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('not valid YAML');
  });

  it('gives CONFIG_UNREADABLE for a file that does not exist', () => {
    const missing = join(dir, 'no-such-config.yaml');
    const error = cetakErrorFrom(() => loadConfig(missing));
    expect(error.code).toBe('CONFIG_UNREADABLE');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('file not found');
  });
});

describe('the default config', () => {
  it('loads one kecamatan with two emulator stations and the documented defaults', () => {
    const config = loadConfig();
    expect(loadConfig(DEFAULT_CONFIG_PATH)).toEqual(config);
    expect(config.kecamatan).toHaveLength(1);
    const stations = config.kecamatan[0]?.stations ?? [];
    expect(stations).toHaveLength(2);
    expect(stations.map((s) => s.driver)).toEqual(['emulator', 'emulator']);
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8787, allowedHosts: [] });
    expect(config.site.dailyTarget).toBe(160);
    expect(config.site.timezone).toBe('Asia/Jakarta');
    expect(config.profiles['retransfer-ref']).toMatchObject({
      printSeconds: 45,
      encodeSeconds: 20,
      thermal: { timeConstantMinutes: 25, heaterOffsetC: 5, heatPerCardC: 2, cutoffC: 56, resumeBelowC: 45 },
      roller: {
        setPointC: 165,
        readyMinC: 160,
        readyMaxC: 170,
        heatRatePerSecond: 0.8,
        coolTimeConstantMinutes: 10,
      },
      capacity: { ribbon: 500, film: 1000, feeder: 100, hopper: 100 },
      heaterIdleOffMinutes: 15,
    });
  });

  it('applies the same defaults to a minimal config', () => {
    const config = parseConfig(validRaw());
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8787, allowedHosts: [] });
    expect(config.site).toMatchObject({ timezone: 'Asia/Jakarta', dailyTarget: 160 });
    expect(config.daemon.shutdownGraceSeconds).toBe(90);
    expect(config.kecamatan[0]?.stations[0]?.profile).toBe('retransfer-ref');
    expect(Object.keys(config.profiles)).toContain('retransfer-ref');
  });

  it('is deeply frozen', () => {
    const config = loadConfig();
    const server = config.server as { port: number };
    const firstStation = config.kecamatan[0]?.stations[0] as { driver: string };
    const stations = config.kecamatan[0]?.stations as unknown as unknown[];
    expect(() => {
      server.port = 1;
    }).toThrow(TypeError);
    expect(() => {
      firstStation.driver = 'evolsi';
    }).toThrow(TypeError);
    expect(() => stations.push({})).toThrow(TypeError);
    expect(config.server.port).toBe(8787);
    expect(config.kecamatan[0]?.stations).toHaveLength(2);
  });
});
