import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import type { ByteLink } from '../../src/transport/transport.js';

/** True when `socat` can be run; the serial and USB tests need it (Debian package `socat`). */
export const SOCAT_INSTALLED = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

/** Appended to the names of tests that are skipped without socat, so the reason shows in the report. */
export const NEEDS_SOCAT = SOCAT_INSTALLED
  ? ''
  : ' [SKIPPED: socat is not installed — apt-get install -y socat]';

export interface PtyPair {
  /** The two ends, e.g. `/dev/pts/3` and `/dev/pts/4`: bytes written to one are read from the other. */
  readonly a: string;
  readonly b: string;
  readonly process: ChildProcess;
  /** Kills socat (idempotent): both pseudo-terminals vanish, as when a USB adapter is pulled. */
  kill(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and reads the two pty names from its stderr. */
export async function startPtyPair(timeoutMs = 5_000): Promise<PtyPair> {
  const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  const [a, b] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      const names = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((match) => match[1] ?? '');
      // Only once this line is out are both ends open and copied between.
      if (names.length === 2 && stderr.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve([names[0] ?? '', names[1] ?? '']);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return {
    a,
    b,
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves with the first `count` bytes the link receives; rejects after `timeoutMs`. */
export function collect(link: ByteLink, count: number, timeoutMs = 3_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`got ${total} of ${count} bytes on ${link.description} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = link.onData((chunk) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= count) {
        clearTimeout(timer);
        stop();
        resolve(Buffer.concat(chunks).subarray(0, count));
      }
    });
  });
}

/** Resolves with the close error (or undefined) once the link reports closing; rejects on timeout. */
export function closeOf(link: ByteLink, timeoutMs = 3_000): Promise<Error | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${link.description} did not close`)), timeoutMs);
    link.onClose((error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Every byte value 0x00–0xFF, then the same reversed: line-discipline bytes (CR, ^C, XON/XOFF, DEL) included. */
export const ALL_BYTES = Buffer.from([
  ...Array.from({ length: 256 }, (_, i) => i),
  ...Array.from({ length: 256 }, (_, i) => 255 - i),
]);
