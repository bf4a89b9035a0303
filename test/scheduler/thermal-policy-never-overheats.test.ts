import { afterEach, describe, expect, it } from 'vitest';
import { at, dayCounts, startHotDay } from '../helpers/hot-day.js';
import type { TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

describe('a backlog day in the afternoon heat', () => {
  it('fifo (a plain spooler) overheats the printer and spoils cards: the physics bite', async () => {
    test = await startHotDay('fifo', 400);
    await test.clock.advanceTo(at('17:00'));
    const day = await dayCounts(test);
    expect(day.overheats).toBeGreaterThanOrEqual(10);
    expect(day.spoiled).toBe(day.overheats);
  });

  it('thermal paces the cards: nothing spoiled, no shut-off, well over 160 cards', async () => {
    test = await startHotDay('thermal', 400);
    await test.clock.advanceTo(at('17:00'));
    const day = await dayCounts(test);
    expect(day).toMatchObject({ spoiled: 0, overheats: 0 });
    // 95 % of the day's thermal bound (about 186 with these physics; see the simulator).
    expect(day.printed).toBeGreaterThanOrEqual(177);
  });
});
