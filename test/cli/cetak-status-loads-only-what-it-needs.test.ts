import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/cetak.js';

// Issue 15: `cetak status --json` must start in a few times node's own start-up. What it costs is
// what it loads; the time itself is `npm run bench:cli`'s to measure.
const dir = mkdtempSync(join(tmpdir(), 'cetak-cli-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the compiled `cetak` with a module-resolution hook; every module it loaded, and whether it used fetch. */
function loadedBy(args: readonly string[]): { modules: string[]; used: string[] } {
  const hooks = join(dir, 'hooks.mjs');
  const setup = join(dir, 'setup.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`,
  );
  writeFileSync(
    setup,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
Object.defineProperty(globalThis, 'fetch', { configurable: true, get() {
  process.stderr.write('USED fetch\\n');
  return fetchProperty.get ? fetchProperty.get.call(globalThis) : fetchProperty.value;
} });`,
  );
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(setup).href, ...args], {
    encoding: 'utf8',
  });
  const lines = (prefix: string) =>
    run.stderr
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length));
  return { modules: lines('LOADED '), used: lines('USED ') };
}

it('cetak status loads its own command and no dependency, config schema or fetch', () => {
  // Nothing listens on port 9: the request is made and refused.
  const { modules, used } = loadedBy([
    'dist/src/bin/cetak.js',
    'status',
    '--json',
    '--url',
    'http://127.0.0.1:9',
  ]);
  expect(modules.some((url) => url.endsWith('/dist/src/cli/commands/status.js'))).toBe(true);
  const others = Object.keys(COMMANDS).filter((name) => name !== 'status');
  expect(modules.filter((url) => others.some((name) => url.endsWith(`/commands/${name}.js`)))).toEqual([]);
  expect(modules.filter((url) => url.includes('/node_modules/'))).toEqual([]);
  expect(modules.filter((url) => /\/(config|store|render|server)\//.test(url))).toEqual([]);
  // Node's fetch (undici) costs ~0.2 s of CPU on first use.
  expect(used).toEqual([]);
});

it('names each command after its key', async () => {
  for (const [name, load] of Object.entries(COMMANDS)) expect((await load()).name).toBe(name);
});
