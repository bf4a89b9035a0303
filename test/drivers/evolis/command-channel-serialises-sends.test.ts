import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../drivers/evolis/command-channel.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { FakePrinter, SILENT } from './fake-printer.js';

describe('command channel', () => {
  it('sends one command at a time and hands each caller its own reply', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Rst: { after: 1000, reply: 'READY' }, Rsn: 'S1', Pr: 'OK' });
    const channel = new CommandChannel(await printer.open(), { clock });

    const replies = Promise.all([channel.send('Rst'), channel.send('Rsn'), channel.send('Pr', ['YMCKO'])]);
    await clock.settle();
    // Rst is still unanswered, so nothing else has gone out.
    expect(printer.names()).toEqual(['Rst']);
    await clock.advance(1000);
    expect(await replies).toEqual([
      { kind: 'value', text: 'READY' },
      { kind: 'value', text: 'S1' },
      { kind: 'ok' },
    ]);
    expect(printer.names(true)).toEqual(['Rst', 'Rsn', 'Pr;YMCKO']);
  });

  it('resolves a printer error as a reply, not a rejection', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Ss: 'ERR FEEDER EMPTY' });
    const channel = new CommandChannel(await printer.open(), { clock });
    expect(await channel.send('Ss')).toEqual({ kind: 'error', reason: 'FEEDER EMPTY' });
    expect(await channel.send('Zz')).toEqual({ kind: 'error', reason: 'UNKNOWN' });
  });

  it('drops replies that arrive with nothing pending', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Rst: 'READY', Rsn: SILENT });
    const channel = new CommandChannel(await printer.open(), { clock });
    await printer.send('STRAY\rOK\r');
    await clock.settle();
    expect(channel.strayReplies).toBe(2);
    expect(await channel.send('Rst')).toEqual({ kind: 'value', text: 'READY' });
    // Two lines in one chunk: the second arrived before the next command went out.
    printer.set('Rst', ['READY', 'LATE']);
    const both = Promise.all([
      channel.send('Rst'),
      channel.send('Rsn', [], { timeoutMs: 100 }).catch((e) => e.code),
    ]);
    await clock.advance(100);
    expect(await both).toEqual([{ kind: 'value', text: 'READY' }, 'LINK_TIMEOUT']);
    expect(channel.strayReplies).toBe(3);
  });
});
