import { describe, expect, it } from 'vitest';
import { protocolScene } from './emulator-scene.js';

const header = (panel: string, bits: number, length: number) =>
  Buffer.from(`\x1bDb;${panel};${bits};${length};`, 'latin1');
/** Binary data full of ESC and CR bytes: only the length may frame it. */
const hostile = (length: number) =>
  Buffer.from(Array.from({ length }, (_, i) => [0x1b, 0x0d, 0x3b, 0x52][i % 4] as number));

describe('Db: binary, length-prefixed', () => {
  it('answers ERR SIZE to a wrong length, consumes the data, and stays in step', async () => {
    const { client, machine } = protocolScene();
    const wrong = Buffer.concat([header('k', 1, 1000), hostile(1000), Buffer.from('\r')]);
    expect(await client.exchange(Buffer.concat([wrong, Buffer.from('\x1bRsn\r')]))).toBe('ERR SIZE');
    expect(client.lines).toEqual(['ERR SIZE', 'EMU0001']);
    expect(machine.panels.size).toBe(0);
  });

  it('takes data with ESC and CR inside as data', async () => {
    const { client, machine } = protocolScene();
    const right = Buffer.concat([header('k', 1, 82_296), hostile(82_296), Buffer.from('\r')]);
    expect(await client.exchange(right)).toBe('OK');
    expect([...(machine.panels.get('k')?.subarray(0, 4) ?? [])]).toEqual([0x1b, 0x0d, 0x3b, 0x52]);
    expect(await client.request('Rsn')).toBe('EMU0001');
  });

  it('frames the same however the bytes are split', async () => {
    const { client, clock } = protocolScene();
    const bytes = Buffer.concat([header('o', 1, 82_296), hostile(82_296), Buffer.from('\r\x1bRst\r')]);
    for (let i = 0; i < bytes.length; i += 7_919) await client.write(bytes.subarray(i, i + 7_919));
    await clock.advance(100);
    expect(client.lines).toEqual(['OK', 'STANDBY']);
  });

  it('answers ERR SYNTAX when the CR after the data is missing, and reads on', async () => {
    const { client, clock } = protocolScene();
    await client.write(Buffer.concat([header('k', 1, 82_296), hostile(82_296), Buffer.from('\x1bRsn\r')]));
    await clock.advance(100);
    expect(client.lines).toEqual(['ERR SYNTAX', 'EMU0001']);
  });

  it('refuses an impossible length at once, without swallowing what follows', async () => {
    const { client, clock } = protocolScene();
    await client.write('\x1bDb;k;1;99999999;\x1bRsn\r\x1bDb;k;1;-5;\x1bRst\r');
    await clock.advance(100);
    expect(client.lines).toEqual(['ERR SYNTAX', 'EMU0001', 'ERR SYNTAX', 'STANDBY']);
  });

  it('drops a download that stalls, without a reply, so the next command is heard', async () => {
    const { client } = protocolScene();
    await client.write(Buffer.concat([header('k', 1, 82_296), hostile(500)]));
    expect(await client.during(5_000)).toEqual([]);
    expect(await client.request('Rsn')).toBe('EMU0001');
  });
});
