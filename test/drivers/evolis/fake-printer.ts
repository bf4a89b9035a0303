import type { Clock } from '../../../src/clock/clock.js';
import { memoryLinkPair } from '../../../src/transport/memory-link.js';
import type { ByteLink } from '../../../src/transport/transport.js';
import { CommandDecoder, type ReceivedCommand } from './command-decoder.js';

/**
 * How the fake answers a command:
 * - a string: that reply in the fake's {@link ReplyStyle} (`OK`, `ERR …`, or a value);
 * - `{ raw }`: exactly those bytes, whatever the style;
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

/**
 * The three forms of reply a printer may use (A5013 sections 3 and 5): text ended by CR, text
 * ended by NUL, or ACK/NACK (ACK alone for OK, a value then ACK, NACK then a one-byte code).
 */
export type ReplyStyle = 'cr' | 'nul' | 'ack-nack';

const ACK = 0x06;
const NACK = 0x15;
/** NACK codes of section 5, by the word an `ERR …` text would carry. */
const NACK_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/FEEDER/, 'F'],
  [/COVER/, 'C'],
  [/RIBBON|FILM/, 'R'],
  [/TIMEOUT|JAM/, 'T'],
  [/PARAM/, '2'],
];

/**
 * A printer that speaks only the guide: who it is, ribbon reads, the card steps. Card presence
 * (`Rlr;p`) and the counters (`Rco;c`, `Rco;p`) come from the fake's small model unless a test
 * sets them. Keys are a command's name, or `name;params` to answer one form of it.
 */
export const GUIDE_PRINTER: Readonly<Record<string, Answer>> = {
  Rtp: 'Evolis Primacy',
  Rsn: 'FAKE0001',
  Rfv: '1.2.3',
  Rcr: 'OK',
  'Rco;l': '250',
  Rlr: 'OK',
  'Sk;f': '0',
  Pr: 'OK',
  Pmi: 'OK',
  Pc: 'OK',
  Pl: 'OK',
  Sic: 'OK',
  Ss: 'OK',
  Sr: 'OK',
  Db: 'OK',
  Dbc: 'OK',
  Se: 'OK',
  Ser: 'OK',
};

/** Cetak's extensions, for a printer that has them: heater on, roller in its band. */
export const EXTENSIONS: Readonly<Record<string, Answer>> = {
  Xv: '1',
  Xt: 'internal=35.2;roller=165.0;heater=1',
  Xco: 'feeder=88;hopper=12;ribbon=412;film=912',
  Xh: 'OK',
};

/** What the fake received, and when (virtual ms). */
export interface Received extends ReceivedCommand {
  readonly at: number;
}

/**
 * A scripted printer on the far end of a memory link. It answers each command from its table
 * (`ERR UNKNOWN` for commands it lacks) or from answers queued with {@link once}, and records what
 * it received. Its only state is the little a printer's sensors report: whether a card is inside
 * (an `OK` to `Ss` or `Sic` puts one in, an `OK` to `Se` or `Ser` takes it out) and its counters
 * (a card put in adds to `inserted`, an `OK` to `Se` adds a card's 5 panels).
 */
export class FakePrinter {
  readonly received: Received[] = [];
  readonly table = new Map<string, Answer>();
  /** Framing problems the fake's decoders found, over every link. */
  readonly framingProblems: string[] = [];
  /** Written after every answer, e.g. garbage between replies. */
  afterEachAnswer: Answer | undefined;
  /** Links opened so far (one per `connect`). */
  opened = 0;
  cardInside = false;
  readonly counters = { inserted: 100, panels: 500 };
  readonly #clock: Clock;
  readonly #style: ReplyStyle;
  readonly #queued = new Map<string, Answer[]>();
  #printerSide: ByteLink | undefined;
  #silentUntilMs = Number.NEGATIVE_INFINITY;

  constructor(
    clock: Clock,
    table: Readonly<Record<string, Answer>> = GUIDE_PRINTER,
    style: ReplyStyle = 'cr',
  ) {
    this.#clock = clock;
    this.#style = style;
    this.table.set('Rlr;p', () => (this.cardInside ? 'ERR CARD' : 'NO CARD'));
    this.table.set('Rco;c', () => String(this.counters.inserted));
    this.table.set('Rco;p', () => String(this.counters.panels));
    for (const [key, answer] of Object.entries(table)) this.table.set(key, answer);
  }

