import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DAEMON_NODE_FLAGS } from '../../src/bin/node-flags.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DRIVERS_DIR = join(ROOT, 'drivers');

/** Every file under `dir` (relative to the repository root), skipping dot-directories. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

const tsFilesUnder = (...dirs: string[]) => dirs.flatMap(filesUnder).filter((file) => file.endsWith('.ts'));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Source with `//` line comments removed (not inside strings, and not the `//` of a URL). */
function withoutLineComments(source: string): string {
  return source
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1'))
    .join('\n');
}

/** Source with block comments removed too, so JSDoc examples are not mistaken for code. */
function codeOnly(source: string): string {
  return withoutLineComments(source.replace(/\/\*[\s\S]*?\*\//g, ''));
}

/** Ways of reading or waiting on time that bypass the injected clock. */
const CLOCK_BYPASSES: ReadonlyArray<readonly [string, RegExp]> = [
  ['Date.now()', /\bDate\.now\s*\(/],
  ['new Date() without an argument', /\bnew\s+Date\s*\(\s*\)/],
  ['global setTimeout', /(?<![\w$.])setTimeout\s*\(|\bglobalThis\.setTimeout\b/],
  ['global setInterval', /(?<![\w$.])setInterval\s*\(|\bglobalThis\.setInterval\b/],
  ['global setImmediate', /(?<![\w$.])setImmediate\s*\(|\bglobalThis\.setImmediate\b/],
  ['node:timers', /from\s+['"](node:)?timers(\/promises)?['"]/],
];

function clockBypasses(source: string): string[] {
  const code = codeOnly(source);
  return CLOCK_BYPASSES.filter(([, pattern]) => pattern.test(code)).map(([what]) => what);
}

function report(offenders: readonly string[]): string {
  return offenders.length === 0 ? '' : `offending files:\n  ${offenders.join('\n  ')}`;
}

describe('architecture seams', () => {
  it('reads time only through the injected clock, outside src/clock/', () => {
    const files = tsFilesUnder('src', 'drivers').filter((file) => !file.startsWith('src/clock/'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => clockBypasses(read(file)).map((what) => `${file}: ${what}`));
    expect(offenders, report(offenders)).toEqual([]);
  });

  it('the clock check flags real calls and ignores comments and clock methods', () => {
    expect(clockBypasses('const t = Date.now();')).toEqual(['Date.now()']);
    expect(clockBypasses('const d = new Date ( );')).toEqual(['new Date() without an argument']);
    expect(clockBypasses('setTimeout(fn, 10);')).toEqual(['global setTimeout']);
    expect(clockBypasses('globalThis.setInterval(fn, 10);')).toEqual(['global setInterval']);
    expect(clockBypasses('await setImmediate();')).toEqual(['global setImmediate']);
    expect(clockBypasses("import { setTimeout as sleep } from 'node:timers/promises';")).toEqual([
      'node:timers',
    ]);
    expect(
      clockBypasses('clock.setTimeout(fn, 10); this.#clock.now(); new Date(0); Date.UTC(2026, 0, 1);'),
    ).toEqual([]);
    expect(clockBypasses('x(); // Date.now() would be wrong here')).toEqual([]);
    expect(clockBypasses('/** never call setTimeout(fn) */')).toEqual([]);
  });

  it('reaches drivers/ from src/ only through the registry', () => {
    const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
    const offenders: string[] = [];
    for (const file of tsFilesUnder('src')) {
      if (file === 'src/drivers/registry.ts') continue;
      for (const match of codeOnly(read(file)).matchAll(importPattern)) {
        const specifier = match[1] ?? '';
        if (!specifier.startsWith('.')) continue;
        const target = resolve(ROOT, dirname(file), specifier);
        if (target === DRIVERS_DIR || target.startsWith(DRIVERS_DIR + sep))
          offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders, report(offenders)).toEqual([]);
    // And the registry really is the way in.
    expect(read('src/drivers/registry.ts')).toContain('../../drivers/emulator/emulated-printer.js');
  });

  it('joins the evolis driver and the emulator only through drivers/evolis/protocol/', () => {
    // The emulator plays the printer: it may share the protocol module with the driver, never
    // import or subclass the driver itself, or the two halves would only agree with each other.
    const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
    const evolis = join(DRIVERS_DIR, 'evolis');
    const protocol = join(evolis, 'protocol');
    const emulator = join(DRIVERS_DIR, 'emulator');
    const offenders: string[] = [];
    const targets = (file: string) =>
      [...codeOnly(read(file)).matchAll(importPattern)]
        .map((match) => match[1] ?? '')
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => ({ specifier, target: resolve(ROOT, dirname(file), specifier) }));
    for (const file of tsFilesUnder('drivers/emulator')) {
      for (const { specifier, target } of targets(file)) {
        const intoEvolis = target === evolis || target.startsWith(evolis + sep);
        const intoProtocol = target === protocol || target.startsWith(protocol + sep);
        if (intoEvolis && !intoProtocol) offenders.push(`${file}: ${specifier}`);
      }
    }
    for (const file of tsFilesUnder('drivers/evolis')) {
      for (const { specifier, target } of targets(file)) {
        if (target === emulator || target.startsWith(emulator + sep)) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders, report(offenders)).toEqual([]);
    // And the emulator really does use the protocol module.
    expect(read('drivers/emulator/protocol-server.ts')).toContain('../evolis/protocol/index.js');
  });

  it("keeps the printer's real figures from the daemon: only the emulator and the simulator's referee read them", () => {
    // A scheduler or estimator that peeked at the emulator's `printer:` block would agree with
    // the simulation for the wrong reason (issue 13: blind means blind on every path).
    const readers = /printer-truth\.js|emulator\??\.printer\b/;
    const allowed = (file: string) =>
      file.startsWith('src/config/') ||
      file.startsWith('src/simulator/') ||
      file.startsWith('drivers/emulator/');
    const files = tsFilesUnder('src', 'drivers').filter((file) => !allowed(file));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => readers.test(codeOnly(read(file))));
    expect(offenders, report(offenders)).toEqual([]);
    // And the check does see such a read.
    expect(readers.test("import { trueProfile } from '../config/printer-truth.js';")).toBe(true);
    expect(readers.test('const p = station.emulator?.printer;')).toBe(true);
  });

  it('keeps every source file under 400 lines', () => {
    const offenders = tsFilesUnder('src', 'drivers', 'scripts')
      .map((file) => ({ file, lines: read(file).split('\n').length - (read(file).endsWith('\n') ? 1 : 0) }))
      .filter(({ lines }) => lines > 400)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(offenders, report(offenders)).toEqual([]);
  });

  it('names every source file and directory in kebab-case', () => {
    const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    // Documents such as PROTOCOL.md follow the README convention of upper-case names.
    const sources = ['src', 'drivers', 'scripts', 'test']
      .flatMap(filesUnder)
      .filter((f) => !f.endsWith('.md'));
    const offenders = sources.filter((file) =>
      file.split('/').some((part, i, parts) => {
        // `name.test.ts` → `name`; `.d.ts` and other compound extensions drop every dotted suffix.
        const stem = i === parts.length - 1 ? basename(part, extname(part)).split('.')[0] : part;
        return !kebab.test(stem ?? '');
      }),
    );
    expect(offenders, report(offenders)).toEqual([]);
  });
});

describe('how the daemon is run', () => {
  it('npm start, the systemd unit, the Windows service and the bin run the compiled daemon with the same memory flags', () => {
    const flags = DAEMON_NODE_FLAGS.join(' ');
    const entry = 'dist/src/bin/cetakd.js';
    const pkg = JSON.parse(read('package.json')) as { scripts: { start: string }; bin: { cetakd: string } };
    expect(pkg.scripts.start).toBe(`node ${flags} ${entry}`);
    expect(pkg.bin.cetakd).toBe(`./${entry}`);
    expect(read('scripts/service/linux/cetakd.service')).toContain(
      `ExecStart=/usr/bin/node ${flags} ${entry} `,
    );
    expect(read('scripts/service/windows/cetakd.xml')).toContain(
      `<arguments>${flags} ${entry.replaceAll('/', '\\')} `,
    );
    // The compiled bin keeps its source's first line (scripts/build.mjs).
    expect(read('src/bin/cetakd.ts').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
  });
});
