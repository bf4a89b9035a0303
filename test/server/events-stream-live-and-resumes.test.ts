import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
const streams: Array<() => void> = [];
afterEach(async () => {
  for (const close of streams.splice(0)) close();
  await test?.dispose();
});

interface Received {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

/** Opens `GET /api/events` and collects the events as they arrive. */
function openStream(base: string, lastEventId?: number) {
  const received: Received[] = [];
  let status = 0;
  let contentType = '';
  const req = request(`${base}/api/events`, {
    headers: lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) },
  });
  req.on('response', (response) => {
    status = response.statusCode ?? 0;
    contentType = String(response.headers['content-type']);
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const type = field('event');
        if (type !== undefined)
          received.push({ id: Number(field('id')), type, data: JSON.parse(field('data') ?? '{}') });
        end = buffer.indexOf('\n\n');
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  streams.push(() => req.destroy());
  return {
    received,
    close: () => req.destroy(),
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
  };
}

/** Real sockets deliver on real time: wait (briefly, really) until a condition holds. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('GET /api/events', () => {
  it('streams job transitions, station changes and temperatures as they happen', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const base = await test.daemon.listen('127.0.0.1', 0);
    const stream = openStream(base);
    await eventually(() => stream.received.some((e) => e.type === 'hello'), 'hello');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');

    const id = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, id, ['printed']);
    await eventually(
      () => stream.received.some((e) => e.type === 'job' && e.data.to === 'printed'),
      'printed event',
    );
    const transitions = stream.received
      .filter((e) => e.type === 'job' && e.data.id === id)
      .map((e) => e.data.to);
    expect(transitions).toEqual(['queued', 'printing', 'printed']);
    const printed = stream.received.find((e) => e.type === 'job' && e.data.to === 'printed');
    expect(printed?.data).toMatchObject({ station: 'sbu1-a', priority: 'backlog' });
    expect(printed?.data.nik).toMatch(/^\d{6}\*{10}$/);
    expect(stream.received.some((e) => e.type === 'station' && e.data.currentJob === id)).toBe(true);
    const temperatures = stream.received.filter((e) => e.type === 'temperature');
    expect(temperatures.length).toBeGreaterThan(0);
    // Ids strictly increase: a reconnecting watcher can say where it stopped.
    const ids = stream.received.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids.slice(1)).size).toBe(ids.length - 1);
  });

  it('at most one temperature per second per station, however fast the printer reports', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const seen: number[] = [];
    test.daemon.events.subscribe(({ at, event }) => {
      if (event.type === 'temperature') seen.push(Date.parse(at));
    });
    const id = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, id, ['printed']);
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++)
      expect((seen[i] ?? 0) - (seen[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('a watcher that reconnects with Last-Event-ID gets exactly what it missed', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const base = await test.daemon.listen('127.0.0.1', 0);
    const lastSeen = test.daemon.events.lastId;
    const missed = String((await test.submit(resident(2))).body.id);
    await waitForJob(test, missed, ['printed']);

    const resumed = openStream(base, lastSeen);
    await eventually(
      () => resumed.received.some((e) => e.type === 'job' && e.data.to === 'printed'),
      'replayed events',
    );
    expect(resumed.received[0]?.id).toBe(lastSeen + 1);
    expect(resumed.received.filter((e) => e.data.id === missed).map((e) => e.data.to)).toEqual([
      'queued',
      'printing',
      'printed',
    ]);
  });

  it('a watcher too far behind is told to reload instead of getting a gap', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const base = await test.daemon.listen('127.0.0.1', 0);
    for (let i = 0; i < 2100; i++)
      test.daemon.events.publish({ type: 'alert', level: 'info', code: 'TEST', station: null, message: 'x' });
    const stale = openStream(base, 5);
    await eventually(() => stale.received.length > 0, 'reset');
    expect(stale.received[0]).toMatchObject({ type: 'reset', id: test.daemon.events.lastId });
  });

  it('the daemon stops promptly with watchers connected', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const base = await test.daemon.listen('127.0.0.1', 0);
    const before = test.daemon.events.subscribers;
    const streamsOpen = [openStream(base), openStream(base)];
    await eventually(() => streamsOpen.every((s) => s.received.length > 0), 'both streams');
    expect(test.daemon.events.subscribers).toBe(before + 2);
    await test.stop();
    // Both streams are closed (and the station watch stopped).
    expect(test.daemon.events.subscribers).toBeLessThan(before);
  });
});
