import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DaemonProcess {
  readonly child: ChildProcess;
  /** POSTs JSON to the daemon with the token from its data dir. */
  post(path: string, body: unknown): Promise<Response>;
  /** Base URL of the status port, read from the daemon's "listening" log line. */
  readonly url: string;
  readonly output: () => string;
  /** Sends `signal` and resolves with the exit code (null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `cetakd` as a real process, as `npm start` would, and waits until its status port is up. */
export async function spawnDaemon(args: string[], timeoutMs = 20_000): Promise<DaemonProcess> {
  const dataDir = args[args.indexOf('--data-dir') + 1] ?? './data';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/cetakd.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CETAK_LOG_LEVEL: 'info' },
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

  return {
    child,
    url,
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/cetakd.ts', ...args], {
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
