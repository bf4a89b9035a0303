import type { Clock } from '../clock/clock.js';
import type { ProblemReason } from '../drivers/driver.js';
import type { DisplayedState } from '../station/displayed-state.js';
import type { JobState, Priority } from '../store/job-store.js';

/**
 * What the daemon tells its watchers (the dashboard, `GET /api/events`, the metrics). Never carries
 * personal data: jobs appear by id and masked NIK only.
 */
export type FleetEvent =
  | {
      readonly type: 'station';
      readonly station: string;
      /** What operators are shown (`src/station/displayed-state.ts`). */
      readonly state: DisplayedState;
      readonly problems: readonly ProblemReason[];
      readonly paused: boolean;
      readonly currentJob: string | null;
      readonly lastError: string | null;
    }
  | {
      readonly type: 'temperature';
      readonly station: string;
      readonly internalC: number | null;
      readonly rollerC: number | null;
    }
  | {
      readonly type: 'job';
      readonly id: string;
      readonly nik: string;
      readonly kecamatan: string;
      readonly priority: Priority;
      readonly from: JobState | null;
      readonly to: JobState;
      readonly station: string | null;
      readonly spoilReason: string | null;
      /** Seconds from submission to the card coming out, for a finished card. */
      readonly waitSeconds: number | null;
    }
  | {
      readonly type: 'alert';
      readonly level: 'info' | 'warning' | 'critical';
      readonly code: string;
      readonly station: string | null;
      readonly message: string;
    };

/** An event as delivered: numbered in publication order, with the daemon's time. */
export interface StampedEvent {
  readonly id: number;
  readonly at: string;
  readonly event: FleetEvent;
}

export type FleetEventListener = (stamped: StampedEvent) => void;

/** How many recent events are kept for watchers that reconnect with `Last-Event-ID`. */
const DEFAULT_REPLAY_EVENTS = 2000;

/**
 * The daemon's event stream: synchronous fan-out to subscribers plus a ring of recent events, so a
 * dashboard that lost its connection for a moment can resume where it left off.
 */
export class EventBus {
  readonly #clock: Clock;
  readonly #capacity: number;
  /** Kept events from `#oldest` on; the ones before it are dropped in bulk, not one by one. */
  readonly #recent: StampedEvent[] = [];
  #oldest = 0;
  readonly #listeners = new Set<FleetEventListener>();
  #nextId = 1;

  constructor(clock: Clock, capacity = DEFAULT_REPLAY_EVENTS) {
    this.#clock = clock;
    this.#capacity = capacity;
  }

  publish(event: FleetEvent): StampedEvent {
    const stamped = { id: this.#nextId++, at: new Date(this.#clock.now()).toISOString(), event };
    this.#recent.push(stamped);
    if (this.#recent.length - this.#oldest > this.#capacity) this.#dropOldest();
    for (const listener of this.#listeners) {
      // A failing watcher must not stop the others, nor the station that published.
      try {
        listener(stamped);
      } catch {
        this.#listeners.delete(listener);
      }
    }
    return stamped;
  }

  /** Calls `listener` with every event from now on; returns the function that unsubscribes. */
  subscribe(listener: FleetEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get subscribers(): number {
    return this.#listeners.size;
  }

  /** The id the next event will carry minus one: what a watcher has seen when it is up to date. */
  get lastId(): number {
    return this.#nextId - 1;
  }

  /**
   * Events after `lastId`, oldest first; `undefined` when some of them are no longer kept (the
   * watcher should reload the whole status instead).
   */
  since(lastId: number): StampedEvent[] | undefined {
    if (lastId >= this.#nextId - 1) return [];
    const oldest = this.#recent[this.#oldest]?.id ?? this.#nextId;
    if (lastId < oldest - 1) return undefined;
    return this.#recent.slice(this.#oldest + lastId - oldest + 1);
  }

  /**
   * Forgets the oldest kept event. Removing it from the array each time moved the other 2000 on
   * every event (3 % of a simulated fleet day); they go in one splice once a capacity's worth is due.
   */
  #dropOldest(): void {
    this.#oldest += this.#recent.length - this.#oldest - this.#capacity;
    if (this.#oldest < this.#capacity) return;
    this.#recent.splice(0, this.#oldest);
    this.#oldest = 0;
  }
}
