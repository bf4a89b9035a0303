import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { Clock } from '../clock/clock.js';
import { PERSONAL_FIELDS } from '../jobs/job-input.js';
import { maskNik } from '../jobs/nik.js';

export type { Logger } from 'pino';

/**
 * Field names that carry a resident's personal data. Code should not log them at all; this list
 * is the safety net that keeps a mistake out of the log files.
 */
const PERSONAL_KEYS = [
  ...PERSONAL_FIELDS,
  // Beyond a job's own fields: images, and the containers card text travels in.
  'photo',
  'signature',
  'fields',
  'card',
];

// pino's redaction matches exact paths; cover the depths where records realistically appear.
const REDACT_PATHS = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

function censor(value: unknown, path: string[]): unknown {
  // A masked NIK (region code only) is what operators need to tell residents' jobs apart.
  if (path.at(-1) === 'nik' && typeof value === 'string') return maskNik(value);
  return '[redacted]';
}

export interface LoggerOptions {
  level?: string;
  /** Timestamps come from this clock, so a simulated day logs simulated times. */
  clock?: Clock;
  /** Where JSON lines go; defaults to stdout, pretty-printed when stdout is a terminal. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination =
    options.destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', sync: true })
      : undefined);
  const settings = {
    level: options.level ?? process.env.CETAK_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor },
    base: { app: 'cetak' },
    ...(options.clock && { timestamp: timestampFrom(options.clock) }),
  };
  return destination ? pino(settings, destination) : pino(settings);
}

function timestampFrom(clock: Clock): () => string {
  return () => `,"time":${Math.round(clock.now())}`;
}

/**
 * `log.child(bindings)`, or `log` itself when it writes nothing at all: pino serialises a child's
 * bindings through the redaction when the child is made, which a simulation's silent logger paid
 * for on every card (1 % of a simulated fleet day).
 */
export function childLogger(log: Logger, bindings: Record<string, unknown>): Logger {
  return log.level === 'silent' ? log : log.child(bindings);
}
