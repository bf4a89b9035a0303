import { afterEach, describe, expect, it } from 'vitest';
import { machineOf, oneStationFleet, stationView } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const noToken = (url: string, payload: object = {}) =>
  test.daemon.server.inject({ method: 'POST', url, payload });

describe('station routes', () => {
  it('lists stations and shows one with its books; unknown ids are 404 naming the known ones', async () => {
    test = await startTestDaemon();
    const list = (await test.get('/api/stations')).body as { stations: Array<{ id: string }> };
    expect(list.stations.map((s) => s.id)).toEqual(['sbu1-a', 'sbu1-b']);
    const detail = await test.get('/api/stations/sbu1-b');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: 'sbu1-b', kecamatan: 'seberang-ulu-i', pausedSince: null });
    expect(detail.body.books).toHaveProperty('blanks');
    const missing = await test.get('/api/stations/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'STATION_NOT_FOUND' });
    expect(String(missing.body.message)).toContain('sbu1-a');
    expect((await test.post('/api/stations/nope/pause')).status).toBe(404);
  });

  it('a paused station starts no card until resumed; the card in hand is not affected', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const paused = await test.post('/api/stations/sbu1-a/pause');
    expect(paused.status).toBe(200);
    expect(paused.body.pausedSince).toBe(new Date(test.clock.now()).toISOString());
    const id = String((await test.submit(resident(1))).body.id);
    await test.clock.advance(20 * 60_000);
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('queued');

    const resumed = await test.post('/api/stations/sbu1-a/resume');
    expect(resumed.body.pausedSince).toBeNull();
    expect((await waitForJob(test, id, ['printed'])).state).toBe('printed');
  });

  it('standby switches the heater off and pauses; warm heats the printer again', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.clock.advance(5 * 60_000);
    expect((await stationView(test, 'sbu1-a')).state).toBe('ready');
    const standby = await test.post('/api/stations/sbu1-a/standby');
    expect(standby.status).toBe(200);
    expect(standby.body.pausedSince).not.toBeNull();
    expect(machineOf(test, 'sbu1-a').state).toBe('standby');

    expect((await test.post('/api/stations/sbu1-a/warm')).status).toBe(200);
    await test.clock.until(() => machineOf(test, 'sbu1-a').state === 'ready', 10 * 60_000);
    expect(machineOf(test, 'sbu1-a').state).toBe('ready');
  });

  it('a jam stops the station; "jam cleared" from the operator lets it print again at once', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, first, ['printing']);
    machineOf(test, 'sbu1-a').trigger('card-jam');
    expect((await waitForJob(test, first, ['spoiled'])).spoilReason).toBe('card-jam');
    const second = String((await test.submit(resident(2))).body.id);
    await test.clock.advance(10 * 60_000);
    expect((await stationView(test, 'sbu1-a')).problems).toContain('card-jam');
    expect((await test.get(`/api/jobs/${second}`)).body.state).toBe('queued');

    const cleared = await test.post('/api/stations/sbu1-a/actions', { action: 'jam-cleared' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.problems).not.toContain('card-jam');
    expect((await waitForJob(test, second, ['printed'])).state).toBe('printed');
  });

  it('refuses changes without the token, and bad actions with the field named', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    for (const url of ['/api/stations/sbu1-a/pause', '/api/stations/sbu1-a/standby']) {
      expect((await noToken(url)).statusCode).toBe(401);
    }
    const action = await noToken('/api/stations/sbu1-a/actions', { action: 'jam-cleared' });
    expect(action.statusCode).toBe(401);
    expect((await stationView(test, 'sbu1-a')).state).not.toBe('standby');
    expect(test.daemon.stations[0]?.snapshot().pausedSince).toBeNull();

    const bad = await test.post('/api/stations/sbu1-a/actions', { action: 'kick-it' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.stringContaining('action')]);
    expect(String(bad.body.message)).toContain('kick-it');
    expect((await test.post('/api/stations/sbu1-a/actions', { action: 'jam-cleared', x: 1 })).status).toBe(
      400,
    );
  });

  it('an offline printer cannot be warmed: 409 saying why', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    machineOf(test, 'sbu1-a').operate('power-off');
    await test.clock.until(async () => (await stationView(test, 'sbu1-a')).state === 'offline', 5 * 60_000);
    const warm = await test.post('/api/stations/sbu1-a/warm');
    expect(warm.status).toBe(409);
    expect(warm.body).toMatchObject({ error: 'STATION_UNAVAILABLE' });
    expect(String(warm.body.message)).toContain('offline');
  });
});
