import { Counter, Gauge, type Registry } from 'prom-client';
import type { BigCardWorkLoad } from '../render/big-card-work.js';

/** What the daemon's real clock knows about late timers ({@link LateTimerMeter}). */
export interface TimerLateness {
  readonly missedTicks: number;
}

/** Whether the event loop keeps its promises: missed thermal ticks and the card-work queue. */
export function registerLoopMetrics(
  registry: Registry,
  sources: {
    readonly timers?: TimerLateness | undefined;
    readonly cardWork?: (() => BigCardWorkLoad) | undefined;
  },
): void {
  const registers = [registry];
  const { timers, cardWork } = sources;
  if (timers) {
    new Counter({
      name: 'cetak_thermal_ticks_missed_total',
      help: 'Fleet timers (status polls, pacing waits, emulated thermal events) that fired more than 250 ms (real time) after they were due: the event loop was held.',
      registers,
      collect() {
        this.reset();
        this.inc(timers.missedTicks);
      },
    });
  }
  if (cardWork) {
    new Gauge({
      name: 'cetak_card_work_running',
      help: 'Cards with big photos being decoded (libvips, off the event loop) or rendered now.',
      registers,
      collect() {
        this.set(cardWork().running);
      },
    });
    new Gauge({
      name: 'cetak_card_work_queued',
      help: 'Big-photo checks and card renders waiting for their turn.',
      registers,
      collect() {
        this.set(cardWork().queued);
      },
    });
    new Counter({
      name: 'cetak_card_work_refused_total',
      help: 'Submissions refused with 503 because the image-check queue was full.',
      registers,
      collect() {
        this.reset();
        this.inc(cardWork().refused);
      },
    });
  }
}
