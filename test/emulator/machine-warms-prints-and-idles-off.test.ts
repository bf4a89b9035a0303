import { describe, expect, it } from 'vitest';
import { chipUid } from '../../src/chip/chip-uid.js';
import { cardCycle, machineScene, PRINT_MS, profile, WARM_UP_MS, warm } from './emulator-scene.js';

describe('emulated machine: warm-up, one card, idle-off', () => {
  it('starts in standby at the room temperature, and warms to ready in 162.5 s', async () => {
    const scene = machineScene();
    const { clock, machine, events } = scene;
    expect(machine.status()).toMatchObject({ state: 'standby', problems: [], internalC: 30, rollerC: 30 });
    machine.setHeater(true);
    expect(machine.state).toBe('warming');
    await clock.advance(WARM_UP_MS - 1);
    expect(machine.state).toBe('warming');
    await clock.advance(1);
    expect(machine.state).toBe('ready');
    expect(machine.status().rollerC).toBeCloseTo(160, 6);
    expect(
      events.filter((e) => e.type === 'status').map((e) => [e.atMs, e.type === 'status' && e.status.state]),
    ).toEqual([
      [0, 'warming'],
      [WARM_UP_MS, 'ready'],
    ]);
    // Event-driven: only the idle-off timer waits now, nothing ticks.
    expect(clock.pendingTimers).toBe(1);
  });

  it('takes a card to the chip station, encodes it and prints it in 65 s', async () => {
    const scene = machineScene();
    await warm(scene);
    const started = scene.clock.now();
    const steps = await cardCycle(scene);
    expect(scene.clock.now() - started).toBeLessThanOrEqual(66_000);
    expect(steps).toEqual(['Sic OK', 'station OK', `chip ${chipUid('EMU0001', 1)}`, 'Se OK']);
    expect(chipUid('EMU0001', 1)).toMatch(/^04[0-9A-F]{12}$/);
    expect(scene.machine.state).toBe('ready');
    expect(scene.machine.status().counters).toEqual({
      cards: 1,
      ribbon: 499,
      film: 999,
      feeder: 99,
      hopper: 99,
      cleanings: 0,
      sinceCleaning: 1,
    });
    const last = scene.machine.lastCard;
    expect(last).toMatchObject({ number: 1, fate: 'hopper', printed: true, chipUid: chipUid('EMU0001', 1) });
    expect(last?.spoiledBy).toBeUndefined();
    // Printed with the loaded YMCKO ribbon from the bitmaps as they were (nothing downloaded: white).
    expect([...(last?.panels.keys() ?? [])]).toEqual(['y', 'm', 'c', 'k', 'o']);
    expect(scene.machine.panelsPrinted).toBe(5);
  });

  it('is printing while a card is inside, and heats only while a step runs', async () => {
    const scene = machineScene({ initialC: 35 });
    await warm(scene);
    const { machine, clock } = scene;
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
    expect(machine.state).toBe('printing');
    // Between steps the card adds no heat: the inside stays at its heater-on level.
    await clock.advance(60_000);
    expect(machine.status().internalC).toBeCloseTo(35, 6);
    const printing = machine.printCard();
    await clock.advance(PRINT_MS);
    expect(await printing).toEqual({ ok: true, value: 'OK' });
    const heat = (profile.thermal.heatPerCardC * 45) / 65;
    expect(machine.status().internalC).toBeGreaterThan(35 + heat * 0.95);
  });

  it('switches the heater off after 15 idle minutes, unless kept warm', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock } = scene;
    const readyAt = clock.now();
    await clock.advanceTo(readyAt + 14 * 60_000);
    machine.setHeater(true); // Xh;1 restarts the idle timer
    await clock.advanceTo(readyAt + 28 * 60_000);
    expect(machine.state).toBe('ready');
    await clock.advanceTo(readyAt + 29 * 60_000);
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    // The roller cools towards the inside once the heater is off.
    await clock.advance(30 * 60_000);
    expect(machine.status().rollerC).toBeLessThan(60);
  });

  it('feeds a blank cold; printing it switches the heater on and waits for the roller', async () => {
    const { machine, clock } = machineScene();
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
    expect(machine.status()).toMatchObject({ state: 'printing', heaterOn: false });
    let outcome: unknown;
    void machine.printCard().then((o) => {
      outcome = o;
    });
    await clock.advance(WARM_UP_MS + PRINT_MS - 1);
    expect(machine.status().heaterOn).toBe(true);
    expect(outcome).toBeUndefined();
    await clock.advance(1);
    expect(outcome).toEqual({ ok: true, value: 'OK' });
  });

  it('refuses steps without a card, and encoding before the card is at a chip station', async () => {
    const scene = machineScene();
    const { machine } = scene;
    expect(machine.toStation('contactless')).toEqual({ ok: false, reason: 'NO CARD' });
    expect(await machine.encodeChip()).toEqual({ ok: false, reason: 'NO CARD' });
    expect(await machine.printCard()).toEqual({ ok: false, reason: 'NO CARD' });
    expect(machine.reject()).toEqual({ ok: false, reason: 'NO CARD' });
    expect(machine.status().heaterOn).toBe(false); // a refused Se does not heat
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
    expect(await machine.encodeChip()).toEqual({ ok: false, reason: 'NO CARD' });
  });

  it('takes one card at a time: a second insert keeps the card inside and feeds no blank', async () => {
    const scene = machineScene();
    const { machine } = scene;
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
    expect(machine.cardsInserted).toBe(1);
    expect(machine.status().counters.feeder).toBe(99);
    expect(machine.reject()).toEqual({ ok: true, value: 'OK' });
    expect(machine.lastCard).toMatchObject({ number: 1, fate: 'reject', printed: false });
    expect(machine.state).toBe('standby');
  });

  it('gives each card a UID from serial and card number: the same run, the same UIDs', async () => {
    const uids = async (serial: string) => {
      const scene = machineScene({ serial });
      await warm(scene);
      const out: string[] = [];
      for (let i = 0; i < 3; i++) out.push(((await cardCycle(scene))[2] ?? '').slice(5));
      return out;
    };
    const a = await uids('EMU0001');
    expect(a[0]).toBe(chipUid('EMU0001', 1));
    expect(a).toEqual(await uids('EMU0001'));
    const b = await uids('EMU0002');
    expect(new Set([...a, ...b]).size).toBe(6);
  });
});
