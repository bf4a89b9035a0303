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

async function failure(promise: Promise<unknown>): Promise<CetakError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CetakError)) throw new Error(`expected a CetakError, got ${String(error)}`);
  return error;
}

describe('serial link', () => {
  it('a missing device is PORT_NOT_FOUND, naming the path', async () => {
    const error = await failure(openLink('serial:/dev/ttyCETAK-missing?baud=9600'));
    expect(error.code).toBe('PORT_NOT_FOUND');
    expect(error.message).toContain(
      'serial:/dev/ttyCETAK-missing?baud=9600: /dev/ttyCETAK-missing does not exist',
    );
  });

  it('a file that is not a serial device is LINK_FAILED with the reason', async () => {
    const error = await failure(openLink('serial:/dev/null'));
    expect(error.code).toBe('LINK_FAILED');
    expect(error.message).toMatch(/^serial:\/dev\/null: could not open \/dev\/null: .+/);
  });
});

describe.skipIf(!SOCAT_INSTALLED)(`serial link over a socat pty pair${NEEDS_SOCAT}`, () => {
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

  it('carries every byte value 0x00–0xFF intact, both ways', async () => {
    const host = await open(`serial:${pair.a}?baud=115200`);
    const printer = await open(`serial:${pair.b}`);
    expect(host.description).toBe(`serial:${pair.a}?baud=115200`);

    const atPrinter = collect(printer, ALL_BYTES.length);
    await host.write(ALL_BYTES);
    expect(await atPrinter).toEqual(ALL_BYTES);

    const atHost = collect(host, ALL_BYTES.length);
    await printer.write(ALL_BYTES);
    expect(await atHost).toEqual(ALL_BYTES);
  });

  it('reports the device vanishing (socat killed) through onClose, once', async () => {
    const link = await open(`serial:${pair.a}`);
    const printer = await open(`serial:${pair.b}`);
    let calls = 0;
    link.onClose(() => calls++);
    // The printer was talking, so the link is waiting for more when the cable goes.
    const got = collect(link, 1);
    await printer.write(Buffer.from([0x06]));
    await got;
    link.onData(() => {});
    const closed = closeOf(link);
    await pair.kill();
    expect(await closed).toBeInstanceOf(Error);
    expect(link.closed).toBe(true);
    await link.close();
    expect(calls).toBe(1);
  });

  it('a device that vanished is noticed at the latest by the next write', async () => {
    // If the hang-up lands while a read is under way, serialport keeps re-reading the dead tty
    // (it treats 0 bytes as "try again") and only a failing write tells it the device is gone.
    const link = await open(`serial:${pair.a}`);
    link.onData(() => {});
    const closed = closeOf(link);
    await pair.kill();
    await expect(link.write(Buffer.from([0x1b]))).rejects.toThrow();
    await closed;
    expect(link.closed).toBe(true);
  });

  it('a port another link holds is PORT_BUSY', async () => {
    await open(`serial:${pair.a}`);
    const error = await failure(openLink(`serial:${pair.a}`));
    expect(error.code).toBe('PORT_BUSY');
    expect(error.message).toContain(`${pair.a} is in use by another program or another station`);
  });

  it('close() releases the port, so it can be opened again at once', async () => {
    const first = await open(`serial:${pair.a}`);
    await first.close();
    const second = await open(`serial:${pair.a}`);
    const printer = await open(`serial:${pair.b}`);
    const got = collect(printer, 2);
    await second.write(Buffer.from([0x1b, 0x00]));
    expect(await got).toEqual(Buffer.from([0x1b, 0x00]));
  });
});
