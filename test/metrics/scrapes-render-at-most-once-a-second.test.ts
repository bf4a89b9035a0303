import { expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { EventBus } from '../../src/events/fleet-events.js';
import { ScrapeCache } from '../../src/metrics/scrape-cache.js';

function scene() {
  const clock = new VirtualClock();
  const events = new EventBus(clock);
  let renders = 0;
  const cache = new ScrapeCache(async () => `render ${++renders}`, clock, events);
  return { clock, events, cache };
}

it('renders once for every scrape within a second, and again a second later', async () => {
  const { clock, cache } = scene();
  const texts = (await Promise.all([cache.body(), cache.body(), cache.body()])).map(String);
  expect(texts).toEqual(['render 1', 'render 1', 'render 1']);
  await clock.advance(999);
  expect(String(await cache.body())).toBe('render 1');
  await clock.advance(1);
  expect(String(await cache.body())).toBe('render 2');
});

it('renders again at once after a job, station or alert event, but not for a temperature', async () => {
  const { events, cache } = scene();
  expect(String(await cache.body())).toBe('render 1');
  events.publish({ type: 'temperature', station: 'a', internalC: 31, rollerC: 150 });
  expect(String(await cache.body())).toBe('render 1');
  events.publish({ type: 'alert', level: 'info', code: 'ONLINE', station: 'a', message: 'a: back' });
  expect(String(await cache.body())).toBe('render 2');
  events.publish({
    type: 'station',
    station: 'a',
    state: 'ready',
    problems: [],
    paused: false,
    currentJob: null,
    lastError: null,
  });
  expect(String(await cache.body())).toBe('render 3');
});

it('does not keep a failed render', async () => {
  const clock = new VirtualClock();
  let fail = true;
  const cache = new ScrapeCache(
    async () => {
      if (fail) throw new Error('collect failed');
      return 'ok';
    },
    clock,
    new EventBus(clock),
  );
  await expect(cache.body()).rejects.toThrow('collect failed');
  fail = false;
  expect(String(await cache.body())).toBe('ok');
});
