import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUndocumentedRoute } from '../../src/server/openapi.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));
/** What `redocly lint` may still warn about; docs/api.md says why each one remains. */
const WARNINGS_ALLOWED = 0;

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let test: TestDaemon;
let document: Document;
let text = '';
beforeAll(async () => {
  test = await startTestDaemon();
  const response = await test.daemon.server.inject('/api/openapi.json');
  expect(response.statusCode).toBe(200);
  text = response.body;
  document = JSON.parse(text) as Document;
});
afterAll(() => test?.dispose());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

describe('the OpenAPI document generated from the routes', () => {
  it('passes `redocly lint` with its default rules and no config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cetak-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, text);
      // Exit status 1 means errors; the counts are read from the JSON report either way.
      const run = promisify(execFile)(REDOCLY, ['lint', file, '--format=json'], {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse((await run).stdout) as {
        totals: { errors: number; warnings: number };
        problems: Array<{ ruleId: string; message: string }>;
      };
      const problems = report.problems.map((p) => `${p.ruleId}: ${p.message}`);
      expect(report.totals.errors, problems.join('\n')).toBe(0);
      expect(report.totals.warnings, problems.join('\n')).toBeLessThanOrEqual(WARNINGS_ALLOWED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names, sums up, tags and guards every operation, with a described body for every status', () => {
    const ids = new Set<string>();
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      ids.add(operation.operationId as string);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBeGreaterThan(0);
      expect(operation.security, where).toBeDefined();
      expect(Object.keys(operation.responses), where).toContain('421');
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect(JSON.stringify(media), `${where} ${status} ${type}`).not.toMatch(/"schema":\{\}/);
        }
        expect(response.content, `${where} ${status}`).toBeDefined();
      }
    }
    expect(ids.size).toBe(operations().length);
    expect(document.paths['/healthz']?.get?.security).toEqual([]);
    expect(document.paths['/api/jobs']?.post?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/metrics']?.get?.security).toContainEqual({ scrapeToken: [] });
  });

  it('lists every route the status port serves (a route without a schema fails here)', () => {
    const documented = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const served = servedRoutes(test.daemon.server.printRoutes({ commonPrefix: false }));
    expect(served.length).toBeGreaterThan(30);
    const missing = served
      .filter(({ url }) => !isUndocumentedRoute(url))
      .map(({ method, url }) => `${method} ${url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
  });

  it('describes what the routes really answer: each body matches its response schema', async () => {
    const job = await test.submit(resident(1));
    expect(job.status).toBe(201);
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(document, 'openapi.json');
    const pointer = (...parts: string[]) =>
      parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    const answers: Array<[string, string, number, unknown]> = [['/api/jobs', 'post', 201, job.body]];
    for (const [path, url] of [
      ['/healthz', '/healthz'],
      ['/readyz', '/readyz'],
      ['/api/status', '/api/status'],
      ['/api/stations', '/api/stations'],
      ['/api/stations/{id}', '/api/stations/sbu1-a'],
      ['/api/stations/{id}/ledger', '/api/stations/sbu1-a/ledger'],
      ['/api/stock', '/api/stock'],
      ['/api/alerts', '/api/alerts'],
      ['/api/temperatures', '/api/temperatures'],
      ['/api/jobs', '/api/jobs'],
      ['/api/jobs/{id}', `/api/jobs/${String(job.body.id)}`],
      ['/api/reports/daily', '/api/reports/daily'],
      ['/api/openapi.json', '/api/openapi.json'],
      ['/api/jobs/{id}', '/api/jobs/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const answer = await test.get(url);
      answers.push([path, 'get', answer.status, answer.body]);
    }
    answers.push([
      '/api/stations/{id}/pause',
      'post',
      200,
      (await test.post('/api/stations/sbu1-b/pause')).body,
    ]);
    for (const [path, method, status, body] of answers) {
      const where = `${method} ${path} ${status}`;
      expect(document.paths[path]?.[method]?.responses[status], where).toBeDefined();
      const ref = `openapi.json#/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
      const validate = ajv.compile({ $ref: ref });
      expect(validate(body), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('shows Swagger UI at /api/docs from local files, without the token', async () => {
    const page = await test.daemon.server.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/i);
    const bundle = await test.daemon.server.inject('/api/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect((await test.daemon.server.inject('/api/docs/json')).json()).toMatchObject({ openapi: '3.1.0' });
    const foreign = await test.daemon.server.inject({ url: '/api/docs', headers: { host: 'evil.example' } });
    expect(foreign.statusCode).toBe(421);
  });
});

/** Routes with their methods (HEAD left out: fastify adds it to every GET) from `printRoutes()`. */
function servedRoutes(tree: string): Array<{ method: string; url: string }> {
  const stack: string[] = [];
  const routes: Array<{ method: string; url: string }> = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const joined = `${parent}${parent.endsWith('/') || match[2]?.startsWith('/') ? '' : '/'}${match[2]}`;
    stack[depth] = joined;
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      routes.push({ method, url: joined });
  }
  return routes;
}
