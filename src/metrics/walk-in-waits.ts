import type { FleetEvent } from '../events/fleet-events.js';

type JobEvent = Extract<FleetEvent, { type: 'job' }>;

/**
 * How long each walk-in waited for their card. A job submitted as a walk-in waits from its
 * submission (the event's `waitSeconds`); a backlog job promoted when its resident came to the
 * counter waits from the promotion, not from the days it sat in the backlog — else one promoted
 * job would look like a walk-in kept waiting for a week.
 */
export class WalkInWaits {
  /** When each active walk-in seen by this daemon started waiting (epoch ms), by job id. */
  readonly #since = new Map<string, number>();

  /** Feeds a job event; returns the wait in seconds when it is a walk-in's printed card. */
  observe(event: JobEvent, now: number): number | undefined {
    if (event.priority !== 'walk-in') return undefined;
    if (event.to === 'queued' && !this.#since.has(event.id)) {
      // Submitted as a walk-in (`from` null), or promoted (queued → queued).
      this.#since.set(event.id, now);
      return undefined;
    }
    if (event.to !== 'printed' && event.to !== 'spoiled' && event.to !== 'cancelled') return undefined;
    const since = this.#since.get(event.id);
    this.#since.delete(event.id);
    if (event.to !== 'printed') return undefined;
    // Queued before this daemon started: the store's own figure is all there is.
    if (since === undefined) return event.waitSeconds ?? undefined;
    return Math.max(0, (now - since) / 1000);
  }
}
