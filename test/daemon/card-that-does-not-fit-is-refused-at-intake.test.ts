import { afterEach, describe, expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

// 76 characters: the job schema allows 80, but no two lines of the card hold them.
const TOO_WIDE_NAME = 'MWMWMW '.repeat(11).trim();

async function storedJobs(t: TestDaemon): Promise<number> {
  return ((await t.get('/api/jobs?limit=100')).body.jobs as unknown[]).length;
}

describe('a job whose value cannot fit on the card', () => {
  it('is refused at intake with 400 naming the field, not the value, and nothing is stored', async () => {
    test = await startTestDaemon();
    const response = await test.submit(resident(41, { name: TOO_WIDE_NAME }));
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('CARD_DOES_NOT_FIT');
    expect(response.body.problems).toEqual([
      'name: too long for its place on the card (2 lines, even at the smallest size)',
    ]);
    expect(JSON.stringify(response.body)).not.toContain('MWMW');
    expect(await storedJobs(test)).toBe(0);
    // Nothing reached a printer either: no blank was fed.
    await test.clock.advance(10 * 60_000);
    const status = (await test.get('/api/status')).body as {
      stations: Array<{ today: { printed: number; spoiled: number } }>;
    };
    expect(status.stations.every((s) => s.today.printed === 0 && s.today.spoiled === 0)).toBe(true);
    expect(test.logs.join('\n')).not.toContain('MWMW');
  });

  it('is one rejected row of a batch, the others queued', async () => {
    test = await startTestDaemon();
    const response = await test.post('/api/jobs/batch', {
      jobs: [resident(42), resident(43, { address: 'JL. CONTOH '.repeat(11).trim() }), resident(44)],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect((response.body.results as Array<Record<string, unknown>>)[1]).toEqual({
      line: 1,
      outcome: 'rejected',
      problems: ['address: too long for its place on the card (2 lines, even at the smallest size)'],
    });
    expect(await storedJobs(test)).toBe(2);
  });

  it('with a photo that is no image, or a damaged one, is refused naming the field; a good one is taken', async () => {
    test = await startTestDaemon();
    const notAnImage = Buffer.from('not a picture of anyone').toString('base64');
    const damaged = syntheticPhoto(1, 'jpeg').slice(0, 2000);
    const refused = await test.submit(
      resident(45, { photo: notAnImage, signature: damaged.padEnd(2000, 'A') }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('JOB_INVALID');
    expect(refused.body.problems).toEqual([
      'photo: must be a PNG or JPEG image',
      'signature: is a damaged JPEG image',
    ]);
    const notBase64 = await test.submit(resident(46, { photo: 'data:image/png;base64,AAAA' }));
    expect(notBase64.body.problems).toEqual(['photo: must be a base64 PNG or JPEG image']);
    expect(await storedJobs(test)).toBe(0);

    const taken = await test.submit(
      resident(47, { photo: syntheticPhoto(47), signature: syntheticSignature(47) }),
    );
    expect(taken.status).toBe(201);
  });
});
