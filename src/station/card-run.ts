import type { Clock } from '../clock/clock.js';
import type { PrinterDriver, RenderedPanels } from '../drivers/driver.js';
import { type CetakError, isCetakError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { CardWork } from '../render/card-work.js';
import type { Job, JobStore } from '../store/job-store.js';
import { errorMessage } from '../util/error-message.js';
import { localDay } from '../util/local-day.js';
import { bookOutcome } from './book-outcome.js';
import { writeDurably } from './durable-write.js';

export interface CardRunContext {
  readonly driver: PrinterDriver;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly log: Logger;
  /** Aborted when the station stops. */
  readonly signal: AbortSignal;
  /** True once the station stopped: past the grace period the store is closed. */
  readonly stopped: () => boolean;
  readonly onStoreUnavailable: (error: CetakError) => void;
  /** Renders the face, off the event loop in the daemon (`CardWorkPool`). */
  readonly render: CardWork['render'];
}

export interface CardRunResult {
  /** The card never started or its fate is unknown: wait for the printer's status to change. */
  readonly waitForPrinter: boolean;
  /** What went wrong, for the station's `lastError`; undefined after a clean run. */
  readonly error?: string;
}

/**
 * Prints one claimed job and records how it ended. An outcome is written durably (retried while
 * the store is full or read-only); a card whose fate is unknown becomes `uncertain`, never
 * reprinted without an operator's word. Past the shutdown grace nothing is written: the job stays
 * `printing` and is recovered as `uncertain` at the next start.
 */
export async function runCard(job: Job, context: CardRunContext): Promise<CardRunResult> {
  const { driver, store, clock, log } = context;
  const durably = <T>(write: () => T) =>
    writeDurably(write, { clock, signal: context.signal, onWait: context.onStoreUnavailable });
  const face = await renderFace(job, context);
  if ('stopping' in face) {
    // The big-photo queue closed under a stopping daemon: the job waits for the next start.
    await durably(() => store.requeue(job.id, clock.now(), 'daemon stopped before the card was rendered'));
    return { waitForPrinter: false };
  }
  if ('refused' in face) {
    // No blank was used and none ever can be for this job: withdraw it, saying why.
    const detail = `card face cannot be made: ${face.refused}`;
    const at = clock.now();
    await durably(() => {
      if (store.getJob(job.id)?.state === 'printing') store.requeue(job.id, at, detail);
      store.cancel(job.id, at, detail);
    });
    log.warn({ reason: face.refused }, 'card face cannot be made; job cancelled');
    return { waitForPrinter: false, error: detail };
  }
  try {
    const outcome = await driver.printCard({ jobId: job.id, fields: job.card ?? {}, ...face });
    if (context.stopped()) return { waitForPrinter: false };
    const now = clock.now();
    const day = localDay(now, context.timeZone);
    const started = await durably(() => bookOutcome(store, job, outcome, now, day, log));
    if (started === undefined)
      log.error(
        { outcome: outcome.result },
        'card finished but not recorded (store unavailable); resolve it',
      );
    return { waitForPrinter: started === false };
  } catch (error) {
    if (context.stopped()) return { waitForPrinter: false };
    const message = errorMessage(error);
    const at = clock.now();
    await durably(() => store.markUncertain(job.id, at, `print failed: ${message}`));
    log.error({ err: message }, 'card outcome unknown; job marked uncertain');
    return { waitForPrinter: true, error: message };
  }
}

/**
 * The card's face for a driver that prints bitmaps, rendered here in the daemon so every driver
 * gets the same one. Intake refused what cannot fit; a refusal here means the layout changed
 * after the job was queued. Its reason names fields, never values.
 */
async function renderFace(
  job: Job,
  context: CardRunContext,
): Promise<{ panels?: RenderedPanels } | { refused: string } | { stopping: true }> {
  if (!context.driver.printsPanels) return {};
  try {
    const issue = { issuedAt: context.clock.now(), timeZone: context.timeZone };
    return { panels: await context.render(job.card ?? {}, issue) };
  } catch (error) {
    if (isCetakError(error, 'SHUTTING_DOWN')) return { stopping: true };
    if (isCetakError(error)) return { refused: error.details.join('; ') || error.code };
    context.log.error({ err: errorMessage(error) }, 'card renderer failed');
    return { refused: 'the renderer failed (see the log)' };
  }
}
