import type { Clock } from '../../../src/clock/clock.js';
import { memoryLinkPair } from '../../../src/transport/memory-link.js';
import type { ByteLink } from '../../../src/transport/transport.js';
import { CommandDecoder, type ReceivedCommand } from './command-decoder.js';

/**
 * How the fake answers a command:
 * - a string: that reply line (CR added);
 * - `{ raw }`: exactly those bytes;
 * - `{ after, reply }`: `reply`, `after` ms later on the clock;
 * - `SILENT`: nothing;
 * - `[a, b, …]`: each in turn, all written at once;
 * - a function of the command: whatever it returns.
 */
export type Answer =
  | string
  | { readonly raw: Uint8Array | string }
  | { readonly after: number; readonly reply: Answer }
  | { readonly silent: true }
  | readonly Answer[]
  | ((command: ReceivedCommand) => Answer);

export const SILENT: Answer = Object.freeze({ silent: true });

/** A healthy printer with extensions, ready to print. */
export const HEALTHY: Readonly<Record<string, Answer>> = {
  Rtp: 'Fake Retransfer Printer',
  Rsn: 'FAKE0001',
  Rfv: 'FAKE-1.0',
  Xv: '1',
  Rst: 'READY',
  Rpb: 'NONE',
  Rco: 'cards=12;ribbon=488;film=988;feeder=88;hopper=88',
  Xt: 'internal=35.2;roller=165.0',
  Xh: 'OK',
  Pr: 'OK',
  Db: 'OK',
  Dbc: 'OK',
  Ss: 'OK',
  Sr: 'OK',
  Sic: 'OK',
  Xce: '04A1B2C3D4E5F6',
  Se: 'OK',
  Ser: 'OK',
};

/** The same printer without extensions: every `X…` command is unknown to it. */
export const NO_EXTENSIONS: Readonly<Record<string, Answer>> = Object.fromEntries(
  Object.entries(HEALTHY).filter(([name]) => !name.startsWith('X')),
);

/**
 * A scripted printer on the far end of a memory link. It answers each command from its table
 * (`ERR UNKNOWN` for names it lacks), or from answers queued with {@link once}, and records what
 * it received. It knows nothing of the protocol's state: tests say what it should answer.
 */
export class FakePrinter {
  readonly received: ReceivedCommand[] = [];
  readonly table: Map<string, Answer>;
  /** Written after every answer, e.g. garbage between replies. */
  afterEachAnswer: Answer | undefined;
  /** Links opened so far (one per `connect`). */
  opened = 0;
  readonly #clock: Clock;
  readonly #queued = new Map<string, Answer[]>();
  #printerSide: ByteLink | undefined;

  constructor(clock: Clock, table: Readonly<Record<string, Answer>> = HEALTHY) {
    this.#clock = clock;
    this.table = new Map(Object.entries(table));
  }

  /** The driver's {@link LinkOpener}: a fresh link pair each call. */
  readonly open = async (): Promise<ByteLink> => {
    const [host, printer] = memoryLinkPair(`fake-${++this.opened}`);
    const decoder = new CommandDecoder();
    printer.onData((chunk) => {
      for (const command of decoder.push(chunk)) this.#answer(printer, command);
    });
    this.#printerSide = printer;
    return host;
  };

  /** Sets the standing answer to `name`. */
  set(name: string, answer: Answer): this {
    this.table.set(name, answer);
    return this;
  }

  /** Queues answers used for the next commands named `name`, before the table's. */
  once(name: string, ...answers: Answer[]): this {
    this.#queued.set(name, [...(this.#queued.get(name) ?? []), ...answers]);
    return this;
  }

  /** Names of the commands received, in order; with `params`, `Xh;1`-style. */
  names(withParams = false): string[] {
    return this.received.map((c) => (withParams ? [c.name, ...c.params].join(';') : c.name));
  }

  count(name: string): number {
    return this.received.filter((c) => c.name === name).length;
  }

  /** Sends bytes nobody asked for (nothing once the link is closed). */
  async send(bytes: Uint8Array | string): Promise<void> {
    if (this.#printerSide?.closed !== false) return;
    await this.#printerSide.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Pulls the cable: the host sees its link close. */
  async disconnect(): Promise<void> {
    await this.#printerSide?.close();
  }

  #answer(link: ByteLink, command: ReceivedCommand): void {
    this.received.push(command);
    const queue = this.#queued.get(command.name);
    const answer = queue?.shift() ?? this.table.get(command.name) ?? 'ERR UNKNOWN';
    this.#write(link, command, answer);
    if (this.afterEachAnswer !== undefined) this.#write(link, command, this.afterEachAnswer);
  }

  #write(link: ByteLink, command: ReceivedCommand, answer: Answer): void {
    if (link.closed) return;
    if (typeof answer === 'function') {
      this.#write(link, command, answer(command));
    } else if (typeof answer === 'string') {
      void link.write(Buffer.from(`${answer}\r`, 'latin1'));
    } else if (Array.isArray(answer)) {
      for (const part of answer) this.#write(link, command, part);
    } else if ('raw' in answer) {
      void link.write(typeof answer.raw === 'string' ? Buffer.from(answer.raw, 'latin1') : answer.raw);
    } else if ('after' in answer) {
      this.#clock.setTimeout(() => this.#write(link, command, answer.reply), answer.after);
    }
  }
}
