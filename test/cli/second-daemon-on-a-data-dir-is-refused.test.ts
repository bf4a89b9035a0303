import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDaemon, spawnDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses a second daemon on the same data dir, naming the first; a crashed one does not block', async () => {
  const dataDir = join(dir, 'data');
  const first = await spawnDaemon(['--data-dir', dataDir, '--port', '0']);
  try {
    const second = await runDaemon(['--data-dir', dataDir, '--port', '0']);
    expect(second.code).toBe(75);
    expect(second.stderr).toContain(`in use by another cetakd (pid ${first.child.pid}`);
  } finally {
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
  }
  // The first died without cleaning up: its lock is stale and is taken over.
  const third = await spawnDaemon(['--data-dir', dataDir, '--port', '0']);
  expect(await third.stop('SIGTERM')).toBe(0);
}, 60_000);
