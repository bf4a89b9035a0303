import { afterEach, expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { isCetakError } from '../../src/errors.js';
import { BigCardWork } from '../../src/render/big-card-work.js';
import { cardImageProblems } from '../../src/render/card-fit.js';
import { renderCard } from '../../src/render/render-card.js';

const queues: BigCardWork[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});

function bigCardWork(atOnce = 1, queue = 4): BigCardWork {
  const created = new BigCardWork({ atOnce, queue });
  queues.push(created);
  return created;
}

const ISSUE = { issuedAt: Date.UTC(2026, 0, 5, 3), timeZone: 'Asia/Jakarta' };

it('checks images with the same verdicts as the JavaScript decoders, naming the field only', async () => {
  const work = bigCardWork();
  const cards = [
    { photo: syntheticPhoto(1, 'jpeg'), signature: syntheticSignature(2) },
    { photo: 'iVBORw0KGgo=' },
    { photo: syntheticPhoto(3, 'png').slice(0, 2000) },
  ];
  for (const card of cards) expect(await work.imageProblems(card)).toEqual(cardImageProblems(card));
  expect(await work.imageProblems({})).toEqual([]);
  expect(work.load).toEqual({ running: 0, queued: 0, refused: 0 });
});

it('renders the same panels as the inline renderer, and refuses an unfit card with its code', async () => {
  const work = bigCardWork();
  const card = { ...syntheticResident(7), photo: syntheticPhoto(7, 'jpeg') } as Record<string, string>;
  expect(await work.render(card, ISSUE)).toEqual(renderCard(card, ISSUE));
  const unfit = { ...card, name: 'BUDI 中文' };
  const refusal = await work.render(unfit, ISSUE).catch((error: unknown) => error);
  expect(isCetakError(refusal, 'CARD_DOES_NOT_FIT')).toBe(true);
  expect(String((refusal as Error).message)).not.toContain('BUDI');
});

it('refuses a check beyond its queue with BUSY, never a render, and renders first', async () => {
  const work = bigCardWork(1, 2);
  const big = { photo: syntheticPhoto(9, 'png', { width: 1200, height: 1200 }) };
  const finished: string[] = [];
  const track = <T>(name: string, promise: Promise<T>) =>
    promise.then((value) => {
      finished.push(name);
      return value;
    });
  const checks = [1, 2, 3].map((n) => track(`check ${n}`, work.imageProblems(big)));
  expect(work.load).toMatchObject({ running: 1, queued: 2 });
  const refused = await work.imageProblems(big).catch((error: unknown) => error);
  expect(isCetakError(refused, 'BUSY')).toBe(true);
  expect(work.load.refused).toBe(1);
  // A printer waiting for its card's face is never turned away, and goes next.
  const render = track('render', work.render(syntheticResident(8) as Record<string, string>, ISSUE));
  expect(work.load.queued).toBe(3);
  await Promise.all([...checks, render]);
  expect(finished).toEqual(['check 1', 'render', 'check 2', 'check 3']);
  expect(work.load).toEqual({ running: 0, queued: 0, refused: 1 });
});

it('works on as many cards at once as it is given, and no more', async () => {
  const work = bigCardWork(2, 8);
  const big = { photo: syntheticPhoto(10, 'jpeg', { width: 1200, height: 1200 }) };
  const checks = [1, 2, 3, 4].map(() => work.imageProblems(big));
  expect(work.load).toMatchObject({ running: 2, queued: 2 });
  expect(await Promise.all(checks)).toEqual([[], [], [], []]);
});

it('refuses what waits when closed, finishes what runs, and takes nothing after', async () => {
  const work = bigCardWork(1, 4);
  const big = { photo: syntheticPhoto(11, 'png', { width: 1200, height: 1200 }) };
  const running = work.imageProblems(big);
  const waiting = work.imageProblems(big).catch((error: unknown) => error);
  await work.close();
  expect(await running).toEqual([]);
  expect(isCetakError(await waiting, 'SHUTTING_DOWN')).toBe(true);
  const late = await work
    .render(syntheticResident(12) as Record<string, string>, ISSUE)
    .catch((e: unknown) => e);
  expect(isCetakError(late, 'SHUTTING_DOWN')).toBe(true);
});

it('refuses an atOnce that is not a whole number of at least 1, naming it', () => {
  expect(() => new BigCardWork({ atOnce: 0, queue: 1 })).toThrow(/atOnce.*got 0/);
});
