import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { createDaemon } from '../../src/daemon.js';
import { DaemonLauncher } from '../../src/daemon-launch.js';
import { createLogger } from '../../src/log/logger.js';
import { resident, TEST_FLEET } from '../helpers/test-daemon.js';

const MB = 1024 * 1024;
const dataDir = mkdtempSync(join(tmpdir(), 'cetak-full-start-'));
let launcher: DaemonLauncher | undefined;
const clock = new VirtualClock(Date.UTC(2026, 0, 5, 0, 0, 0));

afterEach(async () => {
  const stopped = launcher?.stop();
  let done = false;
  stopped?.then(() => {
    done = true;
  });
  await clock.until(() => done, 200_000);
  rmSync(dataDir, { recursive: true, force: true });
});

/** SQLite's own "database or disk is full", as a store that cannot grow raises it. */
function sqliteFull(): Error {
  const db = new Database(':memory:');
  db.pragma('max_page_count = 1');
  try {
    db.exec('CREATE TABLE a (x); CREATE TABLE b (x); INSERT INTO a VALUES (randomblob(9000));');
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
  throw new Error('expected SQLITE_FULL');
}

it('a full disk at start gives a status port that says so, 507 for jobs, and a daemon once there is room', async () => {
  const config = parseConfig(TEST_FLEET, 'test config');
  const log = createLogger({ clock, level: 'silent' });
  let free = 0.3 * MB;
  let storeFull = true;
  let fatal: unknown;
  launcher = new DaemonLauncher({
    create: async () => {
      if (storeFull) throw sqliteFull();
      return createDaemon({ config, dataDir, clock, log });
    },
    dataDir,
    host: '127.0.0.1',
    port: 0,
    clock,
    log,
    site: 'Test site',
    allowedHosts: [],
    retryMs: 10_000,
    freeBytes: () => free,
    onFatal: (error) => {
      fatal = error;
    },
  });
  const url = await launcher.launch();
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  expect((await get('/healthz')).status).toBe(200);
  const waiting = await get('/readyz');
  expect(waiting.status).toBe(503);
  expect(waiting.body.reason).toBe('disk full: 0.3 MB free, need 1 MB');
  const submitted = await fetch(`${url}/api/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(resident(1)),
  });
  expect(submitted.status).toBe(507);
  expect(((await submitted.json()) as { error: string }).error).toBe('STORE_FULL');
  expect(existsSync(join(dataDir, 'cetak.db'))).toBe(false);

  // Room on the disk, but the store still cannot grow (SQLITE_FULL: a quota, say): still waiting.
  free = 50 * MB;
  await clock.advance(10_000);
  expect((await get('/readyz')).body.reason).toBe('disk full: 50.0 MB free, need 1 MB');
  expect(launcher.daemon).toBeUndefined();

  storeFull = false;
  await clock.advance(10_000);
  const daemon = await launcher.started;
  expect(fatal).toBeUndefined();
  expect((await daemon.server.inject('/readyz')).statusCode).toBe(200);
  expect(new URL(daemon.server.listeningOrigin).port).toBe(new URL(url).port);
  const accepted = await daemon.server.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: { authorization: `Bearer ${daemon.token}` },
    payload: resident(2),
  });
  expect(accepted.statusCode).toBe(201);
});
