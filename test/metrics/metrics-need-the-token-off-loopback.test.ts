import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('serves /metrics to anyone on loopback, and only with the token once reachable from elsewhere', async () => {
  test = await startTestDaemon();
  const get = (headers: Record<string, string> = {}) =>
    test.daemon.server.inject({ method: 'GET', url: '/metrics', headers });
  expect((await get()).statusCode).toBe(200);

  const url = await test.daemon.listen('0.0.0.0', 0);
  expect((await get()).statusCode).toBe(401);
  expect((await get({ authorization: 'Bearer wrong' })).statusCode).toBe(401);
  const scraped = await get({ authorization: `Bearer ${test.daemon.token}` });
  expect(scraped.statusCode).toBe(200);
  expect(scraped.body).toContain('cetak_station_state{');

  // Over a real socket, as Prometheus scrapes.
  const port = new URL(url).port;
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${test.daemon.token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(await response.text()).toContain('cetak_queue_jobs{');
});

it('lets the read-only scrape token read /metrics off loopback, and nothing else', async () => {
  test = await startTestDaemon();
  await test.daemon.listen('0.0.0.0', 0);
  const scrape = { authorization: `Bearer ${test.daemon.scrapeToken}` };
  expect(test.daemon.scrapeToken).not.toBe(test.daemon.token);
  expect(readFileSync(join(test.dataDir, 'scrape-token'), 'utf8').trim()).toBe(test.daemon.scrapeToken);

  const metrics = await test.daemon.server.inject({ method: 'GET', url: '/metrics', headers: scrape });
  expect(metrics.statusCode).toBe(200);
  expect(metrics.body).toContain('cetak_station_state{');
  const status = await test.daemon.server.inject({ method: 'GET', url: '/api/status', headers: scrape });
  expect(status.statusCode).toBe(401);
  const pause = await test.daemon.server.inject({
    method: 'POST',
    url: '/api/stations/sbu1-a/pause',
    headers: scrape,
  });
  expect(pause.statusCode).toBe(401);
});
