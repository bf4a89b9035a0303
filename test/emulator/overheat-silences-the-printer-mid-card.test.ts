import { describe, expect, it } from 'vitest';
import { protocolScene } from './emulator-scene.js';
import { compressKO, kPattern } from './guide-encoder.js';

describe('overheat over the wire: the printer goes silent mid-card and comes back cooled', () => {
  it('never answers the Se, hears nothing while it cools, then reports the lost card', async () => {
    // A hot room and a printer already near its 56 °C cut-off: the card's own heat tips it over.
    const { client, clock, machine, events } = protocolScene({ ambient: 42, initialC: 55.9 });
    const data = compressKO(kPattern());
    expect(await client.download('Dbc', ['k', 2, data.length], data)).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    await client.write('\x1bSe\r'); // cold: it warms the roller, then prints
    await clock.until(() => machine.state === 'overheated', 30 * 60_000, 1_000);

    // Mid-card: the print had begun (its panels taken) when the printer shut itself off.
    expect(events.filter((e) => e.type === 'shut-off')).toHaveLength(1);
    expect(machine.card).toBeUndefined();
    expect(machine.lastCard).toMatchObject({
      number: 1,
      fate: 'reject',
      printed: false,
      spoiledBy: 'overheat',
    });
    expect(machine.lastCard?.panels.size).toBe(5);
    expect(client.lines).toEqual(['OK', 'OK']);

    // Silent while it cools: bytes fall on deaf ears, and nothing is answered later either.
    await client.write('\x1bRfv\r');
    expect(await client.during(60_000)).toEqual([]);
    expect(machine.state).toBe('overheated');
    await clock.until(() => machine.state !== 'overheated', 3 * 3_600_000, 10_000);
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(await client.during(60_000)).toEqual([]);

    // Back: the last answer is the lost card's time-out, and no card is inside.
    expect(await client.request('Rlr')).toBe('ERR TIMEOUT');
    expect(await client.request('Rlr;p')).toBe('NO CARD');
    expect(await client.request('Rfv')).toBe('EMU-2.0');
    expect(await client.request('Rco;c')).toBe('1');
    expect(await client.request('Rco;p')).toBe('0');
    expect(await client.request('Ser')).toBe('OK'); // the card is in the reject box already
    // It powered down to cool: the download is gone.
    expect(machine.bitmaps.has('k')).toBe(false);
    expect(client.lines).toEqual(['OK', 'OK', 'ERR TIMEOUT', 'NO CARD', 'EMU-2.0', '1', '0', 'OK']);
  });
});
