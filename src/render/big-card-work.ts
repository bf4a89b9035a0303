/**
 * Card work for cards with big photos (a 2400 × 2400 scan): libvips decodes and reduces each photo
 * on libuv's thread pool, so the event loop only waits for the answer, and the reduced card is
 * rendered on the event loop like an ordinary one (~25 ms).
 *
 * Until issue 14's memory work this ran on worker threads of the daemon. A worker thread is a
 * second V8 with its own heap, sources, layout and fonts (~40 MB), and its malloc arena kept what
 * it freed: at the end of a photo batch the daemon held ~50 MB more than with this queue, for no
 * gain once libvips did the heavy part (`docs/performance.md`).
 */
import type { RenderedPanels } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import { decodeBigImages, imageBytesProblem } from './big-image.js';
import { IMAGE_FIELDS } from './card-images.js';
import { loadLayout } from './card-layout.js';
import type { IssueContext } from './card-values.js';
import type { CardWork } from './card-work.js';
import { type CardFields, renderCard } from './render-card.js';

export interface BigCardWorkOptions {
  /** Photos decoded at once; each holds libuv and libvips threads and their memory while it runs. */
  readonly atOnce: number;
  /** Most image checks waiting; one more is refused with `BUSY` (HTTP 503) rather than held. */
  readonly queue: number;
}

/** What the big-photo queue is doing, for `/metrics`. */
export interface BigCardWorkLoad {
  readonly running: number;
  readonly queued: number;
  readonly refused: number;
}

interface Waiting {
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: never) => void;
  readonly reject: (error: Error) => void;
}

/**
 * At most `atOnce` big cards in work. Renders (a printer is waiting for its card) go ahead of
 * image checks (a submission is waiting for its answer); checks wait in a bounded queue.
 */
export class BigCardWork implements CardWork {
  readonly #options: BigCardWorkOptions;
  readonly #renders: Waiting[] = [];
  readonly #checks: Waiting[] = [];
  #running = 0;
  #refused = 0;
  #closed = false;
  #idle: (() => void) | undefined;

  constructor(options: BigCardWorkOptions) {
    if (!Number.isInteger(options.atOnce) || options.atOnce < 1)
      throw new RangeError(`atOnce must be a whole number of at least 1, got ${options.atOnce}`);
    this.#options = options;
  }

  get load(): BigCardWorkLoad {
    return {
      running: this.#running,
      queued: this.#renders.length + this.#checks.length,
      refused: this.#refused,
    };
  }

  imageProblems(card: CardFields): Promise<string[]> {
    if (
      !this.#closed &&
      this.#checks.length >= this.#options.queue &&
      this.#running >= this.#options.atOnce
    ) {
      this.#refused++;
      return Promise.reject(
        new CetakError(
          'BUSY',
          `the daemon is checking other photos (${this.#checks.length} waiting); send this job again shortly`,
        ),
      );
    }
    return this.#enqueue(this.#checks, async () => {
      const problems: string[] = [];
      for (const field of IMAGE_FIELDS) {
        const base64 = card[field];
        if (base64 === undefined) continue;
        const problem = await imageBytesProblem(field, Buffer.from(base64, 'base64'), loadLayout());
        if (problem) problems.push(`${field}: ${problem}`);
      }
      return problems;
    });
  }

  render(card: CardFields, issue: IssueContext): Promise<RenderedPanels> {
    return this.#enqueue(this.#renders, async () => {
      const layout = loadLayout();
      return renderCard(card, issue, layout, await decodeBigImages(card, layout));
    });
  }

  /** Refuses what waits; resolves when the cards in work are done. */
  async close(): Promise<void> {
    this.#closed = true;
    const refusal = new CetakError('SHUTTING_DOWN', 'the daemon is stopping');
    for (const waiting of [...this.#renders.splice(0), ...this.#checks.splice(0)]) waiting.reject(refusal);
    if (this.#running > 0) await new Promise<void>((resolve) => (this.#idle = resolve));
  }

  #enqueue<T>(queue: Waiting[], run: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new CetakError('SHUTTING_DOWN', 'the daemon is stopping'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (value: never) => void, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.#options.atOnce) {
      const next = this.#renders.shift() ?? this.#checks.shift();
      if (!next) return;
      this.#running++;
      // Counted as done before its caller hears of it, so the load it then reads is current.
      const settle = (answer: () => void) => {
        this.#running--;
        if (this.#running === 0) this.#idle?.();
        answer();
        this.#pump();
      };
      next.run().then(
        (value) => settle(() => next.resolve(value as never)),
        (error: Error) => settle(() => next.reject(error)),
      );
    }
  }
}
