import type { Clock } from '../../src/clock/clock.js';
import type { PrintOutcome } from '../../src/drivers/driver.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import { rejectIfInside } from './card-presence.js';
import type { CommandChannel } from './command-channel.js';
import { describeReply, type Reply } from './protocol/index.js';
import { countOf } from './status-reader.js';

/** Silence this long mid-card is a shut-off to cool (a reset is back within seconds). */
export const SHUT_OFF_SILENCE_MS = 2 * 60_000;

/** The printer's own counters before a card (A5013 `Rco`, p. 31). */
export interface CardCounters {
  /** `Rco;c`: cards inserted ever. */
  readonly inserted: number;
  /** `Rco;p`: panels printed ever. */
  readonly panels: number;
}

/** Reads {@link CardCounters}; `undefined` when the printer does not give both. */
export async function readCounters(channel: CommandChannel): Promise<CardCounters | undefined> {
  const inserted = countOf(await channel.send('Rco', ['c']));
  const panels = countOf(await channel.send('Rco', ['p']));
  return inserted === undefined || panels === undefined ? undefined : { inserted, panels };
}

export interface RecoveryOptions {
  readonly channel: CommandChannel;
  readonly clock: Clock;
  readonly log: Logger;
  /** The counters read before the card's first step that could feed a blank. */
  readonly before: CardCounters | undefined;
  /** Panels one card prints with the ribbon the driver set. */
  readonly panelsPerCard: number;
  /**
   * When the silence began that counts: the moment the step's answer was given up on. The step's
   * own time (up to the job timeout) is not counted, so a printer back at the first probe
   * restarted, and one silent for minutes after it shut itself off.
   */
  readonly silentSinceMs: number;
  /** How long to wait for it to answer again before the card is left to an operator. */
  readonly windowMs: number;
  /** Pause between probes. */
  readonly probeEveryMs: number;
  /** Reply timeout of one probe. */
  readonly probeTimeoutMs: number;
  /** Called once the printer answers again. */
  readonly onBack?: () => void;
}

/**
 * A card step went unanswered: the printer has gone silent with a card inside, which is how a
 * printer that shuts itself off in the heat shows it — no friendly message, just silence. This
 * probes with `Rlr` (read last answer, A5013 p. 34) until the printer answers again, then lets
 * the printer's own counters and sensors say how the card ended, since a last answer alone cannot
 * say which command it answered:
 * - `Rlr;p` answers `ERR CARD`: the card is still inside. `Ser` puts it in the reject box; spoiled.
 * - `Rco;c` has not moved since before the card: no blank was fed after all; not started.
 * - `Rco;p` grew by a whole card's panels: the card was printed and ejected; only the answer was
 *   lost.
 * - otherwise the card was lost (the printer put it in the reject box as it restarted): spoiled,
 *   `overheat` when it was silent for minutes (a shut-off to cool), else `printer-reset`.
 * Rejects, leaving the card to an operator, when the printer stays silent past the window or its
 * counters cannot be read.
 */
export async function recoverLostCard(options: RecoveryOptions): Promise<PrintOutcome> {
  const { channel, clock, log } = options;
  const last = await awaitAnswer(options);
  options.onBack?.();
  const silentMs = clock.now() - options.silentSinceMs;
  const silent = `printer silent ${duration(silentMs)} mid-card, then reported ${describeReply(last)}`;
  const reason = silentMs >= SHUT_OFF_SILENCE_MS ? 'overheat' : 'printer-reset';
  if (await rejectIfInside(channel, log)) {
    log.warn(
      { silentMs, reason },
      'printer fell silent mid-card and came back with the card inside; spoiled',
    );
    return { result: 'spoiled', reason, detail: silent };
  }
  const before = options.before;
  const after = before && (await readCounters(channel));
  if (!before || !after) {
    throw new CetakError(
      'REPLY_INVALID',
      `${silent}; its counters (Rco;c, Rco;p) cannot say how the card ended`,
    );
  }
  if (after.inserted === before.inserted)
    return { result: 'not-started', reason: `${silent}; no blank was fed` };
  if (after.panels - before.panels >= options.panelsPerCard) {
    log.warn({ silentMs }, 'card step answered late: the printer counted the card printed');
    return { result: 'printed' };
  }
  log.warn({ silentMs, reason }, 'printer fell silent mid-card and came back; card lost');
  return { result: 'spoiled', reason, detail: silent };
}

async function awaitAnswer(options: RecoveryOptions): Promise<Reply> {
  const { channel, clock } = options;
  const deadline = options.silentSinceMs + options.windowMs;
  for (;;) {
    try {
      return await channel.send('Rlr', [], { timeoutMs: options.probeTimeoutMs });
    } catch (error) {
      if (!isCetakError(error, 'LINK_TIMEOUT')) throw error;
      if (clock.now() >= deadline) {
        throw new CetakError(
          'LINK_TIMEOUT',
          `printer silent for ${duration(clock.now() - options.silentSinceMs)} with a card inside; an operator must judge the card`,
        );
      }
      await clock.sleep(options.probeEveryMs);
    }
  }
}

function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
