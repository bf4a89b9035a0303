import { describe, expect, it } from 'vitest';
import type { Fault } from '../../drivers/emulator/emulator-schema.js';
import { chipUid } from '../../src/chip/chip-uid.js';
import { cardCycle, machineScene, protocolScene, START, warm } from './emulator-scene.js';

const problemsAt = async (scene: ReturnType<typeof machineScene>, ms: number) => {
  await scene.clock.advanceTo(START + ms);
  return scene.machine.status().problems;
};

describe('configured faults strike when they say', () => {
  it('afterSeconds: once, that long after start', async () => {
    const scene = machineScene({ faults: [{ fault: 'cover-open', afterSeconds: 600 }] });
    expect(await problemsAt(scene, 599_999)).toEqual([]);
    expect(await problemsAt(scene, 600_000)).toEqual(['cover-open']);
    scene.machine.operate('close-cover');
    expect(await problemsAt(scene, 86_400_000)).toEqual([]);
  });

  it('at: the next time the site clock shows HH:MM', async () => {
    // START is 07:00 in Jakarta, 00:00 in UTC.
    const wib = machineScene({ faults: [{ fault: 'cover-open', at: '13:00' }] });
    expect(await problemsAt(wib, 6 * 3_600_000 - 1)).toEqual([]);
    expect(await problemsAt(wib, 6 * 3_600_000)).toEqual(['cover-open']);
    const utc = machineScene({ timeZone: 'UTC', faults: [{ fault: 'cover-open', at: '13:00' }] });
    expect(await problemsAt(utc, 13 * 3_600_000 - 1)).toEqual([]);
    expect(await problemsAt(utc, 13 * 3_600_000)).toEqual(['cover-open']);
    const early = machineScene({ faults: [{ fault: 'cover-open', at: '06:00' }] });
    expect(await problemsAt(early, 23 * 3_600_000 - 1)).toEqual([]);
    expect(await problemsAt(early, 23 * 3_600_000)).toEqual(['cover-open']); // tomorrow 06:00
  });

  it('atCard: the Nth blank fed, and only that one', async () => {
    const scene = machineScene({ faults: [{ fault: 'chip-error', atCard: 2 }] });
    await warm(scene);
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await cardCycle(scene)).at(-1));
    expect(results).toEqual(['Se OK', 'chip ERR CHIP', 'Se OK']);
  });

  it('atCard for a link fault: the link drops with that card inside', async () => {
    const { client, host, machine } = protocolScene({
      faults: [{ fault: 'drop-connection', atCard: 1 }],
    });
    await client.write('\x1bSs\r');
    await client.during(1);
    expect(host.closed).toBe(true);
    expect(client.lines).toEqual([]);
    expect(machine.state).toBe('printing');
    expect(machine.card?.number).toBe(1);
  });

  it('probability: per card for printer faults, some cards and not others', async () => {
    const faults: Fault[] = [{ fault: 'chip-error', probability: 0.3 }];
    const scene = machineScene({ faults, seed: 3 });
    await warm(scene);
    let spoiled = 0;
    for (let i = 0; i < 40; i++) if ((await cardCycle(scene)).at(-1) === 'chip ERR CHIP') spoiled++;
    expect(spoiled).toBeGreaterThan(4);
    expect(spoiled).toBeLessThan(24);
  });

  it('probability 1 for a link fault: every reply', async () => {
    const { client } = protocolScene({ faults: [{ fault: 'slow-reply', probability: 1, seconds: 2 }] });
    await client.write('\x1bRsn\r');
    expect(await client.during(1_999)).toEqual([]);
    expect(await client.during(1)).toEqual(['EMU0001']);
    await client.write('\x1bRfv\r');
    expect(await client.during(1_999)).toEqual([]);
    expect(await client.during(1)).toEqual(['EMU-2.0']);
  });

  it('printer-reset after some seconds strikes the card in the machine', async () => {
    const scene = machineScene({ faults: [{ fault: 'printer-reset', afterSeconds: 200 }] });
    await warm(scene); // ready at 162.5 s; chip until 182.5 s, print until 227.5 s
    const steps = await cardCycle(scene);
    expect(steps).toEqual(['Sic OK', 'station OK', `chip ${chipUid('EMU0001', 1)}`, 'Se ERR reset']);
    expect(scene.machine.lastCard).toMatchObject({ spoiledBy: 'printer-reset', fate: 'reject' });
    expect(scene.machine.state).toBe('standby');
  });
});
