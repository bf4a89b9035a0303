import { describe, expect, it } from 'vitest';
import { PRINT_MS, protocolScene, WARM_UP_MS } from './emulator-scene.js';

describe('a cold printer holds Se while its roller warms', () => {
  it('switches the heater on, says nothing until the roller is ready and the card printed, then OK', async () => {
    const { client, machine } = protocolScene();
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(await client.request('Ss')).toBe('OK'); // a blank is fed cold: Ss does not wait
    await client.write('\x1bSe\r');
    expect(await client.during(1_000)).toEqual([]);
    expect(machine.status().heaterOn).toBe(true);
    expect(await client.during(WARM_UP_MS - 1_000)).toEqual([]);
    expect(machine.status().rollerC).toBeGreaterThanOrEqual(160);
    expect(machine.card?.printed).toBe(false); // printing now, not yet done
    expect(await client.during(PRINT_MS - 1)).toEqual([]);
    expect(await client.during(1)).toEqual(['OK']);
    expect(machine.lastCard).toMatchObject({ number: 1, fate: 'hopper', printed: true });
    expect(machine.lastCard?.spoiledBy).toBeUndefined();
  });

  it('commands sent meanwhile wait their turn behind it, and none refuses the card', async () => {
    const { client } = protocolScene();
    await client.write('\x1bSs\r\x1bSe\r\x1bRlr\r\x1bRco;p\r');
    expect(await client.during(WARM_UP_MS)).toEqual(['OK']);
    expect(await client.during(PRINT_MS)).toEqual(['OK', 'OK', '5']);
    expect(await client.request('Rlr;p')).toBe('NO CARD');
  });

  it('a printer already warm prints at once', async () => {
    const { client, clock, machine } = protocolScene();
    machine.setHeater(true);
    await clock.advance(WARM_UP_MS);
    expect(await client.request('Ss')).toBe('OK');
    await client.write('\x1bSe\r');
    expect(await client.during(PRINT_MS - 1)).toEqual([]);
    expect(await client.during(1)).toEqual(['OK']);
  });
});
