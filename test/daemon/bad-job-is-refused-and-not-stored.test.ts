import { afterEach, describe, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

async function queued(t: TestDaemon): Promise<number> {
  const status = (await t.get('/api/status')).body as {
    kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
  };
  return status.kecamatan.reduce((n, k) => n + k.queue.walkIn + k.queue.backlog, 0);
}

describe('POST /api/jobs with a bad body', () => {
  it('answers 400 naming every bad field, without echoing personal data, and stores nothing', async () => {
    test = await startTestDaemon();
    const good = resident(7);
    const bad = {
      ...good,
      nik: `${good.nik.slice(0, 12)}0000`,
      sex: 'X',
      kecamatan: 'ilir-barat-x',
      hobby: 'catur',
    };
    const response = await test.submit(bad);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('JOB_INVALID');
    const problems = response.body.problems as string[];
    expect(problems.some((p) => p.startsWith('nik: ') && p.includes('serial 0000'))).toBe(true);
    expect(problems.some((p) => p.startsWith('sex: ') && p.includes('"X"'))).toBe(true);
    expect(problems).toContainEqual(
      expect.stringMatching(/^kecamatan: unknown kecamatan "ilir-barat-x" \(known: .*seberang-ulu-i/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/unknown .*"hobby"/));

    const text = JSON.stringify(response.body);
    expect(text).not.toContain(bad.nik);
    expect(text).not.toContain(good.name);
    expect(text).not.toContain(good.address);
    expect(await queued(test)).toBe(0);
  });

  it('answers 400 for a body that is not JSON, or not an object, and stores nothing', async () => {
    test = await startTestDaemon();
    const notJson = await test.daemon.server.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${test.daemon.token}` },
      payload: '{"nik": ',
    });
    expect(notJson.statusCode).toBe(400);
    const plainText = await test.daemon.server.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${test.daemon.token}` },
      payload: resident(2).nik,
    });
    expect(plainText.statusCode).toBe(415);
    expect(plainText.body).not.toContain(resident(2).nik);
    expect((await test.submit([resident(1)])).status).toBe(400);
    expect((await test.submit({})).status).toBe(400);
    expect(await queued(test)).toBe(0);
  });

  it('answers 404 with a reason for an unknown job id', async () => {
    test = await startTestDaemon();
    const response = await test.get('/api/jobs/not-a-job');
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('JOB_NOT_FOUND');
  });
});
