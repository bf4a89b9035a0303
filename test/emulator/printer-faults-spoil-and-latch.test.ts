import { describe, expect, it } from 'vitest';
import { cardCycle, machineScene, PRINT_MS, warm } from './emulator-scene.js';

describe('emulated machine: printer faults from the catalogue', () => {
  it('chip-error: that card is spoiled at encoding; CHIP is cleared by the next Ss', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine } = scene;
    machine.trigger('chip-error'); // no card inside: strikes the next card when it is encoded
    expect(await cardCycle(scene)).toEqual(['Db OK', 'Ss OK', 'Sr OK', 'Sic OK', 'Xce ERR CHIP']);
    expect(machine.lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'chip-error', printed: true });
    expect(machine.status().problems).toEqual(['chip-error']);
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(machine.status().problems).toEqual([]);
  });

  it('card-jam: the card is spoiled and stuck, JAM latched; Ser answers JAM until clear-jam', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock } = scene;
    machine.download('k', 1, new Uint8Array(82_296));
    machine.feed();
    const printing = machine.print();
    await clock.advance(10_000);
    machine.trigger('card-jam'); // strikes the running step at once
    expect(await printing).toEqual({ ok: false, reason: 'JAM' });
    expect(machine.status()).toMatchObject({ state: 'printing', problems: ['card-jam'] });
    expect(machine.reject()).toEqual({ ok: false, reason: 'JAM' });
    expect(machine.eject()).toEqual({ ok: false, reason: 'JAM' });
    expect(machine.card).toMatchObject({ jammed: true, spoiledBy: 'card-jam' });
    machine.operate('clear-jam');
    expect(machine.lastCard).toMatchObject({ fate: 'operator', spoiledBy: 'card-jam' });
    expect(machine.status()).toMatchObject({ state: 'ready', problems: [] });
  });

  it('card-jam with no card inside jams the next card halfway through its print', async () => {
    const scene = machineScene();
    await warm(scene);
    scene.machine.trigger('card-jam');
    const started = scene.clock.now();
    scene.machine.download('k', 1, new Uint8Array(82_296));
    scene.machine.feed();
    const printing = scene.machine.print();
    await scene.clock.advance(PRINT_MS / 2);
    expect(await printing).toEqual({ ok: false, reason: 'JAM' });
    expect(scene.clock.now() - started).toBe(PRINT_MS / 2);
  });

  it('ribbon-break: the card is spoiled, RIBBON OUT latched, the ribbon counter at 0', async () => {
    const scene = machineScene();
    await warm(scene);
    scene.machine.trigger('ribbon-break');
    expect(await cardCycle(scene)).toEqual(['Db OK', 'Ss OK', 'Sr ERR RIBBON OUT']);
    expect(scene.machine.lastCard).toMatchObject({
      fate: 'reject',
      spoiledBy: 'ribbon-break',
      printed: false,
    });
    expect(scene.machine.status()).toMatchObject({ problems: ['ribbon-out'], counters: { ribbon: 0 } });
    scene.machine.operate('replace-ribbon');
    expect(await cardCycle(scene)).toContain('Se OK');
  });

  it('cover-open: latched at once; a running step fails and its card is spoiled', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock } = scene;
    machine.trigger('cover-open');
    expect(machine.status().problems).toEqual(['cover-open']);
    expect(machine.feed()).toEqual({ ok: false, reason: 'COVER OPEN' });
    machine.operate('close-cover');
    machine.download('k', 1, new Uint8Array(82_296));
    machine.feed();
    const printing = machine.print();
    await clock.advance(5_000);
    machine.trigger('cover-open');
    expect(await printing).toEqual({ ok: false, reason: 'COVER OPEN' });
    expect(machine.reject()).toEqual({ ok: true, value: 'OK' });
    expect(machine.lastCard).toMatchObject({ spoiledBy: 'printer-error', fate: 'reject' });
  });

  it('cover-open for some seconds closes itself again', async () => {
    const scene = machineScene();
    scene.machine.trigger('cover-open', 30);
    await scene.clock.advance(29_999);
    expect(scene.machine.status().problems).toEqual(['cover-open']);
    await scene.clock.advance(1);
    expect(scene.machine.status().problems).toEqual([]);
  });

  it('printer-reset: heater off, roller keeps its heat, the card goes to reject, standby', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock, events } = scene;
    machine.download('k', 1, new Uint8Array(82_296));
    machine.feed();
    const printing = machine.print();
    await clock.advance(20_000);
    const rollerBefore = machine.status().rollerC;
    machine.trigger('printer-reset');
    expect(await printing).toEqual({ ok: false, reason: 'reset' }); // never answered on the wire
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(machine.status().rollerC).toBeCloseTo(rollerBefore, 6);
    expect(machine.lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'printer-reset' });
    expect(machine.panels.size).toBe(0); // a reboot forgets downloads
    expect(events.some((e) => e.type === 'reset')).toBe(true);
  });
});
