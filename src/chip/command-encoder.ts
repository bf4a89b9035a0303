import { type ChildProcess, spawn } from 'node:child_process';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log/logger.js';
import type { ChipCard, ChipEncoder, ChipResult } from './chip-encoder.js';

/** How much of the program's stdout is kept: its tail, since the UID is on the last line. */
export const STDOUT_CAP_BYTES = 64 * 1024;
/** Between SIGTERM and SIGKILL when the program is stopped. */
export const KILL_GRACE_MS = 2000;
/** How long after the program exits its output may stay open (a background child holding it). */
const OUTPUT_GRACE_MS = 1000;
const UID_LINE = /^[0-9A-Fa-f]{8,20}$/;
// On POSIX the program leads its own process group, so a wrapper script's children are stopped too.
const OWN_GROUP = process.platform !== 'win32';

export interface CommandEncoderOptions {
  /** The program to run, without a shell. */
  readonly program: string;
  readonly args: readonly string[];
  readonly timeoutSeconds: number;
  readonly clock: Clock;
  readonly log: Logger;
  readonly stationId: string;
  readonly printerSerial?: (() => string | undefined) | undefined;
}

/**
 * `chip.encoder: command`: runs an external program (PC/SC personalisation software) once per
 * card, while the card is at the contactless station. The program gets the card as one JSON line
 * on stdin and `CETAK_JOB_ID`, `CETAK_STATION`, `CETAK_PRINTER_SERIAL` in its environment. Exit 0
 * is success, and a last stdout line of 8–20 hex digits is the chip's UID. Nothing the program
 * writes is logged: it may echo personal data. See `docs/chip.md`.
 */
export function commandEncoder(options: CommandEncoderOptions): ChipEncoder {
  return { kind: 'command', encode: (card, signal) => runProgram(options, card, signal) };
}

type Ending = ChipResult | 'aborted';

function runProgram(
  options: CommandEncoderOptions,
  card: ChipCard,
  signal?: AbortSignal,
): Promise<ChipResult> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const { clock, log } = options;
  const started = clock.now();
  return new Promise<ChipResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(options.program, [...options.args], {
        env: programEnv(options, card.jobId),
        stdio: 'pipe',
        detached: OWN_GROUP,
        windowsHide: true,
      });
    } catch (error) {
      resolve(failure(`encoder could not start: ${errorCode(error)} (${options.program})`));
      return;
    }
    let stdout = Buffer.alloc(0);
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stopping: 'timeout' | 'abort' | undefined;
    let done = false;
    const timers: TimerHandle[] = [];
    const later = (ms: number, fn: () => void) => timers.push(clock.setTimeout(fn, ms));

    const ending = (): Ending => {
      if (stopping === 'abort') return 'aborted';
      if (stopping === 'timeout') return failure(`encoder timed out after ${options.timeoutSeconds} s`);
      if (exit?.code === 0) {
        const uid = uidFrom(stdout);
        return uid === undefined ? { ok: true } : { ok: true, uid };
      }
      if (exit?.signal) return failure(`encoder was stopped by ${exit.signal}`);
      return failure(`encoder exited with code ${exit?.code ?? 'unknown'}`);
    };
    const finish = (end: Ending) => {
      if (done) return;
      done = true;
      for (const timer of timers) clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      const facts = { jobId: card.jobId, ms: clock.now() - started, stdoutBytes, stderrBytes };
      if (end === 'aborted') {
        log.warn(facts, 'chip encoding aborted; encoder stopped');
        reject(signal?.reason);
      } else {
        if (end.ok) log.info({ ...facts, chipUid: end.uid }, 'chip encoded');
        else log.warn({ ...facts, reason: end.reason }, 'chip encoding failed');
        resolve(end);
      }
    };
    const stop = (why: 'timeout' | 'abort') => {
      if (exit) return finish(ending());
      stopping ??= why;
      sendSignal(child, 'SIGTERM');
      later(KILL_GRACE_MS, () => sendSignal(child, 'SIGKILL'));
    };
    const onAbort = () => stop('abort');

    child.on('error', (error) => {
      if (child.pid === undefined)
        finish(failure(`encoder could not start: ${errorCode(error)} (${options.program})`));
      else log.warn({ jobId: card.jobId, code: errorCode(error) }, 'chip encoder process error');
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      if (stopping) finish(ending());
      else later(OUTPUT_GRACE_MS, () => finish(ending()));
    });
    child.on('close', (code, closeSignal) => {
      exit ??= { code, signal: closeSignal };
      finish(ending());
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      stdout = Buffer.concat([stdout, chunk]);
      if (stdout.length > STDOUT_CAP_BYTES) stdout = stdout.subarray(stdout.length - STDOUT_CAP_BYTES);
    });
    // Counted only: the program may echo the card's data there.
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrBytes += chunk.length;
    });
    // A program that exits without reading its input makes this write fail (EPIPE); its exit says why.
    child.stdin?.on('error', () => {});
    child.stdin?.end(`${JSON.stringify({ jobId: card.jobId, fields: card.fields })}\n`);

    later(options.timeoutSeconds * 1000, () => stop('timeout'));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function programEnv(options: CommandEncoderOptions, jobId: string): NodeJS.ProcessEnv {
  // A serial inherited from the daemon's own environment would name the wrong printer.
  const { CETAK_PRINTER_SERIAL: _inherited, ...inherited } = process.env;
  const serial = options.printerSerial?.();
  return {
    ...inherited,
    CETAK_JOB_ID: jobId,
    CETAK_STATION: options.stationId,
    ...(serial !== undefined && serial !== '' && { CETAK_PRINTER_SERIAL: serial }),
  };
}

/** The chip UID from the program's last non-empty stdout line, upper-cased; undefined if it is none. */
export function uidFrom(stdout: Buffer): string | undefined {
  const last = stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1);
  return last !== undefined && UID_LINE.test(last) ? last.toUpperCase() : undefined;
}

function sendSignal(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (OWN_GROUP) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

function failure(reason: string): ChipResult {
  return { ok: false, reason };
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}
