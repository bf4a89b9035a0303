import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDaemon, spawnDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('makes its install secret at first start, and will not start without it afterwards', async () => {
  const dataDir = join(dir, 'data');
  const first = await spawnDaemon(['--data-dir', dataDir, '--port', '0']);
  expect(await first.stop('SIGTERM')).toBe(0);
  const secret = join(dataDir, 'secret');
  expect(statSync(secret).mode & 0o777).toBe(0o600);

  rmSync(secret);
  const second = await runDaemon(['--data-dir', dataDir, '--port', '0']);
  expect(second.code).toBe(73);
  expect(second.stderr).toContain(`the install secret ${secret} is missing`);
  expect(second.stderr).toContain('Put back the office');
  // It did not quietly make a new one, which would have unlocked every printed NIK.
  expect(existsSync(secret)).toBe(false);
}, 60_000);
