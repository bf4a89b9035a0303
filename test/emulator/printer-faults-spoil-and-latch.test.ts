import { describe, expect, it } from 'vitest';
import { chipUid } from '../../src/chip/chip-uid.js';
import { cardCycle, ENCODE_MS, machineScene, PRINT_MS, warm } from './emulator-scene.js';

describe('emulated machine: printer faults from the catalogue', () => {
  it('chip-error: that card is spoiled at encoding; CHIP is cleared by the next insert', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine } = scene;
    machine.trigger('chip-error'); // no card inside: strikes the next card when it is encoded
    expect(await cardCycle(scene)).toEqual(['Sic OK', 'station OK', 'chip ERR CHIP']);
    expect(machine.lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'chip-error', printed: false });
    expect(machine.status().problems).toEqual(['chip-error']);
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(machine.status().problems).toEqual([]);
  });

  it('chip-error during the encoding strikes it at once', async () => {
    const scene = machineScene();
    const { machine, clock } = scene;
    machine.insert();
    machine.toStation('contact');
    const encoding = machine.encodeChip();
    await clock.advance(ENCODE_MS / 4);
    machine.trigger('chip-error');
    expect(await encoding).toEqual({ ok: false, reason: 'CHIP' });
    expect(machine.card).toMatchObject({ spoiledBy: 'chip-error' });
  });

  it('card-jam: the card is spoiled and stuck, the jam latched; Ser is refused until clear-jam', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock } = scene;
    machine.insert();
    const printing = machine.printCard();
    await clock.advance(10_000);
    machine.trigger('card-jam'); // strikes the running step at once
    expect(await printing).toEqual({ ok: false, reason: 'TIMEOUT' });
    expect(machine.status()).toMatchObject({ state: 'printing', problems: ['card-jam'] });
    expect(machine.reject()).toEqual({ ok: false, reason: 'TIMEOUT' });
    expect(await machine.printCard()).toEqual({ ok: false, reason: 'TIMEOUT' });
    expect(machine.insert()).toEqual({ ok: false, reason: 'TIMEOUT' });
    expect(machine.card).toMatchObject({ jammed: true, spoiledBy: 'card-jam' });
    machine.operate('clear-jam');
    expect(machine.lastCard).toMatchObject({ fate: 'operator', spoiledBy: 'card-jam' });
    expect(machine.status()).toMatchObject({ state: 'ready', problems: [] });
  });

  it('card-jam with no card inside jams the next card halfway through its print', async () => {
    const scene = machineScene();
    await warm(scene);
    scene.machine.trigger('card-jam');
    scene.machine.insert();
    const started = scene.clock.now();
    const printing = scene.machine.printCard();
    await scene.clock.advance(PRINT_MS / 2);
    expect(await printing).toEqual({ ok: false, reason: 'TIMEOUT' });
    expect(scene.clock.now() - started).toBe(PRINT_MS / 2);
    expect(scene.machine.status().problems).toEqual(['card-jam']);
  });

  it('ribbon-break: the card is spoiled, the ribbon out and its counter at 0', async () => {
    const scene = machineScene();
    await warm(scene);
    scene.machine.trigger('ribbon-break');
    expect(await cardCycle(scene)).toEqual([
      'Sic OK',
      'station OK',
      `chip ${chipUid('EMU0001', 1)}`,
      'Se ERR RIBBON',
    ]);
    expect(scene.machine.lastCard).toMatchObject({
      fate: 'reject',
      spoiledBy: 'ribbon-break',
      printed: false,
    });
    expect(scene.machine.status()).toMatchObject({ problems: ['ribbon-out'], counters: { ribbon: 0 } });
    expect(scene.machine.insert()).toEqual({ ok: false, reason: 'RIBBON' });
    scene.machine.operate('replace-ribbon');
    expect(await cardCycle(scene)).toContain('Se OK');
  });

  it('cover-open: latched at once; a running step fails and its card is spoiled', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock } = scene;
    machine.trigger('cover-open');
    expect(machine.status().problems).toEqual(['cover-open']);
    expect(machine.insert()).toEqual({ ok: false, reason: 'COVER OPEN' });
    machine.operate('close-cover');
    machine.insert();
    const printing = machine.printCard();
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

  it('printer-reset: heater off, roller keeps its heat, the card goes to reject, bitmaps forgotten', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine, clock, events } = scene;
    machine.bitmaps.fill('k', 0xff);
    machine.insert();
    const printing = machine.printCard();
    await clock.advance(20_000);
    const rollerBefore = machine.status().rollerC;
    machine.trigger('printer-reset');
    expect(await printing).toEqual({ ok: false, reason: 'reset' }); // never answered on the wire
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(machine.status().rollerC).toBeCloseTo(rollerBefore, 6);
    expect(machine.lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'printer-reset' });
    expect(machine.wire.lastAnswer).toEqual({ kind: 'error', reason: 'TIMEOUT' });
    expect(machine.bitmaps.has('k')).toBe(false);
    expect(events.some((e) => e.type === 'reset')).toBe(true);
  });
});
