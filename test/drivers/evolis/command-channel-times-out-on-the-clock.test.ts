import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../drivers/evolis/command-channel.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { isCetakError } from '../../../src/errors.js';
import { FakePrinter, SILENT } from './fake-printer.js';
import { track } from './scene.js';

const SILENT_TO = ['Rcr', 'Rco', 'Pr', 'Sr', 'Ss', 'Sic', 'Se', 'Ser', 'Dbc'];

async function silentChannel(options: { commandTimeoutMs?: number; jobTimeoutMs?: number } = {}) {
  const clock = new VirtualClock();
  const printer = new FakePrinter(clock, {
    ...Object.fromEntries(SILENT_TO.map((name) => [name, SILENT])),
    Rsn: 'S1',
  });
  const channel = new CommandChannel(await printer.open(), { clock, ...options });
  return { clock, printer, channel };
}

/** A three-byte `Dbc` download, framed as the guide wants: count, data, CR. */
const DOWNLOAD = Buffer.concat([
  Buffer.from('\x1bDbc;k;2;3;', 'latin1'),
  Buffer.of(0x0d, 0x1b, 0),
  Buffer.of(0x0d),
]);

describe('command channel timeouts', () => {
  it('rejects an ordinary command with LINK_TIMEOUT after 30 s of clock time, not before', async () => {
    const { clock, channel } = await silentChannel();
    const sent = track(channel.send('Rcr'));
    await clock.advance(29_999);
    expect(sent.settled()).toBe(false);
    await clock.advance(1);
    expect(sent.settled()).toBe(true);
    expect(isCetakError(sent.error(), 'LINK_TIMEOUT')).toBe(true);
  });

  it('gives reads, settings and Sr the command timeout', async () => {
    const { clock, channel } = await silentChannel();
    for (const [name, params] of [
      ['Rco', ['l']],
      ['Pr', ['ymcko']],
      ['Sr', []],
    ] as const) {
      const sent = track(channel.send(name, params));
      await clock.advance(30_000);
      expect(isCetakError(sent.error(), 'LINK_TIMEOUT'), name).toBe(true);
    }
  });

  it('gives the steps that move a card, and downloads, five minutes', async () => {
    const { clock, channel, printer } = await silentChannel();
    const sends: Array<[string, () => Promise<unknown>]> = [
      ...['Ss', 'Sic', 'Se', 'Ser'].map((name): [string, () => Promise<unknown>] => [
        name,
        () => channel.send(name),
      ]),
      ['Dbc', () => channel.sendFrame('Dbc', DOWNLOAD)],
    ];
    for (const [name, send] of sends) {
      const sent = track(send());
      await clock.advance(299_999);
      expect(sent.settled(), name).toBe(false);
      await clock.advance(1);
      expect(isCetakError(sent.error(), 'LINK_TIMEOUT'), name).toBe(true);
    }
    expect(printer.received.at(-1)?.data).toEqual(Buffer.of(0x0d, 0x1b, 0));
    expect(printer.framingProblems).toEqual([]);
  });

  it('takes its timeouts from options and per call', async () => {
    const { clock, channel } = await silentChannel({ commandTimeoutMs: 500, jobTimeoutMs: 2000 });
    const read = track(channel.send('Rcr'));
    const step = track(channel.send('Se'));
    const custom = track(channel.send('Rcr', [], { timeoutMs: 50 }));
    await clock.advance(500);
    expect(isCetakError(read.error(), 'LINK_TIMEOUT')).toBe(true);
    await clock.advance(1999);
    expect(step.settled()).toBe(false);
    await clock.advance(1);
    expect(isCetakError(step.error(), 'LINK_TIMEOUT')).toBe(true);
    expect(custom.settled()).toBe(false);
    await clock.advance(50);
    expect(isCetakError(custom.error(), 'LINK_TIMEOUT')).toBe(true);
  });

  it('starts a queued command’s timeout when it is sent, and works on after a timeout', async () => {
    const { clock, channel, printer } = await silentChannel();
    const first = track(channel.send('Rcr'));
    const second = track(channel.send('Rsn'));
    await clock.advance(30_000);
    expect(isCetakError(first.error(), 'LINK_TIMEOUT')).toBe(true);
    await clock.settle();
    expect(second.value()).toEqual({ kind: 'value', text: 'S1' });
    expect(printer.names()).toEqual(['Rcr', 'Rsn']);
  });

  it('leaves no timer behind once a reply arrives', async () => {
    const { clock, channel } = await silentChannel();
    await channel.send('Rsn');
    expect(clock.pendingTimers).toBe(0);
  });
});
