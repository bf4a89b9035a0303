import { describe, expect, it } from 'vitest';
import { protocolScene, WARM_UP_MS } from './emulator-scene.js';

const EXTENSIONS = ['Xv', 'Xt', 'Xco', 'Xh;1', 'Xh;0', 'Xdbg;cover-open', 'Xop;power-off', 'Xce;01', 'Xyz'];

describe("Cetak's X… extensions", () => {
  it('without them (the default), every X… is ERR CMD and does nothing', async () => {
    const { client, machine } = protocolScene();
    for (const command of EXTENSIONS) expect(await client.request(command), command).toBe('ERR CMD');
    expect(machine.status()).toMatchObject({ heaterOn: false, problems: [], state: 'standby' });
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });

  it('with them: Xv, Xt (temperatures and heater), Xco (stock), Xh (heater on and off)', async () => {
    const { client, clock, machine } = protocolScene({ extensions: true, stock: { feeder: 7 } });
    expect(await client.request('Xv')).toBe('1');
    expect(await client.request('Xt')).toBe('internal=30.0;roller=30.0;heater=0');
    expect(await client.request('Xco')).toBe('feeder=7;hopper=100;ribbon=500;film=1000');
    expect(await client.request('Xh;1')).toBe('OK');
    expect(machine.state).toBe('warming');
    await clock.advance(WARM_UP_MS);
    expect(machine.state).toBe('ready');
    expect(await client.request('Xt')).toMatch(/^internal=\d+\.\d;roller=160\.\d;heater=1$/);
    expect(await client.request('Xh;0')).toBe('OK');
    expect(machine.status().heaterOn).toBe(false);
    expect(await client.request('Xt')).toMatch(/;heater=0$/);
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Xco')).toBe('feeder=6;hopper=100;ribbon=500;film=1000');
  });

  it('with them, wrong parameters are ERR PARAM and an unknown X… is ERR CMD', async () => {
    const { client } = protocolScene({ extensions: true });
    for (const command of ['Xv;1', 'Xt;1', 'Xco;1', 'Xh', 'Xh;2', 'Xdbg;meteor', 'Xdbg;no-reply;abc'])
      expect(await client.request(command), command).toBe('ERR PARAM');
    for (const command of ['Xop;explode', 'Xop;replace-film;3'])
      expect(await client.request(command), command).toBe('ERR PARAM');
    expect(await client.request('Xyz')).toBe('ERR CMD');
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });

  it('with them, Xdbg strikes a fault and Xop does what an operator would, power-off included', async () => {
    const { client, machine } = protocolScene({ extensions: true, stock: { feeder: 0 } });
    expect(await client.request('Ss')).toBe('ERR FEEDER EMPTY');
    expect(await client.request('Xop;load-blanks;1')).toBe('OK');
    expect(await client.request('Xdbg;cover-open')).toBe('OK');
    expect(await client.request('Ss')).toBe('ERR COVER OPEN');
    expect(await client.request('Xop;close-cover')).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Ser')).toBe('OK');
    expect(await client.request('Ss')).toBe('ERR FEEDER EMPTY'); // the one blank is used

    expect(await client.request('Xop;power-off')).toBe('OK');
    expect(machine.state).toBe('off');
    await client.write('\x1bRfv\r');
    expect(await client.during(30_000)).toEqual([]);
    machine.operate('power-on');
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });
});
