import { describe, expect, it } from 'vitest';
import { protocolScene } from './emulator-scene.js';

describe('Rlr reads the last answer, Rlr;p the card inside, Rco;c and Rco;p the counters', () => {
  it('Rlr repeats the last answer to another command, never its own', async () => {
    const { client } = protocolScene();
    expect(await client.request('Rlr')).toBe('OK'); // nothing answered yet
    expect(await client.request('Rsn')).toBe('EMU0001');
    expect(await client.request('Rlr')).toBe('EMU0001');
    expect(await client.request('Rlr')).toBe('EMU0001');
    expect(await client.request('Zz')).toBe('ERR CMD');
    expect(await client.request('Rlr')).toBe('ERR CMD');
    expect(await client.request('Se')).toBe('ERR NO CARD');
    expect(await client.request('Rlr')).toBe('ERR NO CARD');
    expect(await client.request('Rlr;x')).toBe('ERR PARAM');
    expect(await client.request('Rlr')).toBe('ERR NO CARD');
    expect(await client.request('Pr;ymcko')).toBe('OK');
    expect(await client.request('Rlr')).toBe('OK');
  });

  it('Rlr;p: NO CARD, or ERR CARD while a card is in the printer', async () => {
    const { client } = protocolScene();
    expect(await client.request('Rlr;p')).toBe('NO CARD');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Rlr;p')).toBe('ERR CARD');
    expect(await client.request('Rlr')).toBe('OK'); // Ss's answer, not Rlr;p's
    expect(await client.request('Ser')).toBe('OK');
    expect(await client.request('Rlr;p')).toBe('NO CARD');
    expect(await client.request('Ser')).toBe('ERR NO CARD'); // rejected once, not twice
  });

  it('Rco;c counts cards inserted, Rco;p panels printed (five a YMCKO card, one a K card)', async () => {
    const { client } = protocolScene();
    expect(await client.request('Rco;c')).toBe('0');
    expect(await client.request('Rco;p')).toBe('0');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Rco;c')).toBe('1');
    expect(await client.request('Rco;p')).toBe('0');
    expect(await client.request('Se')).toBe('OK');
    expect(await client.request('Rco;p')).toBe('5');
    expect(await client.request('Pr;k')).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Se')).toBe('OK');
    expect(await client.request('Rco;c')).toBe('2');
    expect(await client.request('Rco;p')).toBe('6');
    expect(await client.request('Sie')).toBe('OK'); // fed and rejected unprinted
    expect(await client.request('Rco;c')).toBe('3');
    expect(await client.request('Rco;p')).toBe('6');
    expect(await client.request('Rco;z')).toBe('ERR PARAM');
  });
});
