import { afterEach, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

type Page = {
  jobs: Array<{ id: string; state: string; nik: string; priority: string }>;
  next: string | null;
};

describe('GET /api/jobs', () => {
  it('lists newest first, pages with a cursor that does not skip or repeat, and filters', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.post('/api/stations/sbu1-a/pause');
    const ids: string[] = [];
    for (let seed = 1; seed <= 7; seed++) {
      const priority = seed % 3 === 0 ? 'walk-in' : 'backlog';
      ids.push(String((await test.submit(resident(seed, { priority }))).body.id));
    }
    const seen: string[] = [];
    let url = '/api/jobs?limit=3';
    for (let pages = 0; pages < 5; pages++) {
      const page = (await test.get(url)).body as Page;
      expect(page.jobs.length).toBeLessThanOrEqual(3);
      seen.push(...page.jobs.map((j) => j.id));
      if (page.next === null) break;
      url = `/api/jobs?limit=3&before=${page.next}`;
    }
    expect(seen).toEqual([...ids].reverse());

    const walkIns = (await test.get('/api/jobs?priority=walk-in')).body as Page;
    expect(walkIns.jobs.map((j) => j.id).sort()).toEqual([ids[2], ids[5]].sort());
    expect(walkIns.next).toBeNull();
    const nik = String(resident(1).nik);
    for (const job of walkIns.jobs) expect(job.nik).toMatch(/^\d{6}\*{10}$/);
    expect(JSON.stringify((await test.get('/api/jobs')).body)).not.toContain(nik);
    // Lists never read the card (text, photo): only a single job's lookup does.
    expect(test.daemon.jobs.listJobs({ limit: 10 }).jobs.map((job) => job.card)).toEqual(ids.map(() => null));
    expect(test.daemon.jobs.getJob(String(ids[0]))?.card).not.toBeNull();
  });

  it('filters by state and station once cards are printed', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, first, ['printed']);
    await test.post('/api/stations/sbu1-a/pause');
    const second = String((await test.submit(resident(2))).body.id);
    const printed = (await test.get('/api/jobs?state=printed&station=sbu1-a')).body as Page;
    expect(printed.jobs.map((j) => j.id)).toEqual([first]);
    const queued = (await test.get('/api/jobs?state=queued')).body as Page;
    expect(queued.jobs.map((j) => j.id)).toEqual([second]);
  });

  it('refuses a bad query naming the field and the value', async () => {
    test = await startTestDaemon();
    for (const [query, field] of [
      ['state=lost', 'state'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['before=-3', 'before'],
      ['colour=red', 'colour'],
    ]) {
      const response = await test.get(`/api/jobs?${query}`);
      expect(response.status, query).toBe(400);
      expect((response.body.problems as string[]).join(' '), query).toContain(field);
    }
  });
});

describe('POST /api/jobs/promote', () => {
  it('a resident at the counter goes before the backlog, behind walk-ins already waiting', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.post('/api/stations/sbu1-a/pause');
    const backlog1 = String((await test.submit(resident(1))).body.id);
    const backlog2 = String((await test.submit(resident(2))).body.id);
    const walkIn = String((await test.submit(resident(3, { priority: 'walk-in' }))).body.id);

    const promoted = await test.post('/api/jobs/promote', { nik: resident(2).nik });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: backlog2, priority: 'walk-in', state: 'queued' });
    const journal = promoted.body.journal as Array<{ detail: string | null }>;
    expect(journal.at(-1)?.detail).toBe('promoted to walk-in');
    // Promoting twice is harmless.
    expect((await test.post('/api/jobs/promote', { nik: resident(2).nik })).status).toBe(200);

    await test.post('/api/stations/sbu1-a/resume');
    const order: string[] = [];
    await test.clock.until(async () => {
      for (const id of [walkIn, backlog2, backlog1]) {
        if (!order.includes(id) && (await test.get(`/api/jobs/${id}`)).body.state === 'printed')
          order.push(id);
      }
      return order.length === 3;
    }, 60 * 60_000);
    expect(order).toEqual([walkIn, backlog2, backlog1]);
  });

  it('says plainly when there is nothing to promote, without echoing the NIK', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const unknown = await test.post('/api/jobs/promote', { nik: resident(9).nik });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('JOB_NOT_FOUND');
    expect(JSON.stringify(unknown.body)).not.toContain(String(resident(9).nik));

    const id = String((await test.submit(resident(4))).body.id);
    await waitForJob(test, id, ['printed']);
    const printed = await test.post('/api/jobs/promote', { nik: resident(4).nik });
    expect(printed.status).toBe(404);

    const bad = await test.post('/api/jobs/promote', { nik: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.stringContaining('nik')]);
    const none = await test.daemon.server.inject({
      method: 'POST',
      url: '/api/jobs/promote',
      payload: { nik: resident(4).nik },
    });
    expect(none.statusCode).toBe(401);
  });
});
