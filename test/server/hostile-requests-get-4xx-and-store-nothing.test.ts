import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
beforeAll(async () => {
  // No blanks: nothing prints, so "nothing stored" is simply "the queue is still empty".
  test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
});
afterAll(() => test?.dispose());

const WRITES = [
  '/api/jobs',
  '/api/jobs/batch',
  '/api/reprints',
  '/api/stations/sbu1-a/blanks',
  '/api/jobs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/cancel',
  '/api/jobs/../../etc/passwd/resolve',
  '/api/stations/..%2f..%2f/blanks',
  '/api/jobs/promote',
  '/api/stations/sbu1-a/actions',
  '/api/stations/%2e%2e%2f/resume',
  '/api/stations/..%2f/standby',
];
const READS = [
  '/api/jobs/%00',
  '/api/jobs/../../etc/passwd',
  '/api/stations/%2e%2e/ledger',
  '/api/reports/daily?date=%ff',
  '/api/jobs?limit=%ff',
  '/api/jobs?before=1e400',
  '/api/jobs?state[]=queued',
  '/api/temperatures?minutes=-1',
  '/api/stations/%00',
  '/dashboard/..%2f..%2fpackage.json',
  '/dashboard/%2e%2e/%2e%2e/package.json',
];

async function queued(): Promise<number> {
  const status = (await test.get('/api/status')).body as {
    kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
  };
  return status.kecamatan.reduce((n, k) => n + k.queue.walkIn + k.queue.backlog, 0);
}

/** Bodies an attacker or a broken client might send: random JSON, near-valid jobs, junk bytes. */
const hostileBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record({ ...Object.fromEntries(Object.keys(resident(1)).map((k) => [k, fc.jsonValue()])) })
    .map((v) => JSON.stringify(v)),
  fc.string().map((text) => `{"nik":${text}`),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('hostile requests', () => {
  it('every write route answers random, truncated and wrongly typed bodies with a 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WRITES),
        hostileBody,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/octet-stream',
        ),
        async (url, payload, contentType) => {
          const response = await test.daemon.server.inject({
            method: 'POST',
            url,
            headers: { 'content-type': contentType, authorization: `Bearer ${test.daemon.token}` },
            payload,
          });
          expect(response.statusCode, `${url} ${contentType} ${payload.slice(0, 80)}`).toBeGreaterThanOrEqual(
            400,
          );
          expect(response.statusCode, `${url} ${payload.slice(0, 80)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    expect(await queued()).toBe(0);
  });

  it('odd ids and paths are 4xx, never a crash or a file', async () => {
    for (const url of READS) {
      const response = await test.daemon.server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body).not.toContain('root:');
    }
  });

  it('random query strings on the list routes never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/jobs', '/api/temperatures', '/api/reports/daily'),
        fc.dictionary(
          fc.constantFrom('state', 'limit', 'before', 'priority', 'minutes', 'date', 'x'),
          fc.string(),
        ),
        async (path, query) => {
          const url = `${path}?${new URLSearchParams(query).toString()}`;
          const response = await test.daemon.server.inject({ method: 'GET', url });
          expect(response.statusCode, url).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an oversized body is refused before it is read in full', async () => {
    const big = JSON.stringify({ jobs: [{ ...resident(2), address: 'X'.repeat(9 * 1024 * 1024) }] });
    const response = await test.daemon.server.inject({
      method: 'POST',
      url: '/api/jobs/batch',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${test.daemon.token}` },
      payload: big,
    });
    expect(response.statusCode).toBe(413);
    expect(await queued()).toBe(0);
  });
});
