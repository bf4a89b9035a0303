import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `npm run build` (scripts/build.mjs) in this process's stead, for the benchmarks and the
 * tests that start the compiled daemon or `cetak`: they must never measure a stale `dist/`.
 */
export function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
