import { expect, it } from 'vitest';
import { LateTimerMeter, MISSED_TICK_TOLERANCE_MS } from '../../src/clock/late-timer-meter.js';
import { ScaledClock } from '../../src/clock/scaled-clock.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';

/** A meter over virtual time whose "monotonic" clock a test moves to fake a held event loop. */
function scene() {
  const base = new VirtualClock();
  let held = 0;
  const meter = new LateTimerMeter(base, MISSED_TICK_TOLERANCE_MS, () => base.now() + held);
  return { base, meter, hold: (ms: number) => (held += ms) };
}

it('counts a timer that fires more than 250 ms after it was due, and only that one', async () => {
  const { base, meter, hold } = scene();
  const fired: string[] = [];
  meter.setTimeout(() => fired.push('on time'), 1000);
  meter.setTimeout(() => fired.push('a little late'), 2000);
  meter.setTimeout(() => fired.push('held'), 3000);
  await base.advance(1000);
  hold(MISSED_TICK_TOLERANCE_MS);
  await base.advance(1000);
  hold(400);
  await base.advance(1000);
  expect(fired).toEqual(['on time', 'a little late', 'held']);
  expect(meter.missedTicks).toBe(1);
  expect(meter.worstLateMs).toBe(MISSED_TICK_TOLERANCE_MS + 400);
});

it('measures real lateness under a sped-up clock, and a cleared timer never counts', async () => {
  const { base, meter, hold } = scene();
  const fleet = new ScaledClock(60, meter);
  // One emulated minute is one real second: 300 ms held is late in real time, whatever the speed.
  fleet.setTimeout(() => undefined, 60_000);
  const cleared = fleet.setTimeout(() => undefined, 120_000);
  fleet.clearTimeout(cleared);
  hold(300);
  await base.advance(5000);
  expect(meter.missedTicks).toBe(1);
  expect(Math.round(meter.worstLateMs)).toBe(300);
});
