import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ChipCard } from '../../src/chip/chip-encoder.js';
import { type CommandEncoderOptions, commandEncoder } from '../../src/chip/command-encoder.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { createLogger } from '../../src/log/logger.js';

/** The stand-in personalisation program the command encoder's tests run. */
export const FAKE_ENCODER = fileURLToPath(new URL('../chip/fake-encoder.mjs', import.meta.url));

/** A synthetic resident's card (made-up name and NIK). */
export const SYNTHETIC_CARD: ChipCard = {
  jobId: 'job-0001',
  fields: { nik: '1671053112860002', nama: 'FIZUNE REKAAN', tempatLahir: 'PALEMBANG' },
};

/**
 * A command encoder running `node fake-encoder.mjs <mode> …` on a virtual clock, with its log
 * lines captured at debug level and a scratch directory for the program's files.
 */
export function commandScene(fakeArgs: string[], options: Partial<CommandEncoderOptions> = {}) {
  const clock = new VirtualClock();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'cetak-chip-'));
  const encoder = commandEncoder({
    program: process.execPath,
    args: [FAKE_ENCODER, ...fakeArgs.map((arg) => arg.replace('{dir}', dir))],
    timeoutSeconds: 30,
    clock,
    log: createLogger({ clock, destination, level: 'debug' }),
    stationId: 'sbu1-a',
    printerSerial: () => 'E4A0123456',
    ...options,
  });
  return { clock, logs, dir, encoder, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits (real time, polling every few ms) for a file the program writes once it is running. */
export async function fileWritten(path: string, limitMs = 10_000): Promise<string> {
  for (let waited = 0; waited < limitMs; waited += 5) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text !== '') return text;
    }
    await new Promise((resolve) => globalThis.setTimeout(resolve, 5));
  }
  throw new Error(`${path} was not written within ${limitMs} ms`);
}

/** Whether a process with this pid still exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
