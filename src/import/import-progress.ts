import type { Clock, TimerHandle } from '../clock/clock.js';
import type { ImportCounts } from './importer.js';

export interface ProgressOptions {
  /** Writes to the terminal (stderr). */
  readonly write: (text: string) => void;
  readonly clock: Clock;
  readonly counts: Readonly<ImportCounts>;
  readonly bytesRead: () => number;
  /** The file's size in bytes; 0 when unknown (then no bar is drawn). */
  readonly size: number;
  /** How often the line is redrawn (default 200 ms). */
  readonly intervalMs?: number;
}

/** A progress line being redrawn in place; `clear()` before printing anything else to the terminal. */
export interface Progress {
  clear(): void;
  stop(): void;
}

const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\x1b[2K';
const number = new Intl.NumberFormat('en-US');

/** Redraws one line on a terminal: a bar from bytes read, rows, rows/s and the counts so far. */
export function startProgress(options: ProgressOptions): Progress {
  const { clock, counts } = options;
  const started = clock.now();
  let shown = false;
  let timer: TimerHandle | undefined;

  const draw = () => {
    const seconds = Math.max((clock.now() - started) / 1000, 0.001);
    const rate = Math.round(counts.read / seconds);
    const parts = [
      `${number.format(counts.read)} rows`,
      `${number.format(rate)} rows/s`,
      `accepted ${number.format(counts.accepted)}`,
      `duplicates ${number.format(counts.duplicates)}`,
      `rejected ${number.format(counts.rejected)}`,
    ];
    if (options.size > 0) {
      const fraction = Math.min(options.bytesRead() / options.size, 1);
      const filled = Math.round(fraction * BAR_WIDTH);
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      parts.unshift(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}`);
    }
    options.write(`${CLEAR_LINE}${parts.join('  ')}`);
    shown = true;
  };
  const tick = () => {
    draw();
    timer = clock.setTimeout(tick, options.intervalMs ?? 200);
  };
  tick();

  const clear = () => {
    if (shown) options.write(CLEAR_LINE);
    shown = false;
  };
  return {
    clear,
    stop: () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      clear();
    },
  };
}
