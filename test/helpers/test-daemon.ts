import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { createDaemon, type Daemon } from '../../src/daemon.js';
import { createLogger } from '../../src/log/logger.js';

/**
 * What the default fleet's emulated stations carry: a contactless chip station that personalises
 * each card, and Cetak's extensions (temperatures, heater). Tests of a printer that speaks only
 * the guide leave these out.
 */
export const EMULATED_STATION = { chip: { encoder: 'emulated' }, emulator: { extensions: true } } as const;

/** A two-station emulated kecamatan plus a printer-less one routed to it. */
export const TEST_FLEET = {
  // A constant 30 °C room: the reference profile's numbers (162.5 s warm-up) hold exactly.
  site: {
    name: 'Test site',
    timezone: 'Asia/Jakarta',
    ambient: 30,
    serviceHours: { open: '00:00', close: '23:59' },
  },
  kecamatan: [
    {
      id: 'seberang-ulu-i',
      name: 'Seberang Ulu I',
      stations: [
        { id: 'sbu1-a', driver: 'emulator', ...EMULATED_STATION },
        { id: 'sbu1-b', driver: 'emulator', ...EMULATED_STATION },
      ],
    },
    { id: 'jakabaring', name: 'Jakabaring', parent: 'seberang-ulu-i' },
  ],
};

export interface TestDaemon {
  readonly daemon: Daemon;
  readonly clock: VirtualClock;
  readonly dataDir: string;
  /** Every log line the daemon wrote, as raw JSON text. */
  readonly logs: string[];
  /** POSTs a job and returns the response's status and body. */
  submit(body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GETs a path from the status port. */
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** POSTs a body (with the daemon's token) to a path of the status port. */
  post(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Stops the daemon, letting virtual time run so a card in progress can finish. */
  stop(): Promise<void>;
  /** Stops and starts a new daemon on the same data dir and clock. */
  restart(): Promise<TestDaemon>;
  /** Stops and removes the data dir. */
  dispose(): Promise<void>;
}

export interface TestDaemonOptions {
  readonly config?: unknown;
  readonly dataDir?: string;
  readonly clock?: VirtualClock;
}

/**
 * Starts a whole daemon in-process on a virtual clock with an emulated fleet. The status port is
 * reached through `inject()`, so no network port is opened.
 */
export async function startTestDaemon(options: TestDaemonOptions = {}): Promise<TestDaemon> {
  // 07:00 WIB on a Monday: the office is about to open.
  const clock = options.clock ?? new VirtualClock(Date.UTC(2026, 0, 5, 0, 0, 0));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cetak-test-'));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = parseConfig(options.config ?? TEST_FLEET, 'test config');
  const log = createLogger({ clock, destination, level: 'debug' });
  const daemon = await createDaemon({ config, dataDir, clock, log });
  await daemon.start();
  await clock.settle();

  const request = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await daemon.server.inject({
      method,
      url,
      headers: { authorization: `Bearer ${daemon.token}` },
      ...(payload !== undefined && { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  const stop = async () => {
    const stopped = daemon.stop();
    // Let virtual time pass so the grace period (and any card in the printer) can run out.
    const graceMs = config.daemon.shutdownGraceSeconds * 1000;
    let done = false;
    stopped.then(() => {
      done = true;
    });
    await clock.until(() => done, graceMs + 1000);
    await stopped;
  };

  const handle: TestDaemon = {
    daemon,
    clock,
    dataDir,
    logs,
    submit: (body) => request('POST', '/api/jobs', body),
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    stop,
    restart: async () => {
      await stop();
      return startTestDaemon({ ...options, clock, dataDir });
    },
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** A valid synthetic resident for the test fleet's kecamatan. */
export function resident(seed: number, overrides: Record<string, unknown> = {}) {
  return { ...syntheticResident(seed), ...overrides };
}

/** Advances virtual time until the job reaches one of `states`; returns the job view. */
export async function waitForJob(
  test: TestDaemon,
  id: string,
  states: readonly string[],
  limitMs = 30 * 60_000,
): Promise<Record<string, unknown>> {
  let job: Record<string, unknown> = {};
  await test.clock.until(async () => {
    job = (await test.get(`/api/jobs/${id}`)).body;
    return states.includes(String(job.state));
  }, limitMs);
  return job;
}
