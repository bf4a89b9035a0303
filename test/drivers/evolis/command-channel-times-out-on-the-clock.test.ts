import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../drivers/evolis/command-channel.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { isCetakError } from '../../../src/errors.js';
import { FakePrinter, SILENT } from './fake-printer.js';
import { track } from './scene.js';

async function silentChannel(options: { commandTimeoutMs?: number; jobTimeoutMs?: number } = {}) {
  const clock = new VirtualClock();
  const printer = new FakePrinter(clock, { Rst: SILENT, Sr: SILENT, Sic: SILENT, Xce: SILENT, Rsn: 'S1' });
  const channel = new CommandChannel(await printer.open(), { clock, ...options });
  return { clock, printer, channel };
}

describe('command channel timeouts', () => {
  it('rejects an ordinary command with LINK_TIMEOUT after 30 s of clock time, not before', async () => {
    const { clock, channel } = await silentChannel();
    const sent = track(channel.send('Rst'));
    await clock.advance(29_999);
    expect(sent.settled()).toBe(false);
    await clock.advance(1);
    expect(sent.settled()).toBe(true);
    expect(isCetakError(sent.error(), 'LINK_TIMEOUT')).toBe(true);
  });

  it('gives Sr, Sic and Xce five minutes', async () => {
    const { clock, channel } = await silentChannel();
    for (const name of ['Sr', 'Sic', 'Xce']) {
      const sent = track(channel.send(name));
      await clock.advance(299_999);
      expect(sent.settled(), name).toBe(false);
      await clock.advance(1);
      expect(isCetakError(sent.error(), 'LINK_TIMEOUT'), name).toBe(true);
    }
  });

  it('takes its timeouts from options and per call', async () => {
    const { clock, channel } = await silentChannel({ commandTimeoutMs: 500, jobTimeoutMs: 2000 });
    const rst = track(channel.send('Rst'));
    const sr = track(channel.send('Sr'));
    const custom = track(channel.send('Rst', [], { timeoutMs: 50 }));
    await clock.advance(500);
    expect(isCetakError(rst.error(), 'LINK_TIMEOUT')).toBe(true);
    await clock.advance(2000);
    expect(isCetakError(sr.error(), 'LINK_TIMEOUT')).toBe(true);
    expect(custom.settled()).toBe(false);
    await clock.advance(50);
    expect(isCetakError(custom.error(), 'LINK_TIMEOUT')).toBe(true);
  });

  it('starts a queued command’s timeout when it is sent, and works on after a timeout', async () => {
    const { clock, channel, printer } = await silentChannel();
    const first = track(channel.send('Rst'));
    const second = track(channel.send('Rsn'));
    await clock.advance(30_000);
    expect(isCetakError(first.error(), 'LINK_TIMEOUT')).toBe(true);
    await clock.settle();
    expect(second.value()).toEqual({ kind: 'value', text: 'S1' });
    expect(printer.names()).toEqual(['Rst', 'Rsn']);
  });

  it('leaves no timer behind once a reply arrives', async () => {
    const { clock, channel } = await silentChannel();
    await channel.send('Rsn');
    expect(clock.pendingTimers).toBe(0);
  });
});
