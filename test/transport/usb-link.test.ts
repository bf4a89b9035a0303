import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import type { ByteLink } from '../../src/transport/transport.js';
import {
  ALL_BYTES,
  closeOf,
  collect,
  NEEDS_SOCAT,
  type PtyPair,
  SOCAT_INSTALLED,
  startPtyPair,
} from '../helpers/pty-pair.js';

describe('USB printer-node link', () => {
  it('a missing node is PORT_NOT_FOUND, naming the path', async () => {
    const error = await openLink('usb:/dev/usb/lp-cetak-missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CetakError);
    expect((error as CetakError).code).toBe('PORT_NOT_FOUND');
    expect((error as CetakError).message).toContain('/dev/usb/lp-cetak-missing does not exist');
  });
});

// A pty stands in for /dev/usb/lp0: both are character devices read and written as files.
describe.skipIf(!SOCAT_INSTALLED)(`USB link over a socat pty pair${NEEDS_SOCAT}`, () => {
  let pair: PtyPair;
  const links: ByteLink[] = [];
  const open = async (port: string) => {
    const link = await openLink(port);
    links.push(link);
    return link;
  };

  beforeEach(async () => {
    pair = await startPtyPair();
  });

  afterEach(async () => {
    await Promise.all(links.splice(0).map((link) => link.close()));
    await pair.kill();
  });

  it('carries every byte value 0x00–0xFF intact, both ways, through the file handle', async () => {
    const host = await open(`usb:${pair.a}`);
    const printer = await open(`serial:${pair.b}`);
    expect(host.description).toBe(`usb:${pair.a}`);

    const atPrinter = collect(printer, ALL_BYTES.length);
    await host.write(ALL_BYTES);
    expect(await atPrinter).toEqual(ALL_BYTES);

    const atHost = collect(host, ALL_BYTES.length);
    await printer.write(ALL_BYTES);
    expect(await atHost).toEqual(ALL_BYTES);
  });

  it('a large write arrives whole', async () => {
    const host = await open(`usb:${pair.a}`);
    const printer = await open(`serial:${pair.b}`);
    const big = Buffer.alloc(256 * 1024, 0);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const atPrinter = collect(printer, big.length, 10_000);
    await host.write(big);
    expect((await atPrinter).equals(big)).toBe(true);
  });

  it('stays open while the device is idle, and still hears it afterwards', async () => {
    const host = await open(`usb:${pair.a}`);
    const printer = await open(`serial:${pair.b}`);
    host.onData(() => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.closed).toBe(false);
    const got = collect(host, 2);
    await printer.write(Buffer.from([0x00, 0x0d]));
    expect(await got).toEqual(Buffer.from([0x00, 0x0d]));
  });

  it('closes an idle link at once (no read left blocking in the thread pool)', async () => {
    const host = await open(`usb:${pair.a}`);
    host.onData(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await host.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(host.closed).toBe(true);
  });

  it('reports the device vanishing (socat killed) through onClose with the error', async () => {
    const host = await open(`usb:${pair.a}`);
    host.onData(() => {});
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(host.closed).toBe(false);
    const closed = closeOf(host);
    await pair.kill();
    const error = await closed;
    expect(error).toBeInstanceOf(Error);
    expect(host.closed).toBe(true);
  });
});
