import { describe, expect, it } from 'vitest';
import { protocolScene } from './emulator-scene.js';

const ACK = '\x06';
const NACK = '\x15';
/** The codes of A5013 section 5: 1 command, 2 parameter, T time-out or mechanical, C cover, F feeder, R ribbon. */
const nack = (code: '1' | '2' | 'T' | 'C' | 'F' | 'R') => `${NACK}${code}`;

describe('replies take the form the printer is set to', () => {
  it('CR (the default): text ended by CR', async () => {
    const { client } = protocolScene();
    await client.request('Rfv');
    await client.request('Pr;ymcko');
    await client.request('Zz');
    expect(client.replies).toEqual(['EMU-2.0\r', 'OK\r', 'ERR CMD\r']);
  });

  it('nul: the same text ended by NUL', async () => {
    const { client } = protocolScene({ replyStyle: 'nul' });
    await client.request('Rfv');
    await client.request('Pr;ymcko');
    await client.request('Zz');
    await client.request('Rfv;1');
    expect(client.replies).toEqual(['EMU-2.0\0', 'OK\0', 'ERR CMD\0', 'ERR PARAM\0']);
  });

  it('ack-nack: ACK, a value then ACK, or NACK and the code of the error', async () => {
    const { client } = protocolScene({ replyStyle: 'ack-nack' });
    expect(await client.request('Pr;ymcko')).toBe(ACK);
    expect(await client.request('Rfv')).toBe(`EMU-2.0${ACK}`);
    expect(await client.request('Zz')).toBe(nack('1'));
    expect(await client.request('Rfv;1')).toBe(nack('2'));
    expect(await client.request('Se')).toBe(nack('1'));
    expect(client.replies).toEqual([ACK, `EMU-2.0${ACK}`, `${NACK}1`, `${NACK}2`, `${NACK}1`]);
  });

  it.each([
    // A full hopper stops the card mechanically: the guide has no code of its own for it.
    ['an empty feeder', 'F', { stock: { feeder: 0 } }],
    ['no ribbon', 'R', { stock: { ribbon: 0 } }],
    ['no film', 'R', { stock: { film: 0 } }],
    ['a full hopper', 'T', { stock: { hopperUsed: 100 } }],
  ] as const)('ack-nack: Ss refused for %s is NACK %s', async (_what, code, options) => {
    const { client } = protocolScene({ replyStyle: 'ack-nack', ...options });
    expect(await client.request('Ss')).toBe(nack(code));
  });

  it('ack-nack: a cover open and a jam have their codes too', async () => {
    const { client, machine } = protocolScene({ replyStyle: 'ack-nack' });
    machine.trigger('cover-open');
    expect(await client.request('Ss')).toBe(nack('C'));
    machine.operate('close-cover');
    expect(await client.request('Ss')).toBe(ACK);
    machine.trigger('card-jam');
    expect(await client.request('Ser')).toBe(nack('T'));
  });

  it('Pem;4 switches a CR printer to ACK/NACK and keeps the Pem value', async () => {
    const { client, machine } = protocolScene();
    expect(await client.request('Rem')).toBe('0');
    expect(await client.request('Pem;4')).toBe(ACK);
    expect(machine.wire.replyStyle).toBe('ack-nack');
    expect(await client.request('Rfv')).toBe(`EMU-2.0${ACK}`);
    expect(await client.request('Rem')).toBe(`0${ACK}`);
    expect(await client.request('Zz')).toBe(nack('1'));
    expect(client.replies.slice(0, 1)).toEqual(['0\r']);
  });

  it('Pem without the ACK/NACK bit, and a restart, bring text replies back', async () => {
    const { client, machine } = protocolScene();
    expect(await client.request('Pem;4')).toBe(ACK);
    expect(await client.request('Pem;0')).toBe('OK');
    expect(machine.wire.replyStyle).toBe('cr');
    expect(await client.request('Pem;8')).toBe(ACK);
    expect(machine.wire.replyStyle).toBe('ack-nack');
    machine.trigger('printer-reset');
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });
});
