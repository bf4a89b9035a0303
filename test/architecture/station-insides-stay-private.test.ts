import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STATION_CLASS = 'src/station/station.ts';
/** The bound: views depend on the snapshot and the action types, not on the class. */
const MAX_IMPORTERS = 6;

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

const outside = () =>
  ['src', 'scripts', 'drivers'].flatMap(tsFilesUnder).filter((file) => !file.startsWith('src/station/'));

/** Every module a file names in `import … from`, `export … from` or `import()`, as repository paths. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts'),
    );
}

/** A station's parts reached through a variable that holds one (`station.driver`, `stations[0]?.model`…). */
const REACH_IN = /\b(?:station|stations\[[^\]]*\]|probe\.station)\??\.(?:driver|model|pacer|hours|walkIns)\b/;

describe("a station's insides", () => {
  it(`are imported as the Station class by at most ${MAX_IMPORTERS} files outside src/station, type-only imports included`, () => {
    const importers = outside().filter((file) =>
      importsOf(file, readFileSync(join(ROOT, file), 'utf8')).includes(STATION_CLASS),
    );
    expect(importers.length, importers.join(', ')).toBeLessThanOrEqual(MAX_IMPORTERS);
  });

  it('are not reached into from outside src/station', () => {
    const offenders = outside().flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        // Comments may name config paths such as `kecamatan[1].stations[0].driver`.
        .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && REACH_IN.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the checks see what they look for', () => {
    expect(importsOf('src/fleet/x.ts', "import type { Station } from '../station/station.js';")).toEqual([
      STATION_CLASS,
    ]);
    expect(importsOf('src/daemon.ts', "const m = await import('./station/station.js');")).toEqual([
      STATION_CLASS,
    ]);
    for (const line of [
      'station.driver.status()',
      'stations[0]?.model.belief()',
      'probe.station.walkIns.note(1)',
    ])
      expect(REACH_IN.test(line), line).toBe(true);
    expect(REACH_IN.test('stationConfig.driver')).toBe(false);
  });
});
