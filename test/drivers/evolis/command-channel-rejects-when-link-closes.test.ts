import { describe, expect, it } from 'vitest';
import { CommandChannel } from '../../../drivers/evolis/command-channel.js';
import { VirtualClock } from '../../../src/clock/virtual-clock.js';
import { CetakError, isCetakError } from '../../../src/errors.js';
import { memoryLinkPair } from '../../../src/transport/memory-link.js';
import type { ByteLink } from '../../../src/transport/transport.js';
import { FakePrinter, SILENT } from './fake-printer.js';
import { track } from './scene.js';

describe('command channel on a closing link', () => {
  it('rejects the pending and queued sends, and every later one, with LINK_LOST', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Se: SILENT });
    const channel = new CommandChannel(await printer.open(), { clock });
    const pending = track(channel.send('Se'));
    const queued = track(channel.send('Ser'));
    await clock.settle();
    await printer.disconnect();
    await clock.settle();
    expect(isCetakError(pending.error(), 'LINK_LOST')).toBe(true);
    expect(isCetakError(queued.error(), 'LINK_LOST')).toBe(true);
    expect(isCetakError(await channel.send('Rcr').catch((e) => e), 'LINK_LOST')).toBe(true);
    expect(isCetakError(await channel.failed, 'LINK_LOST')).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects with the error given to close, and closes the link', async () => {
    const clock = new VirtualClock();
    const printer = new FakePrinter(clock, { Se: SILENT });
    const link = await printer.open();
    const channel = new CommandChannel(link, { clock });
    const pending = track(channel.send('Se'));
    await channel.close(new CetakError('DRIVER_CLOSED', 'closed'));
    await clock.settle();
    expect(isCetakError(pending.error(), 'DRIVER_CLOSED')).toBe(true);
    expect(link.closed).toBe(true);
  });

  it('fails at once on a link that is already closed', async () => {
    const [host] = memoryLinkPair();
    await host.close();
    const channel = new CommandChannel(host, { clock: new VirtualClock() });
    expect(isCetakError(await channel.send('Rcr').catch((e) => e), 'LINK_LOST')).toBe(true);
  });

  it('treats a failed write as a lost link', async () => {
    const clock = new VirtualClock();
    const [host] = memoryLinkPair();
    const broken: ByteLink = {
      description: 'broken',
      closed: false,
      write: () => Promise.reject(new Error('EPIPE')),
      close: () => host.close(),
      onData: (listener) => host.onData(listener),
      onClose: (listener) => host.onClose(listener),
    };
    const channel = new CommandChannel(broken, { clock });
    const sent = await channel.send('Rcr').catch((e) => e);
    expect(isCetakError(sent, 'LINK_LOST')).toBe(true);
    expect((sent as Error).message).toContain('EPIPE');
  });
});
