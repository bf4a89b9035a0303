import { describe, expect, it } from 'vitest';
import { cardCycle, machineScene, profile, warm } from './emulator-scene.js';

describe('emulated machine: consumables', () => {
  it('latches FEEDER EMPTY when the last blank is used; load-blanks clears it', async () => {
    const scene = machineScene({ stock: { feeder: 2 } });
    await warm(scene);
    const { machine } = scene;
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(machine.status().problems).toEqual(['feeder-empty']);
    expect(machine.status().counters.feeder).toBe(0);
    expect(machine.insert()).toEqual({ ok: false, reason: 'FEEDER EMPTY' });
    expect(machine.operate('load-blanks', 5)).toEqual({ ok: true, value: 'OK' });
    expect(machine.status()).toMatchObject({ problems: [], counters: { feeder: 5 } });
    machine.operate('load-blanks');
    expect(machine.status().counters.feeder).toBe(profile.capacity.feeder);
    machine.operate('load-blanks', 1000);
    expect(machine.status().counters.feeder).toBe(profile.capacity.feeder);
  });

  it('runs out of ribbon and film by their counters; replacing them clears the problem', async () => {
    const scene = machineScene({ stock: { ribbon: 1, film: 1 } });
    await warm(scene);
    const { machine } = scene;
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(machine.status().problems).toEqual(['ribbon-out', 'film-out']);
    expect(machine.insert()).toEqual({ ok: false, reason: 'RIBBON' });
    machine.operate('replace-ribbon');
    expect(machine.insert()).toEqual({ ok: false, reason: 'FILM' });
    machine.operate('replace-film');
    expect(machine.status()).toMatchObject({
      problems: [],
      counters: { ribbon: profile.capacity.ribbon, film: profile.capacity.film },
    });
    expect(await cardCycle(scene)).toContain('Se OK');
  });

  it('fills the output hopper; a full hopper stops feeding until emptied', async () => {
    const scene = machineScene({ stock: { hopperUsed: profile.capacity.hopper - 1 } });
    await warm(scene);
    const { machine } = scene;
    expect(await cardCycle(scene)).toContain('Se OK');
    expect(machine.status()).toMatchObject({ problems: ['hopper-full'], counters: { hopper: 0 } });
    expect(machine.insert()).toEqual({ ok: false, reason: 'HOPPER FULL' });
    machine.operate('empty-hopper');
    expect(machine.status()).toMatchObject({ problems: [], counters: { hopper: profile.capacity.hopper } });
    expect(machine.insert()).toEqual({ ok: true, value: 'OK' });
  });

  it('stacks problems and reports them in a fixed order; each action clears only its own', async () => {
    const scene = machineScene({ stock: { feeder: 0, ribbon: 0, hopperUsed: 100 } });
    const { machine } = scene;
    machine.trigger('cover-open');
    expect(machine.status().problems).toEqual(['feeder-empty', 'ribbon-out', 'hopper-full', 'cover-open']);
    expect(machine.insert()).toEqual({ ok: false, reason: 'FEEDER EMPTY' });
    machine.operate('close-cover');
    machine.operate('empty-hopper');
    expect(machine.status().problems).toEqual(['feeder-empty', 'ribbon-out']);
    machine.operate('load-blanks', 10);
    expect(machine.insert()).toEqual({ ok: false, reason: 'RIBBON' });
    machine.operate('replace-ribbon');
    expect(machine.status().problems).toEqual([]);
  });

  it('counts cards printed ever, and blanks used, apart', async () => {
    const scene = machineScene();
    await warm(scene);
    const { machine } = scene;
    machine.insert();
    machine.reject(); // a blank fed and rejected unprinted
    await cardCycle(scene);
    expect(machine.status().counters).toMatchObject({ cards: 1, feeder: 98, hopper: 99, ribbon: 499 });
    expect(machine.lastCard?.number).toBe(2);
    expect(machine.cardsInserted).toBe(2);
  });
});
