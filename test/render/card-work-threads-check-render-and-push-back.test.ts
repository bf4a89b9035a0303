import { afterEach, expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { isCetakError } from '../../src/errors.js';
import { createLogger } from '../../src/log/logger.js';
import { cardImageProblems } from '../../src/render/card-fit.js';
import { CardWorkPool } from '../../src/render/card-work-pool.js';
import { renderCard } from '../../src/render/render-card.js';

const clock = new VirtualClock();
const log = createLogger({ clock, level: 'silent' });
const pools: CardWorkPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(threads = 1, queue = 4): CardWorkPool {
  const created = new CardWorkPool({ threads, queue, idleMs: 30_000, clock, log });
  pools.push(created);
  return created;
}

const ISSUE = { issuedAt: Date.UTC(2026, 0, 5, 3), timeZone: 'Asia/Jakarta' };

it('checks images on a thread with the same verdicts as on this one, naming the field only', async () => {
  const work = pool();
  const cards = [
    { photo: syntheticPhoto(1, 'jpeg'), signature: syntheticSignature(2) },
    { photo: 'iVBORw0KGgo=' },
    { photo: syntheticPhoto(3, 'png').slice(0, 2000) },
  ];
  for (const card of cards) expect(await work.imageProblems(card)).toEqual(cardImageProblems(card));
  expect(await work.imageProblems({})).toEqual([]);
  expect(work.load.threads).toBe(1);
});

it('renders the same panels on a thread as on this one, and refuses an unfit card with its code', async () => {
  const work = pool();
  const card = { ...syntheticResident(7), photo: syntheticPhoto(7, 'jpeg') } as Record<string, string>;
  const panels = await work.render(card, ISSUE);
  expect(panels).toEqual(renderCard(card, ISSUE));
  const unfit = { ...card, name: 'BUDI 中文' };
  const refusal = await work.render(unfit, ISSUE).catch((error: unknown) => error);
  expect(isCetakError(refusal, 'CARD_DOES_NOT_FIT')).toBe(true);
  expect(String((refusal as Error).message)).not.toContain('BUDI');
});

it('refuses a check beyond its queue with BUSY, never a render, and ends idle threads', async () => {
  const work = pool(1, 2);
  const big = { photo: syntheticPhoto(9, 'png', { width: 1200, height: 1200 }) };
  const running = [work.imageProblems(big), work.imageProblems(big), work.imageProblems(big)];
  expect(work.load).toMatchObject({ threads: 1, running: 1, queued: 2 });
  const refused = await work.imageProblems(big).catch((error: unknown) => error);
  expect(isCetakError(refused, 'BUSY')).toBe(true);
  expect(work.load.refused).toBe(1);
  // A printer waiting for its card's face is never turned away, and goes first.
  const render = work.render(syntheticResident(8) as Record<string, string>, ISSUE);
  expect(work.load.queued).toBe(3);
  await Promise.all([...running, render]);

  expect(work.load.threads).toBe(1);
  await clock.advance(30_000);
  expect(work.load.threads).toBe(0);
});
