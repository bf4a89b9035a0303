import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

async function queued(t: TestDaemon): Promise<number> {
  const status = (await t.get('/api/status')).body as { kecamatan: Array<{ queue: { backlog: number } }> };
  return status.kecamatan.reduce((n, k) => n + k.queue.backlog, 0);
}

describe('the status port token', () => {
  it('is generated at first start, owner-only, and kept across restarts', async () => {
    test = await startTestDaemon();
    const file = join(test.dataDir, 'token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(test.daemon.token.length).toBeGreaterThanOrEqual(16);
    const first = test.daemon.token;
    test = await test.restart();
    expect(test.daemon.token).toBe(first);
  });

  it('is needed for every change: none or a wrong one gets 401 and changes nothing', async () => {
    test = await startTestDaemon();
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', test.daemon.token]) {
      const response = await test.daemon.server.inject({
        method: 'POST',
        url: '/api/jobs',
        headers: authorization === undefined ? {} : { authorization },
        payload: resident(1),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toBe('UNAUTHORIZED');
    }
    for (const url of [
      '/api/jobs/batch',
      '/api/reprints',
      '/api/stations/sbu1-a/blanks',
      '/api/jobs/x/cancel',
    ]) {
      expect((await test.daemon.server.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    }
    expect(await queued(test)).toBe(0);
    expect((await test.submit(resident(1))).status).toBe(201);
  });

  it('is not needed to read on loopback', async () => {
    test = await startTestDaemon();
    for (const url of ['/healthz', '/api/status', '/api/reports/daily']) {
      expect((await test.daemon.server.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});

describe('off loopback', () => {
  it('every API read needs the token too, while the page files, probes and API docs stay open', async () => {
    test = await startTestDaemon();
    await test.daemon.listen('0.0.0.0', 0);
    const get = (url: string, authorization?: string) =>
      test.daemon.server.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
    for (const url of ['/api/status', '/api/jobs', '/api/stations/sbu1-a']) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, `Bearer ${test.daemon.token}`)).statusCode, url).toBe(200);
    }
    // The API's description and its docs page hold no data: another office PC reads them freely.
    for (const url of ['/', '/healthz', '/readyz', '/api/openapi.json', '/api/docs/', '/api/docs/json'])
      expect((await get(url)).statusCode, url).toBe(200);
    const page = await get('/');
    expect(page.body).not.toContain(test.daemon.token);
    expect((await test.daemon.server.inject({ method: 'POST', url: '/healthz' })).statusCode).not.toBe(200);
  });
});
