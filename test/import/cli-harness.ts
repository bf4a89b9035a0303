import { main } from '../../src/cli/cetak.js';
import type { CliIo } from '../../src/cli/commands/cli-support.js';
import { SystemClock } from '../../src/clock/system-clock.js';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

/** What one in-process `cetak` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tty?: boolean;
}

/** Runs `cetak` in this process with captured output; the CLI waits on the real clock (timeouts). */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stderrIsTty: options.tty ?? false,
    env: options.env ?? {},
    clock: new SystemClock(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fleet that never prints (its printer has no blanks), so imported jobs stay queued. */
export const IDLE_FLEET = oneStationFleet({ emulator: { stock: { feeder: 0 } } });

/**
 * A whole daemon in-process (virtual clock, emulated idle fleet) listening on a free loopback
 * port, so the CLI talks to it over real HTTP. `listen()` writes `daemon.json`; the token file is
 * written at start.
 */
export async function startListeningDaemon(
  config: unknown = IDLE_FLEET,
): Promise<TestDaemon & { url: string }> {
  const test = await startTestDaemon({ config });
  const url = await test.daemon.listen('127.0.0.1', 0);
  return Object.assign(test, { url });
}

/** Jobs waiting in every kecamatan's queue, from `GET /api/status`. */
export async function queuedJobs(test: TestDaemon): Promise<number> {
  const status = (await test.get('/api/status')).body as {
    kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
  };
  return status.kecamatan.reduce((n, k) => n + k.queue.walkIn + k.queue.backlog, 0);
}
