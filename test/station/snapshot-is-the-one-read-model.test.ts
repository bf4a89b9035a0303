import { afterEach, describe, expect, it } from 'vitest';
import { fleetStatusSchema } from '../../src/fleet/fleet-status-schema.js';
import { STATION_SNAPSHOT_VERSION, stationSnapshotSchema } from '../../src/station/station-snapshot.js';
import type { StationSnapshot } from '../../src/station/station-view.js';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { scrapeText } from '../metrics/scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const station = () => {
  const found = test.daemon.stations[0];
  if (!found) throw new Error('no station');
  return found;
};

describe('a station snapshot', () => {
  it('matches its schema field for field, is versioned, and is a fresh value on every call', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.clock.advance(5 * 60_000);
    const first = station().snapshot();
    const parsed = stationSnapshotSchema.parse(first);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(first).sort());
    expect(first.version).toBe(STATION_SNAPSHOT_VERSION);
    expect(first).toMatchObject({ id: 'sbu1-a', state: 'ready', printerState: 'ready' });
    expect(first.printer?.serial).toMatch(/\S/);

    // A caller that scribbles on its copy changes nothing the next caller sees.
    const scribbled = first as unknown as { problems: string[]; temperatures: Record<string, number> };
    scribbled.problems.push('card-jam');
    scribbled.temperatures.internalC = -40;
    const second = station().snapshot();
    expect(second).not.toBe(first);
    expect(second.problems).toEqual([]);
    expect(second.temperatures.internalC).not.toBe(-40);
  });

  it('is taken once per change for all the watchers of that change, and read fresh by anyone else', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const seen: StationSnapshot[][] = [];
    const stops = [0, 1].map((watcher) =>
      station().onChange((change) => {
        if (watcher === 0) seen.push([]);
        seen.at(-1)?.push(change.snapshot(), change.snapshot());
      }),
    );
    await test.submit(resident(1));
    await test.clock.advance(5 * 60_000);
    for (const stop of stops) stop();
    expect(seen.length).toBeGreaterThan(2);
    for (const [first, ...rest] of seen) for (const other of rest) expect(other).toBe(first);
    expect(seen.at(-1)?.[0]).not.toBe(seen.at(-2)?.[0]);
    expect(station().snapshot()).not.toBe(seen.at(-1)?.[0]);
  });

  it('says printing with the card due out while a card is in the printer, and idle after', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const id = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, id, ['printing']);
    const printing = station().snapshot();
    expect(printing.state).toBe('printing');
    expect(printing.currentJob).toBe(id);
    expect(printing.nextAction.kind).toBe('finish-card');
    expect(printing.nextAction.at).toBe(printing.cardEndsAt);
    expect(Date.parse(printing.cardEndsAt ?? '')).toBeGreaterThan(test.clock.now());

    await waitForJob(test, id, ['printed']);
    await test.clock.advance(1000);
    const after = station().snapshot();
    expect(after.currentJob).toBeNull();
    expect(after.cardEndsAt).toBeNull();
    expect(['idle', 'cool-until']).toContain(after.nextAction.kind);
  });

  it('is what /api/status, the event stream and /metrics show of the station', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.clock.advance(5 * 60_000);
    const snapshot: StationSnapshot = station().snapshot();
    const status = fleetStatusSchema.parse((await test.get('/api/status')).body);
    expect(status.schemaVersion).toBe(1);
    const [entry] = status.stations;
    expect(typeof entry?.state).toBe('string');
    expect(typeof entry?.kecamatan).toBe('string');
    const { takenAt: _a, thermal: _b, ...shown } = entry ?? ({} as typeof snapshot);
    const { takenAt: _c, thermal: _d, ...taken } = snapshot;
    expect(shown).toMatchObject(taken);

    const events = test.daemon.events.since(0) ?? [];
    const lastStation = events
      .map((e) => e.event)
      .filter((e) => e.type === 'station')
      .at(-1);
    expect(lastStation).toMatchObject({ state: snapshot.state, problems: snapshot.problems });

    const metrics = (await scrapeText(test)).text;
    const inside = metrics.match(/cetak_printer_inside_celsius\{station="sbu1-a",source="(\w+)"\} ([\d.]+)/);
    expect(inside?.[1]).toBe(snapshot.thermal.inside.source);
    expect(Number(inside?.[2])).toBeCloseTo(snapshot.thermal.inside.c, 1);
  });
});
