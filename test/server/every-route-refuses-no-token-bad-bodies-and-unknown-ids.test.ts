import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly requestBody?: unknown;
  readonly security?: ReadonlyArray<Record<string, unknown>>;
  readonly responses: Record<string, unknown>;
}
let operations: Operation[] = [];

beforeAll(async () => {
  // No blanks: nothing prints, so every answer below is about the request alone.
  test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
  const doc = (await test.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      ...operation,
    })),
  );
});
afterAll(() => test?.dispose());

/** Needs the token even on loopback: every way in names a scheme (no anonymous `{}`, not open `[]`). */
const needsToken = (op: Operation) =>
  (op.security?.length ?? 0) > 0 && (op.security ?? []).every((way) => Object.keys(way).length > 0);

const UNKNOWN_JOB = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string, id: string) => path.replace('{id}', id);
/** A body the route would take, so an unknown id is what it answers about. */
const VALID_BODY = (path: string) => (path.endsWith('/ack') ? { by: 'Siti' } : {});
const idFor = (path: string) => (path.startsWith('/api/stations') ? 'sbu1-a' : UNKNOWN_JOB);

describe('every route of the OpenAPI document', () => {
  it('has a change route list that is not empty (the checks below cover something)', () => {
    expect(operations.filter(needsToken).length).toBeGreaterThanOrEqual(12);
  });

  it('refuses every change without the token (401) and with a wrong one', async () => {
    for (const op of operations.filter(needsToken)) {
      const url = concrete(op.path, idFor(op.path));
      for (const headers of [{}, { authorization: 'Bearer not-the-token-not-the-token' }]) {
        const response = await test.daemon.server.inject({
          method: op.method as 'POST',
          url,
          headers,
          payload: {},
        });
        expect(response.statusCode, `${op.method} ${url}`).toBe(401);
        expect(op.responses['401'], op.path).toBeDefined();
      }
    }
  });

  it('answers a body of the wrong shape with 400 naming the problem', async () => {
    // A real job, so job-scoped routes are judged on their body, not on an unknown id.
    const job = String((await test.submit(resident(1))).body.id);
    for (const op of operations.filter((o) => o.requestBody)) {
      const url = concrete(op.path, op.path.startsWith('/api/jobs/{id}') ? job : idFor(op.path));
      const response = await test.post(url, { surprise: true });
      expect(response.status, `${op.method} ${url}`).toBe(400);
      expect(response.body.error, url).toMatch(/^(REQUEST_INVALID|JOB_INVALID)$/);
      expect(JSON.stringify(response.body), url).toContain('surprise');
    }
  });

  it('answers unknown job and station ids with 404', async () => {
    for (const op of operations.filter((o) => o.path.includes('{id}'))) {
      const unknown = op.path.startsWith('/api/stations') ? 'no-such-station' : UNKNOWN_JOB;
      const url = concrete(op.path, unknown);
      const response =
        op.method === 'GET'
          ? await test.get(url)
          : await test.post(url, op.path.endsWith('/resolve') ? { outcome: 'printed' } : VALID_BODY(op.path));
      expect(response.status, `${op.method} ${url}`).toBe(404);
      expect(['JOB_NOT_FOUND', 'STATION_NOT_FOUND', 'ALERT_NOT_FOUND'], url).toContain(response.body.error);
    }
  });
});
