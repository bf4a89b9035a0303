import type { ChipEncoder } from '../../src/chip/chip-encoder.js';
import type { CardToPrint, PrintOutcome, SpoilReason } from '../../src/drivers/driver.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { errorText } from './abortable.js';
import { presenceOf, readPresence } from './card-presence.js';
import type { CommandChannel } from './command-channel.js';
import { type CardCounters, readCounters } from './lost-card.js';
import { panelDownloads } from './panel-downloads.js';
import { problemFor, spoilReasonFor } from './printer-errors.js';
import { describeReply, type Reply } from './protocol/index.js';

export interface CardSequenceOptions {
  readonly channel: CommandChannel;
  readonly log: Logger;
  /** Personalises the chip at the contactless station; `none` skips the station. */
  readonly encoder: ChipEncoder;
  /** Checked until the blank is fed; a card once started is finished. */
  readonly signal?: AbortSignal | undefined;
  /** The printer refused a step for a problem someone must fix (`ERR FEEDER EMPTY`…). */
  readonly onRefusal: (reason: string) => void;
  /** A blank may have left the feeder from here on. */
  readonly onFed: () => void;
  /**
   * A step after the feed got no answer: the printer went silent with the card inside. Resolves
   * with how the card ended once the printer answers again, judged against the printer's counters
   * read before the card (see `lost-card.ts`).
   */
  readonly recover: (before: CardCounters | undefined) => Promise<PrintOutcome>;
}

/** The ribbon Cetak's stations carry: KTP-el is a colour card (A5013 `Pr`, p. 25). */
export const RIBBON = 'ymcko';
/** Panels a card takes on that ribbon: what `Rco;p` (panels printed) grows by per card. */
export const RIBBON_PANELS = 5;

/**
 * One card, as the vendor's own driver prints one (A5013 p. 69 and the captured streams in
 * `test/fixtures/evolis/`): `Pr` (ribbon), `Pmi;F` (blank from the feeder), `Pc`/`Pl` where the
 * card's layout sets contrast or luminosity, with a chip encoder
 * `Sic` (blank to the contactless station) and the encoder, then `Ss`, `Sr` (front), one `Db` or
 * `Dbc` per panel, and `Se`, which prints the card and ejects it.
 *
 * - Until a blank may have moved (`Sic`, or `Ss` without a chip station) a refusal or a link
 *   failure is `not-started`.
 * - The step that feeds the blank refused: `Rlr;p` tells whether a card is in the printer; if it
 *   is, it is spoiled and `Ser` puts it in the reject box; if not, nothing was fed.
 * - A later step refused: the blank is spent, so the card is spoiled and `Ser` rejects it.
 * - A step unanswered once a blank may be inside: the printer is silent with the card; `recover`
 *   waits for it and reads how the card ended. A closed link rejects: the outcome is unknown.
 *
 * Card fields are personal data: this never logs them.
 */
export async function runCardSequence(
  card: CardToPrint,
  options: CardSequenceOptions,
): Promise<PrintOutcome> {
  const { channel, log, signal, encoder } = options;
  const downloads = card.panels ? panelDownloads(card.panels) : [];
  const settings = card.panels?.settings;
  const prepare: ReadonlyArray<readonly [string, () => Promise<Reply>]> = [
    ['Pr', () => channel.send('Pr', [RIBBON])],
    ['Pmi', () => channel.send('Pmi', ['F'])],
    // The layout's contrast and luminosity, as the vendor's driver sends `Pc;k;=;10` (p. 19, 22).
    ...Object.entries(settings?.contrast ?? {}).map(
      ([panel, value]) => ['Pc', () => channel.send('Pc', [panel, '=', value as number])] as const,
    ),
    ...Object.entries(settings?.luminosity ?? {}).map(
      ([colour, value]) => ['Pl', () => channel.send('Pl', [colour, '=', value as number])] as const,
    ),
  ];
  for (const [name, send] of prepare) {
    if (signal?.aborted) return notStarted('aborted before the blank was fed');
    const reply = await beforeFeed(send);
    if ('result' in reply) return reply;
    if (reply.kind !== 'ok') return notStarted(`${name} refused: ${describeReply(reply)}`);
  }
  if (signal?.aborted) return notStarted('aborted before the blank was fed');

  const before = await beforeFeed(() => readCounters(channel));
  if (before !== undefined && 'result' in before) return before;

  let chipUid: string | undefined;
  const steps = new Steps(options, before);
  if (encoder.kind !== 'none') {
    const atStation = await steps.send('Sic', () => channel.send('Sic'));
    if (atStation !== undefined) return atStation;
    const encoded = await encoder.encode({ jobId: card.jobId, fields: card.fields });
    const gone = await steps.stillAtStation();
    if (gone !== undefined) return gone;
    if (!encoded.ok) {
      log.warn({ encoder: encoder.kind, why: encoded.reason }, 'chip not personalised; spoiling the card');
      return steps.spoil('chip-error', encoded.reason);
    }
    chipUid = encoded.uid;
  }
  const printSteps: ReadonlyArray<readonly [string, () => Promise<Reply>]> = [
    ['Ss', () => channel.send('Ss')],
    ['Sr', () => channel.send('Sr')],
    ...downloads.map((d) => [d.command, () => channel.sendFrame(d.command, d.frame)] as const),
    ['Se', () => channel.send('Se')],
  ];
  for (const [name, send] of printSteps) {
    const failed = await steps.send(name, send, chipUid);
    if (failed !== undefined) return failed;
  }
  return chipUid === undefined ? { result: 'printed' } : { result: 'printed', chipUid };
}

