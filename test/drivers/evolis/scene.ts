import { pino } from 'pino';
import { EvolisDriver, type EvolisDriverOptions } from '../../../drivers/evolis/evolis-driver.js';
import type { ChipCard, ChipEncoder, ChipResult } from '../../../src/chip/chip-encoder.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { profileSchema } from '../../../src/config/schema.js';
import type { CardToPrint, PrinterStatus, RenderedPanels } from '../../../src/drivers/driver.js';
import { driverContext } from '../../helpers/driver-context.js';
import { type Answer, EXTENSIONS, FakePrinter, GUIDE_PRINTER, type ReplyStyle } from './fake-printer.js';

export interface SceneOptions {
  /** Answers set over {@link GUIDE_PRINTER}'s (and the extensions', with `extensions`). */
  readonly table?: Readonly<Record<string, Answer>>;
  /** Whether the printer has Cetak's extensions (`Xv` answered). Default false. */
  readonly extensions?: boolean;
  /** How the fake frames its replies. Default CR. */
  readonly style?: ReplyStyle;
  readonly driver?: EvolisDriverOptions;
  /** Raw profile config, defaulted like a config file's. */
  readonly profile?: Record<string, unknown>;
}

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
export function evolisScene(options: SceneOptions = {}): Scene {
  const clock = new VirtualClock();
  const table = { ...GUIDE_PRINTER, ...(options.extensions && EXTENSIONS), ...options.table };
  const printer = new FakePrinter(clock, table, options.style);
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const driver = new EvolisDriver(
    driverContext({
      clock,
      log,
      station: { id: 'st-1', driver: 'evolis', port: 'tcp://192.0.2.10:9100' },
      profile: profileSchema.parse(options.profile ?? {}),
    }),
    printer.open,
    options.driver,
  );
  const statuses: PrinterStatus[] = [];
  driver.onStatus((status) => statuses.push(status));
  return { clock, printer, driver, statuses, logLines };
}

export interface FakeEncoder extends ChipEncoder {
  /** The cards it was asked to personalise. */
  readonly calls: ChipCard[];
}

/** A chip encoder that answers `result` (or what `encode` returns), recording its calls. */
export function fakeEncoder(
  result: ChipResult | ((card: ChipCard) => ChipResult | Promise<ChipResult>),
): FakeEncoder {
  const calls: ChipCard[] = [];
  return {
    kind: 'command',
    calls,
    encode: async (card) => {
      calls.push(card);
      return typeof result === 'function' ? result(card) : result;
    },
  };
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

export const CARD: CardToPrint = Object.freeze({
  jobId: '0f8e6a52-2d0c-4c1e-9d53-6e1f7c9b2a10',
  fields: Object.freeze({ name: 'PERSONAL-MARKER-NAME', nik: '1671053112860002' }),
});

const WIDTH = 1016;
const HEIGHT = 648;

/**
 * A card face like the daemon renders one: a black bar of text on `k`, a full overlay, a yellow
 * block (the photo's place) at full ink, magenta and cyan blank. Full ink or none, so a decoded
 * panel's ink can be counted against it.
 */
export function renderedPanels(): Required<Omit<RenderedPanels, 'settings'>> {
  const k = new Uint8Array((WIDTH / 8) * HEIGHT);
  for (let y = 100; y < 140; y++) k.fill(0xff, y * (WIDTH / 8) + 10, y * (WIDTH / 8) + 60);
  const y = new Uint8Array(WIDTH * HEIGHT);
  for (let row = 200; row < 400; row++) y.fill(255, row * WIDTH + 50, row * WIDTH + 250);
  return {
    k,
    o: new Uint8Array((WIDTH / 8) * HEIGHT).fill(0xff),
    y,
    m: new Uint8Array(WIDTH * HEIGHT),
    c: new Uint8Array(WIDTH * HEIGHT),
  };
}
