import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../drivers/evolis/command-channel.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { FakePrinter, SILENT } from './fake-printer.js';

describe('command channel', () => {
  it('sends one command at a time and hands each caller its own reply', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Rcr: { after: 1000, reply: 'OK' }, Rsn: 'S1', Pr: 'OK' });
    const channel = new CommandChannel(await printer.open(), { clock });

    const replies = Promise.all([channel.send('Rcr'), channel.send('Rsn'), channel.send('Pr', ['ymcko'])]);
    await clock.settle();
    // Rcr is still unanswered, so nothing else has gone out.
    expect(printer.names()).toEqual(['Rcr']);
    await clock.advance(1000);
    expect(await replies).toEqual([{ kind: 'ok' }, { kind: 'value', text: 'S1' }, { kind: 'ok' }]);
    expect(printer.names(true)).toEqual(['Rcr', 'Rsn', 'Pr;ymcko']);
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
    const printer = new FakePrinter(clock, { Rfv: '1.2.3', Rsn: SILENT });
    const channel = new CommandChannel(await printer.open(), { clock });
    await printer.send('STRAY\rOK\r');
    await clock.settle();
    expect(channel.strayReplies).toBe(2);
    expect(await channel.send('Rfv')).toEqual({ kind: 'value', text: '1.2.3' });
    // Two replies in one answer: the second arrived before the next command went out.
    printer.set('Rfv', ['1.2.3', 'LATE']);
    const both = Promise.all([
      channel.send('Rfv'),
      channel.send('Rsn', [], { timeoutMs: 100 }).catch((e) => e.code),
    ]);
    await clock.advance(100);
    expect(await both).toEqual([{ kind: 'value', text: '1.2.3' }, 'LINK_TIMEOUT']);
    expect(channel.strayReplies).toBe(3);
  });
});
