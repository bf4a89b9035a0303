import type { StationView } from '../station/station-view.js';
import type { CardOut, MachineHandle } from './machine-handle.js';

/** One blank a printer fed, the job it was fed for, and where it went. */
export interface TrailCard {
  readonly number: number;
  readonly jobId: string;
  /** Unset while the card is still inside the printer. */
  fate?: NonNullable<CardOut['fate']>;
  chipUid?: string;
}

/** Cards kept at most, per station: far more than are ever in question at once. */
const MAX_KEPT = 2000;

/**
 * Which job each blank a station's printer fed was for, and where the blank went: what the person
 * at the printer sees by picking the card up (the name printed on it) in the output hopper, the
 * reject tray or their hand. When the link fails mid-card the daemon cannot know this; the
 * attendant uses it to settle `uncertain` jobs as an operator would.
 *
 * A blank belongs to the job the station was printing when it was fed. Entries go once the job's
 * outcome is booked (`settled`), so a month-long run keeps only the cards still in question.
 */
export class CardTrail {
  readonly #station: StationView;
  readonly #machine: MachineHandle;
  readonly #byJob = new Map<string, TrailCard>();
  readonly #byNumber = new Map<number, TrailCard>();
  readonly #unsubscribe: () => void;
  #lastFed = 0;
  /** Blanks fed while the station printed no job: none should be. */
  orphanFeeds = 0;

  constructor(station: StationView, machine: MachineHandle) {
    this.#station = station;
    this.#machine = machine;
    this.#lastFed = machine.card?.number ?? 0;
    this.#unsubscribe = machine.onEvent((event) => {
      // A feed changes the machine's state to `printing`, so it always comes with a status event.
      const inside = this.#machine.card;
      if (inside && inside.number > this.#lastFed) this.#fed(inside.number);
      if (event.type === 'card-out') this.#out(event.card);
    });
  }

  /** The card fed for `jobId`, while its outcome is not booked. */
  cardFor(jobId: string): Readonly<TrailCard> | undefined {
    return this.#byJob.get(jobId);
  }

  /** The job's outcome is booked: its card is no longer in question. */
  settled(jobId: string): void {
    const card = this.#byJob.get(jobId);
    if (!card) return;
    this.#byJob.delete(jobId);
    this.#byNumber.delete(card.number);
  }

  /** Cards still kept (a leak check for long runs). */
  get size(): number {
    return this.#byNumber.size;
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #fed(number: number): void {
    this.#lastFed = number;
    const jobId = this.#station.currentJobId;
    if (jobId === undefined) {
      this.orphanFeeds += 1;
      return;
    }
    const card: TrailCard = { number, jobId };
    this.#byJob.set(jobId, card);
    this.#byNumber.set(number, card);
    if (this.#byNumber.size > MAX_KEPT) {
      const oldest = this.#byNumber.values().next().value;
      if (oldest) this.settled(oldest.jobId);
    }
  }

  #out(out: CardOut): void {
    // Fed and out again before any status event (never seen, but cheap to cover).
    if (out.number > this.#lastFed) this.#fed(out.number);
    const card = this.#byNumber.get(out.number);
    if (!card) return;
    if (out.fate !== undefined) card.fate = out.fate;
    if (out.chipUid !== undefined) card.chipUid = out.chipUid;
  }
}
