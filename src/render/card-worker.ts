/**
 * A card-work thread: decodes and checks images, renders card faces, for {@link CardWorkPool}.
 * It holds nothing between tasks but the layout, its fonts and (once a big image came) sharp.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { isCetakError } from '../errors.js';
import { decodeBigImages, imageBytesProblem } from './big-image.js';
import { loadLayout } from './card-layout.js';
import type { CardTask, CardTaskReply } from './card-work-messages.js';
import { renderCard } from './render-card.js';

const port = parentPort;
if (!port) throw new Error('card-worker.ts runs as a worker thread of the daemon');
lowerThisThreadsPriority();

// One task at a time: the pool sends the next only after this one's reply.
port.on('message', async (task: CardTask) => {
  let reply: CardTaskReply;
  const transfer: ArrayBuffer[] = [];
  try {
    if (task.kind === 'check') {
      const problems: string[] = [];
      for (const [field, bytes] of task.images) {
        const problem = await imageBytesProblem(field, bytes, loadLayout());
        if (problem) problems.push(`${field}: ${problem}`);
      }
      reply = { id: task.id, ok: true, problems };
    } else {
      const layout = loadLayout();
      const panels = renderCard(task.card, task.issue, layout, await decodeBigImages(task.card, layout));
      const buffers = new Set([panels.k, panels.o, panels.y, panels.m, panels.c].map((p) => p?.buffer));
      for (const buffer of buffers) if (buffer instanceof ArrayBuffer) transfer.push(buffer);
      reply = { id: task.id, ok: true, panels };
    }
  } catch (error) {
    reply = isCetakError(error)
      ? { id: task.id, ok: false, code: error.code, message: error.message, details: [...error.details] }
      : { id: task.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});

/**
 * On a busy PC a photo batch should wait for the CPU, not the event loop that runs the printers:
 * the thread asks to be scheduled after the daemon's other threads. Linux only (a thread's own id
 * is in /proc, and setpriority on it applies to that thread alone); elsewhere it keeps the
 * daemon's priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    // Not Linux, or not allowed: no harm beyond a less polite thread.
  }
}
