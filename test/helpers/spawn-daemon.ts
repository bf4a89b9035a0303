import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sumOf } from '../../scripts/prometheus-samples.js';
import { DAEMON_NODE_FLAGS } from '../../src/bin/node-flags.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DaemonProcess {
  readonly child: ChildProcess;
  /** POSTs JSON to the daemon with the token from its data dir. */
  post(path: string, body: unknown): Promise<Response>;
  /** GETs a path and parses the JSON answer. */
  get<T>(path: string): Promise<T>;
  /** Polls a path every 100 ms (real time) until `until` holds or `timeoutMs` passes; the last answer. */
  waitFor<T>(path: string, until: (body: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Base URL of the status port, read from the daemon's "listening" log line. */
  readonly url: string;
  readonly output: () => string;
  /** Sends `signal` and resolves with the exit code (null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The compiled daemon (`npm run build`, which vitest's global setup runs), as `npm start` runs it. */
export const DAEMON_ENTRY = 'dist/src/bin/cetakd.js';

/** Runs `cetakd` as a real process, as `npm start` would, and waits until its status port is up. */
export async function spawnDaemon(
  args: string[],
  timeoutMs = 20_000,
  nodeArgs: readonly string[] = [],
  /** Added to (or, where undefined, taken from) this process's environment. */
  env: NodeJS.ProcessEnv = {},
): Promise<DaemonProcess> {
  const dataDir = args[args.indexOf('--data-dir') + 1] ?? './data';
  const node = [...DAEMON_NODE_FLAGS, ...nodeArgs, DAEMON_ENTRY];
  const child = spawn(process.execPath, [...node, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutUndefined({ ...process.env, CETAK_LOG_LEVEL: 'info', ...env }),
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = once(child, 'exit');

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`daemon did not listen within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code} before listening:\n${output}`));
    });
  });

  const get = async <T>(path: string) => (await (await fetch(`${url}${path}`)).json()) as T;
  return {
    child,
    url,
    get,
    async waitFor<T>(path: string, until: (body: T) => boolean, timeoutMs = 40_000) {
      const deadline = Date.now() + timeoutMs;
      let body = await get<T>(path);
      while (!until(body) && Date.now() < deadline) {
        await sleep(100);
        body = await get<T>(path);
      }
      return body;
    },
    post: (path, body) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${readFileSync(join(dataDir, 'token'), 'utf8').trim()}`,
        },
        body: JSON.stringify(body),
      }),
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs `cetakd` to completion (for start-up failures); resolves with exit code and output. */
export async function runDaemon(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, DAEMON_ENTRY, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** Submits a synthetic resident and waits until the card is printed; the job's last known state. */
export async function printOne(daemon: DaemonProcess, resident: object): Promise<string> {
  const { id } = (await (await daemon.post('/api/jobs', resident)).json()) as { id: string };
  return (await daemon.waitFor<{ state: string }>(`/api/jobs/${id}`, (job) => job.state === 'printed')).state;
}

/**
 * Waits (polling every 100 ms, real time) until the daemon has printed `count` good cards since it
 * started, or `timeoutMs` passes; the count last seen. Counted from `/metrics`, not `today.printed`
 * of `/api/status`: a daemon at `--speed 60` crosses midnight in Palembang within a minute or two
 * of real time whenever the run starts in the evening, and today's count starts again from zero.
 */
export async function waitForCardsPrinted(
  daemon: DaemonProcess,
  count: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const printed = async () =>
    sumOf(await (await fetch(`${daemon.url}/metrics`)).text(), 'cetak_cards_printed_total') ?? 0;
  let seen = await printed();
  while (seen < count && Date.now() < deadline) {
    await sleep(100);
    seen = await printed();
  }
  return seen;
}

/** Waits until the first station's state satisfies `until`; the state last seen. */
export async function firstStationState(
  daemon: DaemonProcess,
  until: (state: string) => boolean,
): Promise<string> {
  const status = await daemon.waitFor<{ stations: Array<{ state: string }> }>('/api/status', (s) =>
    until(s.stations[0]?.state ?? ''),
  );
  return status.stations[0]?.state ?? '';
}

function withoutUndefined(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
