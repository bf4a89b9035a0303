import { afterEach, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

async function stored(t: TestDaemon): Promise<number> {
  const status = (await t.get('/api/status')).body as {
    kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
  };
  return status.kecamatan.reduce((n, k) => n + k.queue.walkIn + k.queue.backlog, 0);
}

it.each([
  ['wrong types', { ...resident(1), sex: 1, priority: ['walk-in'] }, 400, ['sex: ', 'priority: ']],
  [
    'a 16-digit NIK with an impossible date',
    { ...resident(2), nik: `${resident(2).nik.slice(0, 6)}310299${resident(2).nik.slice(12)}` },
    400,
    ['nik: '],
  ],
  [
    'unknown fields',
    { ...resident(3), photoUrl: 'http://example.invalid/x.jpg' },
    400,
    ['unknown key "photoUrl"'],
  ],
  ['a 5 MB body', { ...resident(4), address: 'X'.repeat(5 * 1024 * 1024) }, 413, []],
])('%s get a 4xx with a reason and store nothing', async (_name, body, status, mentions) => {
  test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
  const response = await test.submit(body);
  expect(response.status).toBe(status);
  expect(String(response.body.message)).not.toBe('');
  const text = JSON.stringify(response.body);
  const problems = ((response.body.problems as string[] | undefined) ?? []).join('\n');
  for (const mention of mentions) expect(problems).toContain(mention);
  expect(text).not.toContain(String((body as { nik: string }).nik));
  expect(await stored(test)).toBe(0);
});

it('a batch stores its good rows in one go and answers every bad one by its line', async () => {
  test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
  const jobs = [
    { line: 2, ...resident(10) },
    { line: 3, ...resident(11), sex: 'Q' },
    { line: 4, ...resident(12) },
    { line: 5, ...resident(10) },
  ];
  const response = await test.post('/api/jobs/batch', { jobs });
  expect(response.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
  const results = response.body.results as Array<{ line: number; outcome: string; problems?: string[] }>;
  expect(results.map((r) => [r.line, r.outcome])).toEqual([
    [2, 'accepted'],
    [3, 'rejected'],
    [4, 'accepted'],
    [5, 'duplicate'],
  ]);
  expect(results[1]?.problems).toEqual([expect.stringMatching(/^sex: .*\(got "Q"\)/)]);
  expect(await stored(test)).toBe(2);

  const again = await test.post('/api/jobs/batch', { jobs });
  expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, rejected: 1 });
  expect(await stored(test)).toBe(2);

  expect((await test.post('/api/jobs/batch', { rows: [] })).status).toBe(400);
  expect(
    (await test.post('/api/jobs/batch', { jobs: Array.from({ length: 1001 }, () => ({})) })).status,
  ).toBe(400);
});
