import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TimerHandle } from '../../clock/clock.js';
import type { StampedEvent } from '../../events/fleet-events.js';
import { statusSchemas } from '../schemas/status-schemas.js';
import type { StatusPortServices } from '../services.js';

/** A comment line this often keeps proxies and idle-connection timers from closing the stream. */
const KEEP_ALIVE_MS = 15_000;

/** A watcher this far behind is cut off; it reconnects with Last-Event-ID and catches up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /api/events`: Server-Sent Events. Resumable: a browser's EventSource sends `Last-Event-ID`
 * on reconnect and gets what it missed; when that is no longer kept, a `reset` event tells it to
 * reload `/api/status`.
 */
export async function eventRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  const streams = new Set<() => void>();
  // Open streams would hold the server's close() forever: end them first.
  app.addHook('preClose', async () => {
    for (const close of [...streams]) close();
  });

  app.get('/api/events', { schema: statusSchemas.events }, (request, reply) => {
    const lastId = lastEventId(request);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tell nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    let open = true;
    // Assigned once subscribed; a replay that overflows the buffer may close before that.
    let unsubscribe = () => {};
    let keepAlive: TimerHandle | undefined;
    const close = () => {
      if (!open) return;
      open = false;
      streams.delete(close);
      unsubscribe();
      if (keepAlive) services.clock.clearTimeout(keepAlive);
      out.end();
    };
    const send = (stamped: StampedEvent) => {
      if (!open) return;
      if (out.writableLength > MAX_BUFFERED_BYTES) return close();
      // Events published in one tick (a job, its station, an alert) leave in one write.
      if (out.writableCorked === 0) {
        out.cork();
        process.nextTick(() => out.uncork());
      }
      out.write(serialised(stamped));
    };
    // Replay and subscription happen in one synchronous turn: no event can fall between them.
    out.write('retry: 2000\n\n');
    if (lastId !== undefined) {
      const missed = services.events.since(lastId);
      if (missed === undefined) out.write(`id: ${services.events.lastId}\nevent: reset\ndata: {}\n\n`);
      else for (const stamped of missed) send(stamped);
    } else {
      out.write(`id: ${services.events.lastId}\nevent: hello\ndata: {}\n\n`);
    }
    if (!open) return;
    unsubscribe = services.events.subscribe(send);
    streams.add(close);
    keepAlive = services.clock.setTimeout(function ping() {
      if (!open) return;
      out.write(': ping\n\n');
      keepAlive = services.clock.setTimeout(ping, KEEP_ALIVE_MS);
    }, KEEP_ALIVE_MS);
    request.raw.on('close', close);
    out.on('error', close);
  });
}

/** Each event is turned into its SSE bytes once, however many dashboards watch: written as they are. */
const serialisedEvents = new WeakMap<StampedEvent, Buffer>();
function serialised(stamped: StampedEvent): Buffer {
  let bytes = serialisedEvents.get(stamped);
  if (bytes === undefined) {
    const data = JSON.stringify({ at: stamped.at, ...stamped.event });
    bytes = Buffer.from(`id: ${stamped.id}\nevent: ${stamped.event.type}\ndata: ${data}\n\n`);
    serialisedEvents.set(stamped, bytes);
  }
  return bytes;
}

function lastEventId(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const text = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
