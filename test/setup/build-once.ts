import { buildDist } from '../../scripts/build-dist.js';

/**
 * vitest's global setup: builds `dist/` once before any test file runs, so the tests that start
 * the compiled daemon or `cetak` (as `npm start` and the services do) never run a stale build.
 */
export default function buildOnce(): void {
  buildDist();
}
