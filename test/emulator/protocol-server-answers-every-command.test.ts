import { describe, expect, it } from 'vitest';
import { chipUid } from '../../drivers/emulator/chip-uid.js';
import { protocolScene } from './emulator-scene.js';

const K_PANEL = 82_296;
const COLOUR_PANEL = 658_368;
const download = (panel: string, bits: number, length: number) =>
  Buffer.concat([
    Buffer.from(`\x1bDb;${panel};${bits};${length};`, 'latin1'),
    Buffer.alloc(length, 0xff),
    Buffer.from('\r'),
  ]);

describe('protocol server: every command of PROTOCOL.md, byte by byte', () => {
  it('answers the read commands', async () => {
    const { client } = protocolScene();
    expect(await client.request('Rfv')).toBe('EMU-1.0');
    expect(await client.request('Rsn')).toBe('EMU0001');
    expect(await client.request('Rtp')).toBe('Cetak Retransfer Emulator');
    expect(await client.request('Rco')).toBe('cards=0;ribbon=500;film=1000;feeder=100;hopper=100');
    expect(await client.request('Rst')).toBe('STANDBY');
    expect(await client.request('Rpb')).toBe('NONE');
    expect(await client.request('Xt')).toBe('internal=30.0;roller=30.0');
    expect(await client.request('Xv')).toBe('1');
  });

  it('sets the ribbon type and the heater', async () => {
    const { client, clock } = protocolScene();
    expect(await client.request('Pr;YMCKO')).toBe('OK');
    expect(await client.request('Pr;K')).toBe('OK');
    expect(await client.request('Pr;CMY')).toBe('ERR SYNTAX');
    expect(await client.request('Xh;1')).toBe('OK');
    expect(await client.request('Rst')).toBe('WARMING');
    await clock.advance(163_000);
    expect(await client.request('Rst')).toBe('READY');
    expect(await client.request('Xh;0')).toBe('OK');
    expect(await client.request('Rst')).toBe('STANDBY');
    expect(await client.request('Xh;2')).toBe('ERR SYNTAX');
    expect(await client.request('Xh')).toBe('ERR SYNTAX');
  });

  it('downloads panels of the right size and refuses the rest', async () => {
    const { client, machine } = protocolScene();
    const reply = (bytes: Buffer) => client.exchange(bytes);
    expect(await reply(download('k', 1, K_PANEL))).toBe('OK');
    expect(await reply(download('o', 1, K_PANEL))).toBe('OK');
    for (const panel of ['y', 'm', 'c']) expect(await reply(download(panel, 8, COLOUR_PANEL))).toBe('OK');
    expect([...machine.panels.keys()].sort()).toEqual(['c', 'k', 'm', 'o', 'y']);
    expect(await reply(download('k', 8, K_PANEL))).toBe('ERR SYNTAX');
    expect(await reply(download('z', 1, K_PANEL))).toBe('ERR SYNTAX');
    expect(await reply(download('k', 1, 100))).toBe('ERR SIZE');
    expect(await client.request('Db;k;1')).toBe('ERR SYNTAX');
  });

  it('runs a whole card: Ss, Sr, Sic, Xce, Se, replying to long steps when they are done', async () => {
    const { client, clock } = protocolScene();
    expect(await client.request('Ss')).toBe('ERR NOT READY'); // and starts heating
    await clock.advance(163_000);
    expect(await client.exchange(download('k', 1, K_PANEL))).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Rst')).toBe('PRINTING');
    expect(await client.request('Ss')).toBe('ERR BUSY');
    const started = clock.now();
    expect(await client.request('Sr')).toBe('OK');
    expect(clock.now() - started).toBe(45_000);
    expect(await client.request('Sic')).toBe('OK');
    expect(await client.request('Xce;0102A0FF')).toBe(chipUid('EMU0001', 1));
    expect(clock.now() - started).toBe(65_000);
    expect(await client.request('Se')).toBe('OK');
    expect(await client.request('Rst')).toBe('READY');
    expect(await client.request('Rco')).toBe('cards=1;ribbon=499;film=999;feeder=99;hopper=99');
  });

  it('refuses steps with the reason of PROTOCOL.md', async () => {
    const { client, clock } = protocolScene();
    expect(await client.request('Sr')).toBe('ERR NO CARD');
    expect(await client.request('Sic')).toBe('ERR NO CARD');
    expect(await client.request('Xce;01')).toBe('ERR NO CARD');
    expect(await client.request('Se')).toBe('ERR NO CARD');
    expect(await client.request('Ser')).toBe('ERR NO CARD');
    await client.request('Xh;1');
    await clock.advance(163_000);
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.request('Sr')).toBe('ERR NO IMAGE');
    expect(await client.request('Xce;01')).toBe('ERR NO CARD'); // not at the encoder yet
    expect(await client.request('Xce;0')).toBe('ERR SYNTAX');
    expect(await client.request('Xce;XY')).toBe('ERR SYNTAX');
    expect(await client.request('Ser')).toBe('OK');
    expect(await client.request('Xop;replace-film;3')).toBe('ERR SYNTAX');
    expect(await client.request('Xdbg;cover-open')).toBe('OK');
    expect(await client.request('Rpb')).toBe('COVER OPEN');
    expect(await client.request('Ss')).toBe('ERR COVER OPEN');
    expect(await client.request('Xop;close-cover')).toBe('OK');
    expect(await client.request('Xdbg;card-jam')).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    expect(await client.exchange(download('k', 1, K_PANEL))).toBe('OK');
    expect(await client.request('Sr')).toBe('ERR JAM');
    expect(await client.request('Ser')).toBe('ERR JAM');
    expect(await client.request('Rpb')).toBe('JAM');
    expect(await client.request('Xop;clear-jam')).toBe('OK');
    expect(await client.request('Xop;load-blanks;1')).toBe('OK');
    expect(await client.request('Xop;explode')).toBe('ERR SYNTAX');
    expect(await client.request('Xdbg;meteor')).toBe('ERR SYNTAX');
    expect(await client.request('Xdbg;no-reply;abc')).toBe('ERR SYNTAX');
  });

  it('answers ERR UNKNOWN to unknown commands and wrong parameter counts ERR SYNTAX', async () => {
    const { client } = protocolScene();
    expect(await client.request('Zz')).toBe('ERR UNKNOWN');
    expect(await client.request('')).toBe('ERR UNKNOWN');
    expect(await client.request('rsn')).toBe('ERR UNKNOWN');
    expect(await client.request('Rsn;1')).toBe('ERR SYNTAX');
    expect(await client.request('Ss;1')).toBe('ERR SYNTAX');
    expect(await client.request(`Rsn${'x'.repeat(5000)}`)).toBe('ERR SYNTAX');
    expect(await client.request('Rs\x01n')).toBe('ERR SYNTAX');
  });

  it('without extensions answers ERR UNKNOWN to X commands (but keeps Xdbg and Xop)', async () => {
    const { client } = protocolScene({ extensions: false });
    for (const command of ['Xv', 'Xt', 'Xh;1', 'Xce;01'])
      expect(await client.request(command)).toBe('ERR UNKNOWN');
    expect(await client.request('Xop;empty-hopper')).toBe('OK');
    expect(await client.request('Rst')).toBe('STANDBY');
  });

  it('says nothing while powered off, and takes commands queued behind a long step in turn', async () => {
    const { client, clock, machine } = protocolScene();
    expect(await client.request('Xop;power-off')).toBe('OK');
    expect(machine.state).toBe('off');
    expect(
      await (async () => {
        await client.write('\x1bRst\r');
        return client.during(30_000);
      })(),
    ).toEqual([]);
    machine.operate('power-on');
    machine.setHeater(true);
    await clock.advance(163_000);
    expect(await client.exchange(download('k', 1, K_PANEL))).toBe('OK');
    expect(await client.request('Ss')).toBe('OK');
    // A host that breaks "one at a time": the Rst waits for Sr's reply instead of overtaking it.
    await client.write('\x1bSr\r\x1bRst\r');
    expect(await client.during(44_000)).toEqual([]);
    expect(await client.during(1_000)).toEqual(['OK', 'PRINTING']);
  });
});
