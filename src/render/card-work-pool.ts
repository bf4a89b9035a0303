import { Worker } from 'node:worker_threads';
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { RenderedPanels } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { IMAGE_FIELDS } from './card-images.js';
import type { IssueContext } from './card-values.js';
import type { CardWork } from './card-work.js';
import type { CardTask, CardTaskReply } from './card-work-messages.js';
import type { CardFields } from './render-card.js';
import { cardWorkerEntry } from './worker-entry.js';

export interface CardWorkPoolOptions {
  /** Most threads at once; each costs ~40 MB once started, and a few MB more per big photo. */
  readonly threads: number;
  /** Most image checks waiting for a thread; one more is refused with `BUSY` (HTTP 503). */
  readonly queue: number;
  /** A thread idle this long (of `clock`) is ended, so a printing office pays nothing for it. */
  readonly idleMs: number;
  readonly clock: Clock;
  readonly log: Logger;
}

type TaskBody = CardTask extends infer T ? (T extends CardTask ? Omit<T, 'id'> : never) : never;

interface Pending {
  readonly task: TaskBody;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (reply: CardTaskReply & { ok: true }) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  running: (Pending & { id: number }) | undefined;
  idleTimer: TimerHandle | undefined;
}

/** V8 limits for a thread: its pixels live outside the heap, so the heap itself stays small. */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };

/**
 * Card work on worker threads inside the daemon process: at most `threads` at once, started when
 * work comes and ended when idle. Renders (a printer is waiting) go ahead of image checks; checks
 * wait in a bounded queue, and a submission beyond it is refused rather than held in memory.
 */
export class CardWorkPool implements CardWork {
  readonly #options: CardWorkPoolOptions;
  readonly #threads: Thread[] = [];
  readonly #renders: Pending[] = [];
  readonly #checks: Pending[] = [];
  #nextId = 1;
  #refused = 0;
  #closed = false;

  constructor(options: CardWorkPoolOptions) {
    if (!(options.threads >= 1)) throw new RangeError(`threads must be at least 1, got ${options.threads}`);
    this.#options = options;
  }

  /** Threads alive, tasks running and waiting, and checks refused since start (for the metrics). */
  get load() {
    return {
      threads: this.#threads.length,
      running: this.#threads.filter((t) => t.running).length,
      queued: this.#renders.length + this.#checks.length,
      refused: this.#refused,
    };
  }

  async imageProblems(card: CardFields): Promise<string[]> {
    const images: Array<[string, Uint8Array]> = [];
    for (const field of IMAGE_FIELDS) {
      const base64 = card[field];
      if (base64 === undefined) continue;
      const decoded = Buffer.from(base64, 'base64');
      // A small Buffer lives in Node's shared pool, which cannot move to another thread: copy it.
      const own = decoded.byteLength === decoded.buffer.byteLength ? decoded : new Uint8Array(decoded);
      images.push([field, own]);
    }
    if (images.length === 0) return [];
    const transfer = images.map(([, bytes]) => bytes.buffer as ArrayBuffer);
    const reply = await this.#run({ kind: 'check', images }, transfer, this.#checks);
    return 'problems' in reply ? reply.problems : [];
  }

  async render(card: CardFields, issue: IssueContext): Promise<RenderedPanels> {
    const reply = await this.#run({ kind: 'render', card, issue }, [], this.#renders);
    if (!('panels' in reply)) throw new Error('card worker answered a render without panels');
    return reply.panels;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const refusal = new CetakError('SHUTTING_DOWN', 'the daemon is stopping');
    for (const pending of [...this.#renders.splice(0), ...this.#checks.splice(0)]) pending.reject(refusal);
    await Promise.all(this.#threads.splice(0).map((thread) => this.#end(thread)));
  }

  #run(task: TaskBody, transfer: ArrayBuffer[], queue: Pending[]): Promise<CardTaskReply & { ok: true }> {
    if (this.#closed) return Promise.reject(new CetakError('SHUTTING_DOWN', 'the daemon is stopping'));
    if (queue === this.#checks && this.#checks.length >= this.#options.queue && !this.#freeThread()) {
      this.#refused++;
      return Promise.reject(
        new CetakError(
          'BUSY',
          `the daemon is checking other photos (${this.#checks.length} waiting); send this job again shortly`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      queue.push({ task, transfer, resolve, reject });
      this.#pump();
    });
  }

  #freeThread(): Thread | undefined {
    return (
      this.#threads.find((t) => !t.running) ??
      (this.#threads.length < this.#options.threads ? this.#start() : undefined)
    );
  }

  #pump(): void {
    while (this.#renders.length + this.#checks.length > 0) {
      const thread = this.#freeThread();
      if (!thread) return;
      const pending = (this.#renders.shift() ?? this.#checks.shift()) as Pending;
      if (thread.idleTimer) this.#options.clock.clearTimeout(thread.idleTimer);
      thread.idleTimer = undefined;
      const id = this.#nextId++;
      thread.running = { ...pending, id };
      thread.worker.postMessage({ ...pending.task, id }, pending.transfer);
    }
  }

  #start(): Thread {
    const entry = cardWorkerEntry();
    const worker = new Worker(entry.code, { eval: entry.eval, resourceLimits: THREAD_LIMITS });
    const thread: Thread = { worker, running: undefined, idleTimer: undefined };
    worker.on('message', (reply: CardTaskReply) => this.#settle(thread, reply));
    worker.on('error', (error) => this.#lost(thread, error));
    worker.on('exit', (code) => this.#lost(thread, new Error(`card worker exited with code ${code}`)));
    this.#threads.push(thread);
    return thread;
  }

  #settle(thread: Thread, reply: CardTaskReply): void {
    const running = thread.running;
    if (!running || running.id !== reply.id) return;
    thread.running = undefined;
    if (reply.ok) running.resolve(reply);
    else if (reply.code)
      running.reject(new CetakError(reply.code, reply.message, { details: reply.details ?? [] }));
    else running.reject(new Error(`card worker failed: ${reply.message}`));
    this.#pump();
    if (!thread.running && !this.#closed && this.#threads.includes(thread)) {
      thread.idleTimer = this.#options.clock.setTimeout(() => {
        this.#remove(thread);
        void this.#end(thread);
      }, this.#options.idleMs);
    }
  }

  /** A thread that died (out of memory, a crash): its task fails, the others go on. */
  #lost(thread: Thread, error: Error): void {
    if (!this.#remove(thread)) return;
    if (thread.idleTimer) this.#options.clock.clearTimeout(thread.idleTimer);
    if (thread.running) {
      this.#options.log.error({ err: error.message }, 'card worker thread died');
      thread.running.reject(new Error(`card worker died: ${error.message}`));
    }
    this.#pump();
  }

  #remove(thread: Thread): boolean {
    const at = this.#threads.indexOf(thread);
    if (at < 0) return false;
    this.#threads.splice(at, 1);
    return true;
  }

  async #end(thread: Thread): Promise<void> {
    if (thread.idleTimer) this.#options.clock.clearTimeout(thread.idleTimer);
    thread.running?.reject(new CetakError('SHUTTING_DOWN', 'the daemon is stopping'));
    thread.running = undefined;
    await thread.worker.terminate();
  }
}