  /** The driver's {@link LinkOpener}: a fresh link pair each call. */
  readonly open = async (): Promise<ByteLink> => {
    const [host, printer] = memoryLinkPair(`fake-${++this.opened}`);
    const decoder = new CommandDecoder();
    printer.onData((chunk) => {
      const commands = decoder.push(chunk);
      this.framingProblems.push(...decoder.problems.splice(0));
      for (const command of commands) this.#answer(printer, command);
    });
    this.#printerSide = printer;
    return host;
  };

  /** Sets the standing answer to `key` (`Ss`, or `Rlr;p` for that form only). */
  set(key: string, answer: Answer): this {
    this.table.set(key, answer);
    return this;
  }

  /** Queues answers used for the next commands matching `key`, before the table's. */
  once(key: string, ...answers: Answer[]): this {
    this.#queued.set(key, [...(this.#queued.get(key) ?? []), ...answers]);
    return this;
  }

  /** Answers nothing for `ms` from now, as a printer shut off to cool (commands are still recorded). */
  silenceFor(ms: number): void {
    this.#silentUntilMs = this.#clock.now() + ms;
  }

  /** Names of the commands received, in order; with `params`, `Rco;c`-style. */
  names(withParams = false): string[] {
    return this.received.map((c) => (withParams ? keyOf(c) : c.name));
  }

  /** Commands received matching `key` (a name, or `name;params`). */
  count(key: string): number {
    return this.received.filter((c) => c.name === key || keyOf(c) === key).length;
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.received.length = 0;
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
    this.received.push({ ...command, at: this.#clock.now() });
    if (this.#clock.now() < this.#silentUntilMs) return;
    const key = keyOf(command);
    const queued = this.#queued.get(key)?.length ? this.#queued.get(key) : this.#queued.get(command.name);
    const answer = queued?.shift() ?? this.table.get(key) ?? this.table.get(command.name) ?? 'ERR UNKNOWN';
    this.#write(link, command, answer);
    if (this.afterEachAnswer !== undefined) this.#write(link, command, this.afterEachAnswer);
  }

  #write(link: ByteLink, command: ReceivedCommand, answer: Answer): void {
    if (link.closed) return;
    if (typeof answer === 'function') {
      this.#write(link, command, answer(command));
    } else if (typeof answer === 'string') {
      if (answer === 'OK') this.#moved(command.name);
      void link.write(this.#encode(answer));
    } else if (Array.isArray(answer)) {
      for (const part of answer) this.#write(link, command, part);
    } else if ('raw' in answer) {
      void link.write(typeof answer.raw === 'string' ? Buffer.from(answer.raw, 'latin1') : answer.raw);
    } else if ('after' in answer) {
      this.#clock.setTimeout(() => this.#write(link, command, answer.reply), answer.after);
    }
  }

  /** What a card step that succeeded did to the card. */
  #moved(name: string): void {
    if ((name === 'Ss' || name === 'Sic') && !this.cardInside) {
      this.cardInside = true;
      this.counters.inserted++;
    } else if (name === 'Se' && this.cardInside) {
      this.cardInside = false;
      this.counters.panels += 5;
    } else if (name === 'Ser') this.cardInside = false;
  }

  #encode(text: string): Buffer {
    if (this.#style !== 'ack-nack') {
      return Buffer.from(`${text}${this.#style === 'nul' ? '\0' : '\r'}`, 'latin1');
    }
    if (text === 'OK') return Buffer.of(ACK);
    if (text.startsWith('ERR')) {
      const code = NACK_CODES.find(([pattern]) => pattern.test(text))?.[1] ?? '1';
      return Buffer.concat([Buffer.of(NACK), Buffer.from(code, 'latin1')]);
    }
    return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.of(ACK)]);
  }
}

export function keyOf(command: ReceivedCommand): string {
  return [command.name, ...command.params].join(';');
}
