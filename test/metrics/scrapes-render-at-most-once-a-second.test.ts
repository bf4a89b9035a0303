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
  const texts = await Promise.all([cache.text(), cache.text(), cache.text()]);
  expect(texts).toEqual(['render 1', 'render 1', 'render 1']);
  await clock.advance(999);
  expect(await cache.text()).toBe('render 1');
  await clock.advance(1);
  expect(await cache.text()).toBe('render 2');
});

it('renders again at once after a job, station or alert event, but not for a temperature', async () => {
  const { events, cache } = scene();
  expect(await cache.text()).toBe('render 1');
  events.publish({ type: 'temperature', station: 'a', internalC: 31, rollerC: 150 });
  expect(await cache.text()).toBe('render 1');
  events.publish({ type: 'alert', level: 'info', code: 'ONLINE', station: 'a', message: 'a: back' });
  expect(await cache.text()).toBe('render 2');
  events.publish({
    type: 'station',
    station: 'a',
    state: 'ready',
    problems: [],
    paused: false,
    currentJob: null,
    lastError: null,
  });
  expect(await cache.text()).toBe('render 3');
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
  await expect(cache.text()).rejects.toThrow('collect failed');
  fail = false;
  expect(await cache.text()).toBe('ok');
});
