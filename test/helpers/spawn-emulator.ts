import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface EmulatorProcess {
  readonly child: ChildProcess;
  /** What the emulator said it listens on, e.g. `serial:/dev/pts/4` or `tcp://127.0.0.1:39111`. */
  readonly endpoint: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** Runs `npm run emulator`'s script as a real process and waits for its "listening" line. */
export async function spawnEmulator(args: string[], timeoutMs = 20_000): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.ts', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit');
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulator did not listen within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /emulator listening on (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    child,
    endpoint,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
