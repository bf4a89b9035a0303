import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';
import { writeResidentsCsv } from '../import/resident-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'cetak-100k-'));
let daemon: (TestDaemon & { url: string }) | undefined;
afterAll(async () => {
  await daemon?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real `cetak` entry point with a small heap: a reader that held the file would run out. */
async function cetakProcess(args: readonly string[], heapMb: number) {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'src/cli/cetak.ts', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('cetak import of 100,000 rows, 1 % bad', () => {
  it('queues the 99,000 good ones, lists exactly the 1,000 bad ones, and a second import adds nothing', async () => {
    const file = join(dir, 'residents.csv');
    const summary = await writeResidentsCsv(file, { count: ROWS, badEvery: 100, seed: 1 });
    expect(summary.badLines).toHaveLength(1000);
    daemon = await startListeningDaemon();

    let started = performance.now();
    const first = await runCli(['import', file, '--data-dir', daemon.dataDir]);
    const firstSeconds = (performance.now() - started) / 1000;
    const lines = first.stdout.trimEnd().split('\n');
    expect(first.code).toBe(65);
    expect(lines.at(-1)).toBe('accepted 99000, duplicates 0, rejected 1000');
    expect(lines.slice(0, -1).map((l) => Number(/^line (\d+): \w+: /.exec(l)?.[1]))).toEqual(
      summary.badLines,
    );
    expect(await queuedJobs(daemon)).toBe(99_000);

    started = performance.now();
    const second = await cetakProcess(['import', file, '--data-dir', daemon.dataDir], 64);
    const secondSeconds = (performance.now() - started) / 1000;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(65);
    expect(second.stdout.trimEnd().split('\n').at(-1)).toBe('accepted 0, duplicates 99000, rejected 1000');
    expect(await queuedJobs(daemon)).toBe(99_000);
    console.info(
      `100k import: first ${firstSeconds.toFixed(1)} s in-process, second ${secondSeconds.toFixed(1)} s as a process with a 64 MB heap`,
    );
  }, 120_000);
});
