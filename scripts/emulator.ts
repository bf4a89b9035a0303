/**
 * The printer emulator as its own process, speaking the Evolis Programming Guide A5013
 * (`drivers/evolis/PROTOCOL.md`) on TCP or a serial port, for operator training, demos and testing
 * a driver (Cetak's or the vendor's streams) against something that answers.
 *
 *   node --import tsx scripts/emulator.ts --tcp 127.0.0.1:9100 [--profile NAME] [--speed N]
 *       [--faults FILE.yaml] [--ambient SPEC] [--timezone ZONE] [--serial-number SN]
 *       [--extensions] [--cards-dir DIR] [--replies cr|nul|ack-nack]
 *   node --import tsx scripts/emulator.ts --serial /dev/ttyUSB1 …
 *
 * Prints `emulator listening on tcp://HOST:PORT` once ready (port 0 picks a free one). Reads
 * operator actions and faults from stdin, one a line (`load-blanks 100`, `fault card-jam`,
 * `status`, `help`). Exits 0 on SIGINT or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { parseDocument } from 'yaml';
import { writeCardsTo } from '../drivers/emulator/cards-dir.js';
import { createMachine } from '../drivers/emulator/create-machine.js';
import {
  EMULATOR_USAGE,
  type EmulatorArgs,
  parseEmulatorArgs,
  UsageError,
} from '../drivers/emulator/emulator-args.js';
import { type EmulatorConfig, emulatorSchema, extensionsOf } from '../drivers/emulator/emulator-schema.js';
import { consoleCommand } from '../drivers/emulator/operator-console.js';
import { serveProtocol } from '../drivers/emulator/protocol-server.js';
import { EXIT } from '../src/cli/exit-codes.js';
import { watchParent } from '../src/cli/parent-watch.js';
import type { Clock } from '../src/clock/clock.js';
import { ScaledClock } from '../src/clock/scaled-clock.js';
import { SystemClock } from '../src/clock/system-clock.js';
import { BUILT_IN_PROFILES } from '../src/config/profile-schema.js';
import { createLogger } from '../src/log/logger.js';
import { ambientSpecSchema } from '../src/thermal/ambient.js';
import { streamLink } from '../src/transport/stream-link.js';
import type { ByteLink } from '../src/transport/transport.js';
import { toFieldProblems } from '../src/util/zod-issues.js';

async function main(): Promise<void> {
  const args = parseEmulatorArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    process.exit(EXIT.OK);
  }
  const profile = BUILT_IN_PROFILES[args.profile];
  if (!profile)
    throw new UsageError(
      `unknown profile "${args.profile}" (known: ${Object.keys(BUILT_IN_PROFILES).join(', ')})`,
    );
  const clock: Clock = args.speed === 1 ? new SystemClock() : new ScaledClock(args.speed);
  const log = createLogger({ clock, destination: pino.destination(2) }).child({
    emulator: args.serialNumber,
  });
  const settings = readEmulatorConfig(args);
  const machine = createMachine({
    clock,
    profile,
    serial: args.serialNumber,
    log,
    config: settings,
    timeZone: args.timeZone,
  });
  if (settings.cardsDir) {
    writeCardsTo(settings.cardsDir, machine, log);
    process.stdout.write(`emulator writes printed cards to ${resolve(settings.cardsDir)}\n`);
  }

  const links = new Set<ByteLink>();
  const serve = (link: ByteLink) => {
    links.add(link);
    link.onClose(() => links.delete(link));
    serveProtocol(machine, link, {
      clock,
      log,
      extensions: extensionsOf(settings).any,
      reportsTemperatures: extensionsOf(settings).temperatures,
    });
  };
  let closeListener: () => Promise<void>;
  if (args.tcp) closeListener = await listenTcp(args.tcp.host, args.tcp.port, serve);
  else closeListener = await serveSerial(args.serialPath as string, serve, log);

  const stop = async () => {
    machine.dispose();
    await Promise.allSettled([closeListener(), ...[...links].map((link) => link.close())]);
    process.exit(EXIT.OK);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.env.npm_lifecycle_event) watchParent(new SystemClock(), () => void stop());
  createInterface({ input: process.stdin }).on('line', (line) => {
    const answer = consoleCommand(machine, line);
    if (answer) process.stdout.write(`${answer}\n`);
  });
}

async function listenTcp(
  host: string,
  port: number,
  serve: (link: ByteLink) => void,
): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(streamLink(socket, `tcp:${socket.remoteAddress}:${socket.remotePort}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`emulator listening on tcp://${host.includes(':') ? `[${host}]` : host}:${bound}\n`);
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Serves a serial port, reopening it after the link drops (a `drop-connection` fault, a cable). */
async function serveSerial(
  path: string,
  serve: (link: ByteLink) => void,
  log: ReturnType<typeof createLogger>,
): Promise<() => Promise<void>> {
  const { openLink } = await import('../src/transport/open-link.js');
  const wall = new SystemClock();
  let current: ByteLink | undefined;
  let stopped = false;
  const open = async (): Promise<void> => {
    current = await openLink(`serial:${path}`);
    serve(current);
    current.onClose(() => {
      if (stopped) return;
      log.warn({ path }, 'serial link closed; reopening');
      wall
        .sleep(1000)
        .then(() => open().catch((error) => log.error({ err: String(error) }, 'reopen failed')));
    });
  };
  await open();
  process.stdout.write(`emulator listening on serial:${path}\n`);
  return async () => {
    stopped = true;
    await current?.close();
  };
}

/** The `--faults` file's settings, with the command line's on top. */
function readEmulatorConfig(args: EmulatorArgs): EmulatorConfig {
  const { faultsFile: file, ambient } = args;
  let raw: unknown = {};
  if (file) {
    const document = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
    if (document.errors.length > 0)
      throw new ConfigError(`${file} is not valid YAML: ${document.errors[0]?.message}`);
    const parsed = document.toJS() as unknown;
    raw = Array.isArray(parsed) ? { faults: parsed } : (parsed ?? {});
  }
  if (ambient !== undefined) {
    const spec = /^-?\d+(\.\d+)?$/.test(ambient) ? Number(ambient) : ambient;
    const checked = ambientSpecSchema.safeParse(spec);
    if (!checked.success) throw new UsageError(`--ambient: ${checked.error.issues[0]?.message}`);
    raw = { ...(raw as object), ambient: spec };
  }
  raw = {
    ...(raw as object),
    ...(args.extensions && { extensions: true }),
    ...(args.cardsDir !== undefined && { cardsDir: args.cardsDir }),
    ...(args.replies !== undefined && { replies: args.replies }),
  };
  const result = emulatorSchema.safeParse(raw);
  if (!result.success) {
    const lines = toFieldProblems(result.error, raw).map((p) => `${p.path}: ${p.message}`);
    throw new ConfigError(`${file ?? 'emulator settings'} is not valid:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

class ConfigError extends Error {}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emulator: ${message}\n`);
  if (error instanceof UsageError) process.stderr.write(`${EMULATOR_USAGE}\n`);
  process.exit(exitCodeFor(error));
});

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.USAGE;
  if (error instanceof ConfigError) return EXIT.CONFIG;
  // The port to serve cannot be had: missing device, busy, in use, no permission.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(PORT_|LINK_|EADDRINUSE|EACCES|EADDRNOTAVAIL)/.test(code))
    return EXIT.UNAVAILABLE;
  return EXIT.SOFTWARE;
}
