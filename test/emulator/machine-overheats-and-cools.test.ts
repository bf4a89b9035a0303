import { describe, expect, it } from 'vitest';
import type { CardRecord, Outcome } from '../../drivers/emulator/machine-types.js';
import { machineScene, START, warm } from './emulator-scene.js';

type Scene = ReturnType<typeof machineScene>;

/** Takes cards through chip and print with no pause between them until `count` are done or a step fails. */
async function backToBack(scene: Scene, count: number) {
  const { machine, clock } = scene;
  const startMs = clock.now();
  const after: Array<{ card: number; atMs: number; internalC: number }> = [];
  let failure: { card: number; atMs: number; step: string; reason: string } | undefined;
  let done = false;
  let mostTimers = 0;
  const run = (async () => {
    for (let card = 1; card <= count; card++) {
      const steps: Array<[string, () => Outcome | Promise<Outcome>]> = [
        ['Sic', () => machine.insert()],
        ['station', () => machine.toStation('contactless')],
        ['chip', () => machine.encodeChip()],
        ['Se', () => machine.printCard()],
      ];
      for (const [step, act] of steps) {
        const outcome = await act();
        if (!outcome.ok) {
          failure = { card, atMs: clock.now() - startMs, step, reason: outcome.reason };
          machine.reject();
          return;
        }
      }
      after.push({ card, atMs: clock.now() - startMs, internalC: machine.status().internalC });
    }
  })().finally(() => {
    done = true;
  });
  await clock.until(
    () => {
      mostTimers = Math.max(mostTimers, clock.pendingTimers);
      return done;
    },
    2 * 3_600_000,
    1000,
  );
  await run;
  return { startMs, after, failure, mostTimers };
}

describe('emulated machine: overheat, as in PROTOCOL.md', () => {
  it('from 35.0 °C at 30 °C: 51.2 °C after 10 cards (650 s)', async () => {
    const scene = machineScene({ initialC: 35 });
    await warm(scene);
    expect(scene.machine.status().internalC).toBeCloseTo(35, 6);
    const { after } = await backToBack(scene, 10);
    expect(after.at(-1)?.atMs).toBe(650_000);
    expect(Math.abs((after.at(-1)?.internalC ?? 0) - 51.2)).toBeLessThanOrEqual(0.3);
  });

  it('shuts off during card 15 at ≈ 910 s, spoils it, and stays shut off until 45 °C at ≈ +825 s', async () => {
    const scene = machineScene({ initialC: 35 });
    await warm(scene);
    const { machine, clock, events } = scene;
    const { startMs, failure, mostTimers } = await backToBack(scene, 30);

    // The card in progress: its step ends unanswered (silence) and it went to the reject box by itself.
    expect(failure).toMatchObject({ card: 15, step: 'chip', reason: 'overheat' });
    expect(Math.abs((failure?.atMs ?? 0) - 910_000)).toBeLessThanOrEqual(10_000);
    const out = events.flatMap((e) => (e.type === 'card-out' ? [e.card as CardRecord] : []));
    expect(out.filter((c) => c.spoiledBy)).toEqual([
      expect.objectContaining({ number: 15, fate: 'reject', spoiledBy: 'overheat', printed: false }),
    ]);
    expect(out).toHaveLength(15);
    const cutOffAt = startMs + (failure?.atMs ?? 0);
    expect((out[14]?.outAtMs ?? 0) - cutOffAt).toBe(0);
    expect(machine.wire.lastAnswer).toEqual({ kind: 'error', reason: 'TIMEOUT' });

    // Shut off: heater off, silent to everything, the roller cooling.
    expect(machine.status()).toMatchObject({ state: 'overheated', heaterOn: false });
    expect(machine.silence).toBe('overheat');
    const shutOff = events.find((e) => e.type === 'status' && e.status.state === 'overheated');
    expect(shutOff?.atMs).toBe(cutOffAt - START);
    const atShutOff = shutOff?.type === 'status' ? shutOff.status.internalC : 0;
    expect(atShutOff).toBeGreaterThanOrEqual(56);
    expect(atShutOff).toBeLessThan(56.01);
    expect(machine.setHeater(true)).toEqual({ ok: false, reason: 'overheat' });
    expect(machine.insert()).toEqual({ ok: false, reason: 'overheat' });
    expect(machine.operate('power-on')).toEqual({ ok: false, reason: 'overheat' });
    expect(machine.reject()).toEqual({ ok: false, reason: 'overheat' });

    // Until the inside is back at 45 °C, then standby: the roller must warm again.
    await clock.until(() => machine.state !== 'overheated', 3_600_000, 1000);
    const cooledAfter = clock.now() - cutOffAt;
    expect(Math.abs(cooledAfter - 825_000)).toBeLessThanOrEqual(10_000);
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(machine.silence).toBeUndefined();
    expect(machine.status().internalC).toBeLessThanOrEqual(45);
    expect(machine.status().rollerC).toBeLessThan(160);
    expect(machine.reject()).toEqual({ ok: true, value: 'OK' }); // the card is already in the box
    expect(machine.setHeater(true)).toEqual({ ok: true, value: 'OK' });
    expect(machine.state).toBe('warming');

    // No ticking: a handful of timers at most, ever.
    expect(mostTimers).toBeLessThanOrEqual(4);
    const states = events.flatMap((e) => (e.type === 'status' ? [e.status.state] : []));
    expect(states.slice(-4)).toEqual(['printing', 'overheated', 'standby', 'warming']);
  });

  it('never overheats idling with the heater on through a Palembang afternoon', async () => {
    const scene = machineScene({ ambient: 'palembang-hot-day' });
    const { machine, clock } = scene;
    for (let hour = 0; hour < 24; hour++) {
      machine.setHeater(true); // the host keeps it warm
      await clock.advance(10 * 60_000);
      machine.setHeater(true);
      await clock.advance(10 * 60_000);
      machine.setHeater(true);
      await clock.advance(10 * 60_000);
      machine.setHeater(true);
      await clock.advance(30 * 60_000);
      expect(machine.state).not.toBe('overheated');
    }
    expect(machine.status().internalC).toBeLessThan(40);
  });
});
