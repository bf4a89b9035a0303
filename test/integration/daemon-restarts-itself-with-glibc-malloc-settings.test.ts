import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnDaemon } from '../helpers/spawn-daemon.js';

const root = mkdtempSync(join(tmpdir(), 'cetak-malloc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The environment a process was started (or last replaced) with, from /proc. */
function environOf(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').filter(Boolean);
  return Object.fromEntries(
    entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

/** The `malloc` field of the daemon's "starting cetak" log line. */
function loggedMalloc(output: string): string | undefined {
  const line = output.split('\n').find((l) => l.includes('"starting cetak"'));
  return line ? (JSON.parse(line) as { malloc?: string }).malloc : undefined;
}

const canReplaceItself = typeof (process as { execve?: unknown }).execve === 'function';
const glibc = Boolean(
  (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
    ?.glibcVersionRuntime,
);

// A real daemon process, as `npm start` starts it: the process the caller holds (its PID) is the one
// that serves, with glibc's settings in its environment where node can replace itself in place.
describe.skipIf(process.platform !== 'linux' || !glibc)('glibc malloc settings', () => {
  it.runIf(canReplaceItself)(
    'restarts itself in place with two arenas and a fixed mmap threshold',
    async () => {
      const daemon = await spawnDaemon(['--data-dir', join(root, 'a'), '--port', '0'], 20_000, [], {
        MALLOC_ARENA_MAX: undefined,
        MALLOC_MMAP_THRESHOLD_: undefined,
      });
      try {
        const env = environOf(daemon.child.pid as number);
        expect(env.MALLOC_ARENA_MAX).toBe('2');
        expect(env.MALLOC_MMAP_THRESHOLD_).toBe('16384');
        expect(env.CETAK_LOG_LEVEL).toBe('info'); // the rest of its environment kept
        expect(loggedMalloc(daemon.output())).toBe('MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=16384');
        expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
      } finally {
        expect(await daemon.stop()).toBe(0);
      }
    },
    40_000,
  );

  it('leaves malloc as it is when the environment sets MALLOC_ARENA_MAX', async () => {
    const daemon = await spawnDaemon(['--data-dir', join(root, 'b'), '--port', '0'], 20_000, [], {
      MALLOC_ARENA_MAX: '4',
      MALLOC_MMAP_THRESHOLD_: undefined,
    });
    try {
      const env = environOf(daemon.child.pid as number);
      expect(env.MALLOC_ARENA_MAX).toBe('4');
      expect(env.MALLOC_MMAP_THRESHOLD_).toBeUndefined();
      expect(loggedMalloc(daemon.output())).toBe('MALLOC_ARENA_MAX=4');
    } finally {
      await daemon.stop();
    }
  }, 40_000);

  it.skipIf(canReplaceItself)(
    'says in its log that malloc keeps glibc defaults on a node that cannot restart itself',
    async () => {
      const daemon = await spawnDaemon(['--data-dir', join(root, 'c'), '--port', '0'], 20_000, [], {
        MALLOC_ARENA_MAX: undefined,
      });
      try {
        expect(environOf(daemon.child.pid as number).MALLOC_ARENA_MAX).toBeUndefined();
        expect(loggedMalloc(daemon.output())).toMatch(/^glibc defaults/);
      } finally {
        await daemon.stop();
      }
    },
    40_000,
  );
});
