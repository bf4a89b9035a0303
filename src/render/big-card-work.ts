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
import PQueue from 'p-queue';
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

/** A printer waiting for its card's face goes ahead of a submission waiting for its answer. */
const RENDER = 1;
const CHECK = 0;

const stopping = () => new CetakError('SHUTTING_DOWN', 'the daemon is stopping');

/**
 * At most `atOnce` big cards in work (a p-queue). Renders go ahead of image checks; checks wait
 * in a bounded queue.
 */
export class BigCardWork implements CardWork {
  readonly #options: BigCardWorkOptions;
  readonly #queue: PQueue;
  /** One per task still waiting: closing aborts these, never a task that has started. */
  readonly #waiting = new Set<AbortController>();
  #refused = 0;
  #closed = false;

  constructor(options: BigCardWorkOptions) {
    if (!Number.isInteger(options.atOnce) || options.atOnce < 1)
      throw new RangeError(`atOnce must be a whole number of at least 1, got ${options.atOnce}`);
    this.#options = options;
    this.#queue = new PQueue({ concurrency: options.atOnce });
  }

  get load(): BigCardWorkLoad {
    return { running: this.#queue.pending, queued: this.#queue.size, refused: this.#refused };
  }

  imageProblems(card: CardFields): Promise<string[]> {
    const waitingChecks = this.#queue.sizeBy({ priority: CHECK });
    if (
      !this.#closed &&
      waitingChecks >= this.#options.queue &&
      this.#queue.pending >= this.#options.atOnce
    ) {
      this.#refused++;
      return Promise.reject(
        new CetakError(
          'BUSY',
          `the daemon is checking other photos (${waitingChecks} waiting); send this job again shortly`,
        ),
      );
    }
    return this.#enqueue(CHECK, async () => {
      const layout = loadLayout();
      const problems: string[] = [];
      for (const field of IMAGE_FIELDS) {
        const base64 = card[field];
        if (base64 === undefined) continue;
        const problem = await imageBytesProblem(field, Buffer.from(base64, 'base64'), layout);
        if (problem) problems.push(`${field}: ${problem}`);
      }
      return problems;
    });
  }

  render(card: CardFields, issue: IssueContext): Promise<RenderedPanels> {
    return this.#enqueue(RENDER, async () => {
      const layout = loadLayout();
      return renderCard(card, issue, layout, await decodeBigImages(card, layout));
    });
  }

  /** Refuses what waits; resolves when the cards in work are done. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiting of this.#waiting) waiting.abort(stopping());
    this.#waiting.clear();
    await this.#queue.onIdle();
  }

  async #enqueue<T>(priority: number, run: () => Promise<T>): Promise<T> {
    if (this.#closed) throw stopping();
    const waiting = new AbortController();
    this.#waiting.add(waiting);
    const started = () => {
      this.#waiting.delete(waiting);
      return run();
    };
    return this.#queue.add(started, { priority, signal: waiting.signal });
  }
}
