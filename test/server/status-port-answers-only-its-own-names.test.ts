import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { SAFE_REQUEST_ID } from '../../src/server/request-id.js';
import { resident, startTestDaemon, TEST_FLEET, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const withNames = (allowedHosts: string[]) => ({ ...TEST_FLEET, server: { allowedHosts } });

async function as(host: string, url: string, method: 'GET' | 'POST' = 'GET', extra = {}) {
  return test.daemon.server.inject({
    method,
    url,
    headers: { host, authorization: `Bearer ${test.daemon.token}`, ...extra },
    ...(method === 'POST' && { payload: resident(1) }),
  });
}

/** Sends raw request text over a real socket and returns the status line and body. */
async function raw(base: string, text: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  socket.write(text);
  let answer = '';
  for await (const chunk of socket) answer += String(chunk);
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body };
}

describe('the status port answers only its own names', () => {
  it('refuses a foreign Host with 421 before any route, even /healthz and a 404', async () => {
    test = await startTestDaemon({ config: withNames(['cetak.kantor.local']) });
    for (const url of ['/healthz', '/readyz', '/api/status', '/no/such/route', '/dashboard/']) {
      const refused = await as('evil.example:8787', url);
      expect(refused.statusCode, url).toBe(421);
      expect(refused.json()).toMatchObject({ error: 'HOST_NOT_ALLOWED' });
      expect(refused.json().message).toContain('"evil.example:8787"');
    }
    const submitted = await as('rebind.attacker.test', '/api/jobs', 'POST');
    expect(submitted.statusCode).toBe(421);
    expect((await test.get('/api/jobs')).body.jobs).toEqual([]);

    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:8787', '127.0.0.5', '[::1]:8787']) {
      expect((await as(host, '/healthz')).statusCode, host).toBe(200);
    }
    expect((await as('CETAK.kantor.local:80', '/healthz')).statusCode).toBe(200);
    expect((await as('192.168.1.20:8787', '/healthz')).statusCode).toBe(200);
    expect((await as('cetak.kantor.local.evil.example', '/healthz')).statusCode).toBe(421);
    const paths = (await as('localhost', '/api/openapi.json')).json().paths;
    expect(paths['/healthz'].get.responses['421']).toBeDefined();
    expect(paths['/api/jobs'].post.responses['507']).toBeDefined();
  });

  it('a bad allowedHosts entry is refused naming the field and the value', () => {
    let message = '';
    try {
      parseConfig(withNames(['ok.example', 'http://cetak.local:8787']), 'test config');
    } catch (error) {
      message = String((error as Error).message) + String((error as { details?: string[] }).details);
    }
    expect(message).toContain('server.allowedHosts[1]');
    expect(message).toContain('http://cetak.local:8787');
  });

  it('refuses a change sent from a foreign page (Origin), takes one from its own', async () => {
    test = await startTestDaemon();
    const foreign = await as('127.0.0.1:8787', '/api/jobs', 'POST', { origin: 'http://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toBe('ORIGIN_NOT_ALLOWED');
    const sandboxed = await as('127.0.0.1:8787', '/api/jobs', 'POST', { origin: 'null' });
    expect(sandboxed.statusCode).toBe(403);
    expect((await test.get('/api/jobs')).body.jobs).toEqual([]);
    const own = await as('127.0.0.1:8787', '/api/jobs', 'POST', { origin: 'http://127.0.0.1:8787' });
    expect(own.statusCode).toBe(201);
  });

  it('does not echo an unsafe Host or request id; keeps a safe request id', async () => {
    test = await startTestDaemon();
    const hostile = await as('evil.example\\<script>', '/healthz', 'GET', {
      'x-request-id': 'abc<script>alert(1)</script>',
    });
    expect(hostile.statusCode).toBe(421);
    expect(hostile.body).not.toContain('<script>');
    expect(String(hostile.headers['x-request-id'])).toMatch(SAFE_REQUEST_ID);
    expect(hostile.headers['x-request-id']).not.toContain('script');

    const long = await as('localhost', '/healthz', 'GET', { 'x-request-id': 'a'.repeat(65) });
    expect(String(long.headers['x-request-id'])).toMatch(SAFE_REQUEST_ID);
    expect(long.headers['x-request-id']).not.toBe('a'.repeat(65));

    const safe = await as('localhost', '/healthz', 'GET', { 'x-request-id': 'office-pc:42.a_b' });
    expect(safe.headers['x-request-id']).toBe('office-pc:42.a_b');
    expect(test.logs.join('\n')).not.toContain('<script>');
  });

  it('over a real socket: a foreign Host gets 421, HTTP/1.0 without Host is served', async () => {
    test = await startTestDaemon();
    const base = await test.daemon.listen('127.0.0.1', 0);
    const foreign = await raw(
      base,
      'GET /healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    );
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body).error).toBe('HOST_NOT_ALLOWED');
    const own = await fetch(`${base}/healthz`);
    expect(own.status).toBe(200);
    // Every browser sends a Host; a request without one is a script or an old monitor.
    const noHost = await raw(base, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(200);
  });
});
