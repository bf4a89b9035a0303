import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';

const START = Date.UTC(2026, 0, 5, 0, 0, 0);

describe('VirtualClock', () => {
  it('starts at the given time and only moves when told to', async () => {
    const clock = new VirtualClock(START);
    expect(clock.now()).toBe(START);
    await clock.settle();
    expect(clock.now()).toBe(START);
    expect(new VirtualClock(new Date(START + 5)).now()).toBe(START + 5);
  });

  it('fires timers in due order, ties in the order they were set', async () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('c@300'), 300);
    clock.setTimeout(() => fired.push('a@100'), 100);
    clock.setTimeout(() => fired.push('b1@200'), 200);
    clock.setTimeout(() => fired.push('b2@200'), 200);
    clock.setTimeout(() => fired.push('b3@200'), 200);
    clock.setTimeout(() => fired.push('z@0'), 0);

    await clock.advance(250);
    expect(fired).toEqual(['z@0', 'a@100', 'b1@200', 'b2@200', 'b3@200']);
    expect(clock.pendingTimers).toBe(1);

    await clock.advance(50);
    expect(fired.at(-1)).toBe('c@300');
    expect(clock.pendingTimers).toBe(0);
  });

  it('shows each timer the time it fell due, not the target of the advance', async () => {
    const clock = new VirtualClock(START);
    const seen: number[] = [];
    clock.setTimeout(() => seen.push(clock.now() - START), 100);
    clock.setTimeout(() => seen.push(clock.now() - START), 400);
    await clock.advance(1000);
    expect(seen).toEqual([100, 400]);
    expect(clock.now()).toBe(START + 1000);
  });

  it('does not fire a timer that was cleared', async () => {
    const clock = new VirtualClock(START);
    const fired: string[] = [];
    const keep = clock.setTimeout(() => fired.push('keep'), 100);
    const drop = clock.setTimeout(() => fired.push('drop'), 100);
    clock.clearTimeout(drop);
    clock.clearTimeout(drop); // clearing twice is harmless
    await clock.advance(1000);
    expect(fired).toEqual(['keep']);
    clock.clearTimeout(keep); // clearing a fired timer is harmless too
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires timers that a firing timer sets within the same advance', async () => {
    const clock = new VirtualClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now() - START);
      clock.setTimeout(() => {
        fired.push(clock.now() - START);
        clock.setTimeout(() => fired.push(clock.now() - START), 500); // due at 900: outside the window
      }, 300);
    }, 100);

    await clock.advance(500);
    expect(fired).toEqual([100, 400]);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(400);
    expect(fired).toEqual([100, 400, 900]);
  });

  it('resolves sleep at the right virtual time and not before', async () => {
    const clock = new VirtualClock(START);
    let wokeAt: number | undefined;
    const sleeping = clock.sleep(5_000).then(() => {
      wokeAt = clock.now();
    });
    await clock.advance(4_999);
    expect(wokeAt).toBeUndefined();
    await clock.advance(1);
    await sleeping;
    expect(wokeAt).toBe(START + 5_000);
  });

  it('rejects sleep with the abort reason when the signal is already aborted', async () => {
    const clock = new VirtualClock(START);
    const reason = new Error('stopped before sleeping');
    await expect(clock.sleep(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects sleep with the abort reason when aborted while sleeping, and drops its timer', async () => {
    const clock = new VirtualClock(START);
    const controller = new AbortController();
    const reason = new Error('stopped mid-sleep');
    const sleeping = clock.sleep(10_000, controller.signal);
    const outcome = expect(sleeping).rejects.toBe(reason);
    await clock.advance(3_000);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(reason);
    await outcome;
    expect(clock.pendingTimers).toBe(0);
  });

  it('until returns the virtual time it took for the condition to hold', async () => {
    const clock = new VirtualClock(START);
    let done = false;
    clock.setTimeout(() => {
      done = true;
    }, 2_500);
    const took = await clock.until(() => done, 10_000, 1_000);
    expect(took).toBe(3_000);
    expect(await clock.until(() => true, 0)).toBe(0);
  });

  it('until throws once its limit of virtual time has passed', async () => {
    const clock = new VirtualClock(START);
    await expect(clock.until(() => false, 5_000, 1_000)).rejects.toThrow(
      'condition not met within 5000 ms of virtual time',
    );
    expect(clock.now()).toBe(START + 5_000);
  });

  it('never moves now() backwards', async () => {
    const clock = new VirtualClock(START);
    await clock.advance(1_000);
    await clock.advanceTo(START);
    expect(clock.now()).toBe(START + 1_000);
    await clock.advance(-500);
    expect(clock.now()).toBe(START + 1_000);

    // A timer set with a negative delay is due now, not in the past.
    let seenAt: number | undefined;
    clock.setTimeout(() => {
      seenAt = clock.now();
    }, -10_000);
    await clock.advance(0);
    expect(seenAt).toBe(START + 1_000);
  });
});
