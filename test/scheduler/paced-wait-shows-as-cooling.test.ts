import { afterEach, expect, it } from 'vitest';
import { at, startHotDay } from '../helpers/hot-day.js';
import type { TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('a station holding the next card so its printer cools shows `cooling`, not `ready`', async () => {
  test = await startHotDay('thermal', 400);
  await test.clock.advanceTo(at('12:30'));
  const seen = new Map<string, number>();
  for (let i = 0; i < 120; i++) {
    await test.clock.advance(30_000);
    const [station] = (await test.get('/api/status')).body.stations as Array<{
      state: string;
      currentJob: string | null;
      queue: { backlog: number };
    }>;
    if (!station) throw new Error('no station');
    seen.set(station.state, (seen.get(station.state) ?? 0) + 1);
    // Work is queued all afternoon: an idle printer between cards is being let cool, not ready.
    expect(station.queue.backlog).toBeGreaterThan(0);
    expect(station.state === 'printing').toBe(station.currentJob !== null);
  }
  expect(seen.get('cooling') ?? 0).toBeGreaterThan(10);
  expect(seen.get('printing') ?? 0).toBeGreaterThan(10);
  expect(seen.get('ready') ?? 0).toBe(0);
}, 120_000);
