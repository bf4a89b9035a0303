import { pino } from 'pino';
import { EvolisDriver, type EvolisDriverOptions } from '../../../drivers/evolis/evolis-driver.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import type { PrinterStatus } from '../../../src/drivers/driver.js';
import { driverContext } from '../../helpers/driver-context.js';
import { type Answer, FakePrinter, HEALTHY } from './fake-printer.js';

export interface Scene {
  readonly clock: VirtualClock;
  readonly printer: FakePrinter;
  readonly driver: EvolisDriver;
  /** Every status the driver emitted. */
  readonly statuses: PrinterStatus[];
  /** Every log line the driver wrote, as JSON text. */
  readonly logLines: string[];
}

/** An Evolis driver on the virtual clock, talking to a fake printer over a memory link. */
export function evolisScene(
  table: Readonly<Record<string, Answer>> = HEALTHY,
  options: EvolisDriverOptions = {},
): Scene {
  const clock = new VirtualClock();
  const printer = new FakePrinter(clock, table);
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const driver = new EvolisDriver(
    driverContext({ clock, log, station: { id: 'st-1', driver: 'evolis', port: 'tcp://192.0.2.10:9100' } }),
    printer.open,
    options,
  );
  const statuses: PrinterStatus[] = [];
  driver.onStatus((status) => statuses.push(status));
  return { clock, printer, driver, statuses, logLines };
}

/** Where a promise stands, without waiting for it. */
export function track<T>(promise: Promise<T>): {
  readonly settled: () => boolean;
  readonly value: () => T | undefined;
  readonly error: () => unknown;
} {
  let state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => {
      state = { done: true, value };
    },
    (error: unknown) => {
      state = { done: true, error };
    },
  );
  return { settled: () => state.done, value: () => state.value, error: () => state.error };
}

/** The rejection of `promise`; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

export const CARD = Object.freeze({
  jobId: '0f8e6a52-2d0c-4c1e-9d53-6e1f7c9b2a10',
  fields: Object.freeze({ name: 'PERSONAL-MARKER-NAME', nik: '1671053112860002' }),
});
