import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimerHandle } from '../../src/clock/clock.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { ALL_BYTES, closeOf, collect } from '../helpers/pty-pair.js';

const servers: Server[] = [];
const links: ByteLink[] = [];

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))),
  );
});

/** A local "printer" on a free port; resolves with its port and the socket of the next connection. */
async function printer(host = '127.0.0.1') {
  const server = createServer();
  servers.push(server);
  const connection = new Promise<Socket>((resolve) => server.once('connection', resolve));
  server.listen(0, host);
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, connection };
}

async function open(port: string, options?: Parameters<typeof openLink>[1]): Promise<ByteLink> {
  const link = await openLink(port, options);
  links.push(link);
  return link;
}

async function failure(promise: Promise<unknown>): Promise<CetakError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CetakError)) throw new Error(`expected a CetakError, got ${String(error)}`);
  return error;
}

describe('TCP link', () => {
  it('carries every byte value both ways, and describes itself by the port string', async () => {
    const { port, connection } = await printer();
    const link = await open(`tcp://127.0.0.1:${port}`);
    const socket = await connection;
    expect(link.description).toBe(`tcp://127.0.0.1:${port}`);

    const atPrinter = new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (Buffer.concat(chunks).length >= ALL_BYTES.length) resolve(Buffer.concat(chunks));
      });
    });
    await link.write(ALL_BYTES);
    expect(await atPrinter).toEqual(ALL_BYTES);

    const atHost = collect(link, ALL_BYTES.length);
    socket.write(ALL_BYTES);
    expect(await atHost).toEqual(ALL_BYTES);
  });

  it('reports the printer closing the connection once, and then refuses writes', async () => {
    const { port, connection } = await printer();
    const link = await open(`tcp://127.0.0.1:${port}`);
    const calls: Array<Error | undefined> = [];
    link.onClose((error) => calls.push(error));
    const closed = closeOf(link);
    (await connection).end();
    expect(await closed).toBeUndefined();
    expect(link.closed).toBe(true);
    await link.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([undefined]);
    await expect(link.write(Buffer.from([1]))).rejects.toThrow(/is closed/);
  });

  it('close() is idempotent, fires onClose once and ends the connection', async () => {
    const { port, connection } = await printer();
    const link = await open(`tcp://127.0.0.1:${port}`);
    const socket = await connection;
    const ended = once(socket, 'close');
    let calls = 0;
    link.onClose(() => calls++);
    await Promise.all([link.close(), link.close()]);
    await link.close();
    await ended;
    expect(link.closed).toBe(true);
    expect(calls).toBe(1);
  });

  it('a closed port fails with LINK_FAILED naming host:port', async () => {
    const { port } = await printer();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const error = await failure(openLink(`tcp://127.0.0.1:${port}`));
    expect(error.code).toBe('LINK_FAILED');
    expect(error.message).toContain(`could not connect to 127.0.0.1:${port}: connection refused`);
    expect(error.message.startsWith(`tcp://127.0.0.1:${port}: `)).toBe(true);
  });

  it('gives up after the connect timeout, on the injected clock', async () => {
    // A clock whose timers fire a microtask later: before any connect can complete.
    const clock = {
      setTimeout: (fn: () => void) => {
        queueMicrotask(fn);
        return { __timer: true } as TimerHandle;
      },
      clearTimeout: () => {},
      sleep: async () => {},
    };
    const { port } = await printer();
    const error = await failure(openLink(`tcp://127.0.0.1:${port}`, { connectTimeoutMs: 1234, clock }));
    expect(error.code).toBe('LINK_FAILED');
    expect(error.message).toContain(`no connection to 127.0.0.1:${port} within 1234 ms`);
  });

  it('clears the timeout once connected', async () => {
    const clock = new VirtualClock();
    const { port } = await printer();
    await open(`tcp://127.0.0.1:${port}`, { clock });
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(60_000);
  });

  it('connects over IPv6 with the address in brackets', async (context) => {
    let target: Awaited<ReturnType<typeof printer>>;
    try {
      target = await printer('::1');
    } catch {
      context.skip('no IPv6 loopback on this machine');
      return;
    }
    const link = await open(`tcp://[::1]:${target.port}`);
    const socket = await target.connection;
    const got = collect(link, 3);
    socket.write(Buffer.from([0, 0x1b, 0xff]));
    expect(await got).toEqual(Buffer.from([0, 0x1b, 0xff]));
  });

  it('an unknown host fails with LINK_FAILED, not a raw DNS error', async () => {
    const error = await failure(openLink('tcp://printer.invalid:9100', { connectTimeoutMs: 3000 }));
    expect(isCetakError(error, 'LINK_FAILED')).toBe(true);
    expect(error.message).toMatch(/^tcp:\/\/printer\.invalid:9100: .*printer\.invalid:9100/);
  });
});
