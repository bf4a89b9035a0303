import { describe, expect, it } from 'vitest';
import { ScaledClock } from '../../src/clock/scaled-clock.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';

const START = Date.UTC(2026, 0, 5, 1, 0, 0);

describe('ScaledClock', () => {
  it('starts at the base time and runs speed times as fast as the base', async () => {
    const base = new VirtualClock(START);
    const clock = new ScaledClock(60, base);
    expect(clock.speed).toBe(60);
    expect(clock.now()).toBe(START);

    await base.advance(1_000);
    expect(clock.now()).toBe(START + 60_000);
    await base.advance(2_500);
    expect(clock.now()).toBe(START + 210_000);
  });

  it('fires a 60 000 ms timer at speed 60 after 1 000 ms of base time', async () => {
    const base = new VirtualClock(START);
    const clock = new ScaledClock(60, base);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 60_000);

    await base.advance(999);
    expect(fired).toBe(false);
    await base.advance(1);
    expect(fired).toBe(true);
  });

  it('sleeps in scaled time and clears timers through the base', async () => {
    const base = new VirtualClock(START);
    const clock = new ScaledClock(10, base);
    let woke = false;
    const sleeping = clock.sleep(5_000).then(() => {
      woke = true;
    });
    const dropped = clock.setTimeout(() => {
      throw new Error('a cleared timer fired');
    }, 1_000);
    clock.clearTimeout(dropped);

    await base.advance(499);
    expect(woke).toBe(false);
    await base.advance(1);
    await sleeping;
    expect(woke).toBe(true);
    expect(base.pendingTimers).toBe(0);
  });

  it.each([0, -1, -60, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses speed %s with a RangeError naming it',
    (speed) => {
      const base = new VirtualClock(START);
      expect(() => new ScaledClock(speed, base)).toThrow(RangeError);
      expect(() => new ScaledClock(speed, base)).toThrow(`got ${speed}`);
    },
  );
});
