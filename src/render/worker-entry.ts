import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

let fromSources: { code: string; eval: true } | undefined;

/**
 * How to start the card-work thread. Compiled to `.js` (issue 15), its file is the entry. From
 * TypeScript sources (`npm start`, tests) Node 20 will not load a `.ts` entry in a thread, even
 * with the daemon's `--import tsx` inherited (the thread's entry is resolved before that loader
 * applies), and vitest has no tsx at all: a one-line entry registers tsx in the thread first.
 */
export function cardWorkerEntry(): { code: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts'))
    return { code: new URL('./card-worker.js', import.meta.url), eval: false };
  if (!fromSources) {
    const entry = new URL('./card-worker.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(tsxApi())}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
    fromSources = { code, eval: true };
  }
  return fromSources;
}

/**
 * tsx's ESM API module, found from its package.json: `import.meta.resolve` would wait on the
 * module loader's thread while the event loop is busy serving printers, and tsx's CommonJS build
 * of this API cannot register hooks.
 */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports['./esm/api']?.import.default;
  if (!api) throw new Error(`tsx ${manifest} has no ESM API entry`);
  return pathToFileURL(join(dirname(manifest), api)).href;
}
