/**
 * `npm run build` (and `prepare`, so `npm ci` leaves a built tree): compiles `src/` and `drivers/`
 * to JavaScript in `dist/`, one file per source file, mirroring the repository
 * (`dist/src/bin/cetakd.js`), so relative imports and the driver registry work unchanged.
 *
 * Plain JavaScript on purpose: it runs before anything is built and under `npm ci --omit=dev`,
 * where neither tsx nor TypeScript is installed. esbuild only strips types (about a second for the
 * whole tree); type checking stays `tsc --noEmit` in `npm run lint`.
 */
import { chmodSync, cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
// Built aside, then swapped in: a daemon already running from dist/ (a test, a benchmark) may still
// import a module lazily, and finds either the old tree or the new one, never half of one.
const OUT = join(ROOT, `dist.building-${process.pid}`);
const SOURCE_DIRS = ['src', 'drivers'];
/** Made executable: package.json's `bin` points at them. */
const BINS = ['src/bin/cetakd.js', 'src/bin/cetak.js'];

const files = SOURCE_DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name))),
);
const sources = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
// Files read beside a module at run time (the dashboard's page, scripts and styles).
const assets = files.filter((file) => /\.(js|css|html|svg)$/.test(file));

await build({
  absWorkingDir: ROOT,
  entryPoints: sources,
  outdir: OUT,
  outbase: '.',
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // The sources' `#!` lines are kept: the bins' shebangs live in src/bin/*.ts.
  logLevel: 'warning',
});

for (const file of assets) {
  mkdirSync(dirname(join(OUT, file)), { recursive: true });
  cpSync(join(ROOT, file), join(OUT, file));
}
for (const bin of BINS) chmodSync(join(OUT, bin), 0o755);
// A whole new tree each time: a file deleted from the sources must not live on in the build.
rmSync(DIST, { recursive: true, force: true });
renameSync(OUT, DIST);
