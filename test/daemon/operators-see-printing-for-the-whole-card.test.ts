import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/events/fleet-events.js';
import { resident, startTestDaemon, TEST_FLEET, type TestDaemon } from '../helpers/test-daemon.js';

type StationView = { id: string; state: string; printerState: string; currentJob: string | null };

describe('what operators are shown a station doing', () => {
  let test: TestDaemon;
  afterEach(() => test?.dispose());

  it('is printing from the card start to its end: in /api/status samples and in every state event', async () => {
    test = await startTestDaemon();
    const events: StampedEvent[] = [];
    test.daemon.events.subscribe((stamped) => events.push(stamped));
    const ids: string[] = [];
    for (let seed = 30; seed < 36; seed++) ids.push(String((await test.submit(resident(seed))).body.id));

    let samplesWhilePrinting = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 2400; i++) {
      await test.clock.advance(500);
      const printing = (await test.get('/api/jobs?state=printing')).body.jobs as Array<{ stationId: string }>;
      const status = (await test.get('/api/status')).body.stations as StationView[];
      for (const station of status) {
        if (!printing.some((job) => job.stationId === station.id)) continue;
        samplesWhilePrinting++;
        if (station.state !== 'printing') wrong.push(`${station.id}: ${station.state}`);
      }
      const done = (await test.get('/api/jobs?state=printed')).body.jobs as unknown[];
      if (done.length === ids.length) break;
    }
    expect(samplesWhilePrinting).toBeGreaterThan(100);
    expect(wrong).toEqual([]);

    // The event stream: a state event when each card starts and when it ends, and every event
    // that carries a card in progress says `printing` (before, the first one said `ready`).
    const stationEvents = events
      .map((e) => e.event)
      .filter((e): e is Extract<typeof e, { type: 'station' }> => e.type === 'station');
    const withCard = stationEvents.filter((e) => e.currentJob !== null);
    expect(withCard.length).toBeGreaterThan(0);
    expect(withCard.filter((e) => e.state !== 'printing').map((e) => `${e.station}:${e.state}`)).toEqual([]);
    for (const id of ids) {
      const first = stationEvents.findIndex((e) => e.currentJob === id);
      expect(stationEvents[first]?.state).toBe('printing');
      const after = stationEvents
        .slice(first)
        .find((e) => e.currentJob !== id && e.station === stationEvents[first]?.station);
      expect(after?.state).not.toBe('printing');
    }
  }, 60_000);

  it('is waiting for the operator while a problem holds the printer, with the printer state beside it', async () => {
    const empty = {
      ...TEST_FLEET,
      kecamatan: [
        {
          ...TEST_FLEET.kecamatan[0],
          stations: [
            {
              id: 'sbu1-a',
              driver: 'emulator',
              chip: { encoder: 'emulated' },
              emulator: { extensions: true, stock: { feeder: 0 } },
            },
          ],
        },
        TEST_FLEET.kecamatan[1],
      ],
    };
    test = await startTestDaemon({ config: empty });
    await test.submit(resident(40));
    await test.clock.advance(5 * 60_000);
    const station = ((await test.get('/api/status')).body.stations as StationView[])[0];
    expect(station?.state).toBe('waiting-for-operator');
    expect(station?.printerState).not.toBe('waiting-for-operator');
  }, 30_000);
});
