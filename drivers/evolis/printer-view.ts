import type { PrintOutcome, ProblemReason } from '../../src/drivers/driver.js';
import { CLEARED_BY, problemFor } from './printer-errors.js';
import type { Observed } from './printer-state.js';
import type { Reading } from './status-reader.js';

/**
 * Problems no guide read can show fixed (an open cover; without the stock extension an empty
 * feeder, a full hopper, no film), learnt from a card the printer refused before feeding a blank.
 * They are let go after this long, so the next card asks the printer again: a refusal costs no
 * blank, and a station never waits on a button nobody pressed.
 */
export const RETRY_UNSEEN_PROBLEMS_MS = 2 * 60_000;
const UNSEEN: ReadonlySet<ProblemReason> = new Set(['cover-open', 'feeder-empty', 'hopper-full', 'film-out']);

/**
 * What the driver has seen of its printer — answers, silences, its own cards, problems the
 * printer refused for — kept in one place, from which `printer-state.ts` tells the status.
 */
export class PrinterView {
  /** Whether the printer answered the last command sent to it. */
  answering = true;
  /** It fell silent with a card inside (a shut-off, a restart). */
  silentMidCard = false;
  cardsInFlight = 0;
  reading: Reading = { shown: [], cleared: [] };
  readonly problems = new Set<ProblemReason>();
  /** When each problem that only a refusal shows was last refused for. */
  readonly #refusedAt = new Map<ProblemReason, number>();
  #lastCardAtMs: number | undefined;
  #warmSinceMs: number | undefined;

  /** A fresh read: what it says, and problems it shows fixed. */
  read(reading: Reading): void {
    this.reading = reading;
    for (const problem of reading.cleared) this.problems.delete(problem);
    this.answering = true;
    // A card abandoned to an operator left this set: a later silence is not that card's.
    this.silentMidCard = false;
  }

  /**
   * The printer refused a step: the problem its reason names stays until seen fixed, or, for one
   * no read can see, until {@link RETRY_UNSEEN_PROBLEMS_MS} has passed (see {@link observed}).
   */
  latch(reason: string, nowMs: number): boolean {
    const problem = problemFor(reason);
    if (problem === undefined) return false;
    this.problems.add(problem);
    if (UNSEEN.has(problem)) this.#refusedAt.set(problem, nowMs);
    return true;
  }

  operatorDid(action: keyof typeof CLEARED_BY): void {
    this.problems.delete(CLEARED_BY[action]);
  }

  silentWithCard(): void {
    this.answering = false;
    this.silentMidCard = true;
  }

  back(): void {
    this.answering = true;
    this.silentMidCard = false;
  }

  /** A blank went in: a chip error was that last card's alone. */
  cardFed(): void {
    this.problems.delete('chip-error');
  }

  /**
   * A card's outcome. A card that went in and out counts towards the printer being warm; a chip
   * that could not be personalised shows (without blocking) until the next card; a printed card
   * shows nothing stood in its way at the feeder, cover or hopper.
   */
  cardDone(nowMs: number, outcome: PrintOutcome): void {
    if (outcome.result === 'not-started') return;
    this.#lastCardAtMs = nowMs;
    if (outcome.result === 'spoiled' && outcome.reason === 'chip-error') this.problems.add('chip-error');
    if (outcome.result !== 'printed') return;
    for (const problem of ['feeder-empty', 'cover-open', 'card-jam', 'hopper-full'] as const)
      this.problems.delete(problem);
  }

  warmRequested(nowMs: number): void {
    this.#warmSinceMs = nowMs;
  }

  standby(): void {
    this.#warmSinceMs = undefined;
    this.#lastCardAtMs = undefined;
  }

  observed(nowMs: number): Observed {
    for (const [problem, at] of this.#refusedAt) {
      if (nowMs - at < RETRY_UNSEEN_PROBLEMS_MS) continue;
      this.#refusedAt.delete(problem);
      this.problems.delete(problem);
    }
    return {
      answering: this.answering,
      silentMidCard: this.silentMidCard,
      cardInFlight: this.cardsInFlight > 0,
      lastCardAtMs: Math.max(this.#lastCardAtMs ?? 0, this.#warmSinceMs ?? 0) || undefined,
      problems: this.problems,
      reading: this.reading,
    };
  }
}
