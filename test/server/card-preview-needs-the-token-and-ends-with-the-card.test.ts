import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { previewPng } from '../../src/render/card-preview.js';
import { renderCard } from '../../src/render/render-card.js';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const preview = (id: string, headers: Record<string, string>) =>
  test.daemon.server.inject({ method: 'GET', url: `/api/jobs/${id}/preview.png`, headers });
const withToken = () => ({ authorization: `Bearer ${test.daemon.token}` });

describe('GET /api/jobs/:id/preview.png', () => {
  it('shows a queued card as it will print, only to a caller with the token', async () => {
    // No blanks: the job stays queued.
    test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
    const body = resident(61, { photo: syntheticPhoto(61) });
    const id = String((await test.submit(body)).body.id);

    const refused = await preview(id, {});
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain(body.name);

    const shown = await preview(id, withToken());
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['cache-control']).toBe('no-store');
    const png = PNG.sync.read(shown.rawPayload);
    expect([png.width, png.height]).toEqual([1016, 648]);
    const card = { ...body, validUntil: 'SEUMUR HIDUP' } as Record<string, string>;
    const expected = previewPng(renderCard(card, { issuedAt: test.clock.now(), timeZone: 'Asia/Jakarta' }));
    expect(shown.rawPayload.equals(expected)).toBe(true);

    const unknown = await preview('00000000-0000-4000-8000-000000000000', withToken());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('JOB_NOT_FOUND');

    await test.post(`/api/jobs/${id}/cancel`);
    const cancelled = await preview(id, withToken());
    expect(cancelled.statusCode).toBe(410);
    expect(cancelled.json().error).toBe('CARD_GONE');
  });

  it('answers 410 once the card is printed: its text is gone', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const id = String((await test.submit(resident(62))).body.id);
    await waitForJob(test, id, ['printed']);
    const gone = await preview(id, withToken());
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ error: 'CARD_GONE', message: expect.stringContaining('printed') });
  });
});
