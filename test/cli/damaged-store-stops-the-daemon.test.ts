import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDaemon } from '../helpers/spawn-daemon.js';
import { resident, startTestDaemon } from '../helpers/test-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses to start on a damaged store, with exit 65 and what to do', async () => {
  const dataDir = join(dir, 'data');
  const test = await startTestDaemon({ dataDir });
  for (let seed = 1; seed <= 50; seed++) await test.submit(resident(seed));
  await test.stop();

  // Scribble over the middle of the database, as a failing disk would.
  const file = join(dataDir, 'cetak.db');
  const fd = openSync(file, 'r+');
  const size = statSync(file).size;
  writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);

  const { code, stderr } = await runDaemon(['--data-dir', dataDir, '--port', '0']);
  expect(code).toBe(65);
  expect(stderr).toContain('is damaged');
  expect(stderr).toContain('backup');
});
