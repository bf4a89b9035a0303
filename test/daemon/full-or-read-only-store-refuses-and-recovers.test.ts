import { afterEach, describe, expect, it } from 'vitest';
import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { machineOf, oneStationFleet, stationView } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const cardsMade = () => machineOf(test, 'sbu1-a').status().counters.cards;
const readOnly = (on: boolean) => test.daemon.database.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);

describe('a store that cannot be written', () => {
  it('read-only: new jobs get 503 with the reason, queued cards do not start, all resumes once writable', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.post('/api/stations/sbu1-a/pause');
    const queued = [];
    for (let seed = 1; seed <= 2; seed++) queued.push(String((await test.submit(resident(seed))).body.id));
    readOnly(true);
    expect((await test.post('/api/stations/sbu1-a/resume')).status).toBe(200);

    const refused = await test.submit(resident(3));
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe('STORE_UNAVAILABLE');
    expect(String(refused.body.message)).toContain('read-only');
    expect(String(refused.body.message)).toContain('already accepted are safe');
    const ready = await test.daemon.server.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().store).toMatchObject({ writable: false });

    const before = cardsMade();
    await test.clock.advance(15 * 60_000);
    expect(cardsMade()).toBe(before);
    for (const id of queued) expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('queued');
    expect((await stationView(test, 'sbu1-a')).lastError).toContain('STORE_UNAVAILABLE');
    const alerts = (await test.get('/api/alerts')).body.alerts as Array<{ code: string }>;
    expect(alerts.map((a) => a.code)).toContain('STORE_UNAVAILABLE');

    readOnly(false);
    for (const id of queued) expect((await waitForJob(test, id, ['printed'])).state).toBe('printed');
    expect((await test.submit(resident(3))).status).toBe(201);
    expect((await test.daemon.server.inject('/readyz')).statusCode).toBe(200);
    const after = (await test.get('/api/alerts')).body.alerts as Array<{ code: string }>;
    expect(after.map((a) => a.code)).toContain('STORE_RECOVERED');
  });

  it('a card that came out while the store was read-only is recorded once it is writable, before any other', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = String((await test.submit(resident(1))).body.id);
    const second = String((await test.submit(resident(2))).body.id);
    await waitForJob(test, first, ['printing']);
    readOnly(true);
    const made = cardsMade();
    await test.clock.until(() => cardsMade() > made, 10 * 60_000);
    await test.clock.advance(10 * 60_000);
    // The card exists but its outcome could not be written: the job waits in `printing`, and the
    // station starts nothing else meanwhile.
    expect((await test.get(`/api/jobs/${first}`)).body.state).toBe('printing');
    expect((await test.get(`/api/jobs/${second}`)).body.state).toBe('queued');
    expect(cardsMade()).toBe(made + 1);

    readOnly(false);
    const recorded = await waitForJob(test, first, ['printed']);
    expect(recorded.chipUid).toBeTruthy();
    expect((await waitForJob(test, second, ['printed'])).state).toBe('printed');
    expect(cardsMade()).toBe(made + 2);
  });

  it('disk full: 507 saying how full, an import batch refused whole and accepted whole once there is room', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.post('/api/stations/sbu1-a/pause');
    const pages = Number(test.daemon.database.pragma('page_count', { simple: true }));
    test.daemon.database.pragma(`max_page_count = ${pages}`);
    const jobs = syntheticResidents(500, 100);
    const full = await test.post('/api/jobs/batch', { jobs });
    expect(full.status).toBe(507);
    expect(full.body.error).toBe('STORE_FULL');
    expect(String(full.body.message)).toMatch(/^disk full: \d+\.\d MB free, need 1 MB/);
    expect(String(full.body.message)).toContain('nothing of this request was stored');
    const ready = (await test.daemon.server.inject('/readyz')).json();
    expect(ready.reason).toMatch(/^disk full: /);
    const listed = (await test.get('/api/jobs?limit=500')).body.jobs as unknown[];
    expect(listed).toHaveLength(0);

    test.daemon.database.pragma('max_page_count = 1073741823');
    const accepted = await test.post('/api/jobs/batch', { jobs });
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toBe(500);
  });
});
