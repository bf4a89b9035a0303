import type { HTTPMethods } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

describe('the status port describes and reports itself', () => {
  it('the OpenAPI document lists real routes, with the schemas that validate them', async () => {
    test = await startTestDaemon();
    const response = await test.get('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ path, method })),
    );
    expect(documented.length).toBeGreaterThan(20);
    for (const { path, method } of documented) {
      const url = path.replace('{id}', ':id');
      expect(
        test.daemon.server.hasRoute({ method: method.toUpperCase() as HTTPMethods, url }),
        `${method} ${path}`,
      ).toBe(true);
    }
    // The job schema is the one the handler parses with: its fields and the closed set of sexes.
    const jobBody = JSON.stringify(doc.paths['/api/jobs']?.post?.requestBody);
    for (const field of ['nik', 'name', 'birthDate', 'kecamatan']) expect(jobBody).toContain(`"${field}"`);
    expect(doc.paths['/api/jobs/promote']?.post?.security).toEqual([{ bearer: [] }]);
    // A read: the token, or nothing (`{}`) on loopback.
    expect(doc.paths['/api/status']?.get?.security).toEqual([{ bearer: [] }, {}]);
  });

  it('/readyz says ready once the fleet runs and 503 while stopping; /healthz stays simple', async () => {
    test = await startTestDaemon();
    const ready = await test.daemon.server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', stations: { total: 2 } });
    const stopping = test.daemon.stop();
    const during = await test.daemon.server.inject('/readyz');
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ status: 'not-ready' });
    await test.clock.until(async () => {
      let done = false;
      await Promise.race([stopping.then(() => (done = true)), Promise.resolve()]);
      return done;
    }, 60_000);
  });

  it('alerts say what to do, newest first; the chart gets two hours of temperatures and the cut-off', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const id = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, id, ['printing']);
    machineOf(test, 'sbu1-a').trigger('card-jam');
    await waitForJob(test, id, ['spoiled']);
    await test.clock.advance(3 * 60 * 60_000);
    const alerts = (await test.get('/api/alerts')).body.alerts as Array<{
      code: string;
      message: string;
      station: string;
    }>;
    const jam = alerts.find((a) => a.code === 'CARD-JAM');
    expect(jam).toMatchObject({ station: 'sbu1-a', level: 'warning' });
    expect(jam?.message).toContain('take the card out');

    const chart = (await test.get('/api/temperatures?minutes=120')).body as {
      stations: Record<string, Array<{ at: string; internalC: number }>>;
      cutOffC: Record<string, number>;
    };
    expect(chart.cutOffC['sbu1-a']).toBe(56);
    const readings = chart.stations['sbu1-a'] ?? [];
    expect(readings.length).toBeGreaterThan(100);
    expect(readings.length).toBeLessThanOrEqual(241);
    const oldest = Date.parse(readings[0]?.at ?? '');
    expect(test.clock.now() - oldest).toBeLessThanOrEqual(2 * 60 * 60_000);
    expect((await test.get('/api/temperatures?minutes=500')).status).toBe(400);
  });
});