/** Sends a step from the feed on, and turns a failure into the card's outcome. */
class Steps {
  readonly #options: CardSequenceOptions;
  readonly #before: CardCounters | undefined;
  #fed = false;

  constructor(options: CardSequenceOptions, before: CardCounters | undefined) {
    this.#options = options;
    this.#before = before;
  }

  /** `undefined` when the step answered `OK`; else the card's outcome. */
  async send(name: string, send: () => Promise<Reply>, chipUid?: string): Promise<PrintOutcome | undefined> {
    const { log } = this.#options;
    // Only the first of `Sic` and `Ss` takes a blank from the feeder; after `Sic`, `Ss` starts
    // printing a card that is already in (and whose chip may already be personalised).
    const feeds = (name === 'Sic' || name === 'Ss') && !this.#fed;
    if (feeds) {
      this.#fed = true;
      this.#options.onFed();
    }
    const reply = await this.#ask(name, send, chipUid);
    if ('result' in reply) return reply;
    if (reply.kind === 'ok') return undefined;
    if (reply.kind === 'value') {
      // Neither OK nor a refusal: whether the step happened is unknown, and nothing is resent.
      throw new CetakError(
        'REPLY_INVALID',
        `${name} answered ${describeReply(reply)}; the card's fate is unknown`,
      );
    }
    this.#options.onRefusal(reply.reason);
    if (feeds && !(await this.#cardInside())) return notStarted(`${name} refused: ${describeReply(reply)}`);
    log.warn({ step: name, reply: describeReply(reply) }, 'card step failed; spoiling the card');
    return this.spoil(spoilReasonFor(reply.reason), `${name} answered ${describeReply(reply)}`, chipUid);
  }

  /**
   * After the chip: the card must still be at the station (`Rlr;p`). A printer that restarted
   * meanwhile has put it in the reject box, and `Ss` would print this resident's face on a fresh
   * blank, chip empty. `undefined` when it is there (or the printer cannot say); else its outcome.
   */
  async stillAtStation(): Promise<PrintOutcome | undefined> {
    const reply = await this.#ask('Rlr', () => this.#options.channel.send('Rlr', ['p']));
    if ('result' in reply) return reply;
    if (presenceOf(reply) !== 'empty') return undefined;
    return {
      result: 'spoiled',
      reason: 'printer-reset',
      detail: 'the card left the contactless station during encoding',
    };
  }

  /** Sends a command once a blank may be inside; one left unanswered ends in the card's recovery. */
  async #ask(name: string, send: () => Promise<Reply>, chipUid?: string): Promise<Reply | PrintOutcome> {
    try {
      return await send();
    } catch (error) {
      if (!isCetakError(error, 'LINK_TIMEOUT')) throw error;
      this.#options.log.warn(
        { step: name },
        'card step unanswered: the printer went silent with a card inside',
      );
      return withChip(await this.#options.recover(this.#before), chipUid);
    }
  }

  /**
   * Sends the card to the reject box; the card is spoiled whatever `Ser` answers. A mechanical
   * refusal (`ERR TIMEOUT`) means the card is stuck: that is the reason, and the operator must
   * clear it.
   */
  async spoil(reason: SpoilReason, detail: string, chipUid?: string): Promise<PrintOutcome> {
    const { channel, log } = this.#options;
    let why = reason;
    try {
      const reply = await channel.send('Ser');
      if (reply.kind === 'error') {
        this.#options.onRefusal(reply.reason);
        if (problemFor(reply.reason) === 'card-jam') why = 'card-jam';
      }
      if (reply.kind !== 'ok')
        log.warn({ reply: describeReply(reply) }, 'Ser refused; the operator must clear the card');
    } catch (error) {
      log.warn({ err: errorText(error) }, 'Ser got no answer');
    }
    return withChip({ result: 'spoiled', reason: why, detail }, chipUid);
  }

  async #cardInside(): Promise<boolean> {
    const presence = await readPresence(this.#options.channel).catch(() => 'unknown' as const);
    // Not knowing is treated as inside: spoiling a blank that never moved costs less than
    // printing the next card on top of one that did.
    return presence !== 'empty';
  }
}

/** A link failure before a blank can have moved: nothing was spent. */
async function beforeFeed<T>(send: () => Promise<T>): Promise<T | PrintOutcome> {
  try {
    return await send();
  } catch (error) {
    if (isCetakError(error, 'LINK_TIMEOUT') || isCetakError(error, 'LINK_LOST'))
      return notStarted(error.message);
    throw error;
  }
}

function withChip(outcome: PrintOutcome, chipUid: string | undefined): PrintOutcome {
  return chipUid === undefined || outcome.result === 'not-started' || outcome.chipUid !== undefined
    ? outcome
    : { ...outcome, chipUid };
}

function notStarted(reason: string): PrintOutcome {
  return { result: 'not-started', reason };
}
