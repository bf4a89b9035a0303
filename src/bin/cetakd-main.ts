/** The daemon proper, once `cetakd.ts` has settled the process it runs in. */
import { resolve } from 'node:path';
import { DAEMON_USAGE, parseDaemonArgs } from '../cli/daemon-args.js';
import { EXIT } from '../cli/exit-codes.js';
import { watchParent } from '../cli/parent-watch.js';
import type { Clock } from '../clock/clock.js';
import { LateTimerMeter } from '../clock/late-timer-meter.js';
import { ScaledClock } from '../clock/scaled-clock.js';
import { SystemClock } from '../clock/system-clock.js';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/load-config.js';
import { assertSpeedAllowed } from '../config/speed-check.js';
import { createDaemon } from '../daemon.js';
import { DaemonLauncher } from '../daemon-launch.js';
import { type ErrorCode, isCetakError } from '../errors.js';
import { createLogger, type Logger } from '../log/logger.js';
import { describeMalloc } from './malloc-tuning.js';
import { missingDaemonFlags } from './node-flags.js';

const EXIT_FOR: Partial<Record<ErrorCode, number>> = {
  USAGE: EXIT.USAGE,
  CONFIG_INVALID: EXIT.CONFIG,
  CONFIG_UNREADABLE: EXIT.CONFIG,
  SPEED_NOT_ALLOWED: EXIT.USAGE,
  DATA_DIR_UNUSABLE: EXIT.CANT_CREATE,
  STORE_DAMAGED: EXIT.DATA_ERROR,
  DATA_DIR_LOCKED: EXIT.TEMP_FAIL,
  STATUS_PORT_UNAVAILABLE: EXIT.UNAVAILABLE,
};

async function main(): Promise<number> {
  const args = parseDaemonArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${DAEMON_USAGE}\n`);
    return EXIT.OK;
  }
  // Everything the daemon creates (store, its WAL, token) holds personal data or grants access.
  process.umask(0o077);
  const config = loadConfig(args.configPath);
  assertSpeedAllowed(config, args.speed);

  // Every timer of the fleet goes through the meter, which counts the ones the event loop held up.
  const timers = new LateTimerMeter();
  const clock: Clock = args.speed === 1 ? timers : new ScaledClock(args.speed, timers);
  const log = createLogger({ clock });
  timers.onMissed = (lateMs) =>
    log.warn({ lateMs: Math.round(lateMs) }, 'a fleet timer fired late: the event loop was held');
  const missing = missingDaemonFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length > 0)
    log.warn(
      { missing },
      "node was started without the daemon's memory flags: its heap may grow past the budget",
    );
  log.info(
    {
      config: args.configPath ?? DEFAULT_CONFIG_PATH,
      dataDir: resolve(args.dataDir),
      speed: args.speed,
      malloc: describeMalloc(process.env),
    },
    'starting cetak',
  );
  const launcher = new DaemonLauncher({
    create: () =>
      createDaemon({
        config,
        dataDir: args.dataDir,
        clock,
        log,
        cardWork: 'queued',
        timers,
      }),
    dataDir: args.dataDir,
    host: args.host ?? config.server.host,
    port: args.port ?? config.server.port,
    clock,
    log,
    site: config.site.name,
    allowedHosts: config.server.allowedHosts,
    retryMs: config.daemon.storeRetrySeconds * 1000,
    onFatal: exitFor,
  });
  const stop = stopOnSignal(launcher, log);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.env.npm_lifecycle_event) watchParent(new SystemClock(), () => stop('SIGTERM'));
  await launcher.launch();
  if (args.speed !== 1) log.info({ speed: args.speed }, 'emulated fleet running faster than real time');
  return -1; // keep running until a signal
}

/** The first signal stops the daemon cleanly; a second one exits at once. */
function stopOnSignal(daemon: Pick<DaemonLauncher, 'stop'>, log: Logger): (signal: NodeJS.Signals) => void {
  let signalled = false;
  return (signal) => {
    if (signalled) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(130);
    }
    signalled = true;
    log.info({ signal }, 'signal received; finishing the card in progress');
    daemon.stop().then(
      () => process.exit(EXIT.OK),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(EXIT.SOFTWARE);
      },
    );
  };
}

/** Ends the process with the exit code that says why it could not start. */
function exitFor(error: unknown): never {
  if (isCetakError(error)) {
    process.stderr.write(`cetakd: ${error.message}\n`);
    if (error.code === 'USAGE') process.stderr.write(`\n${DAEMON_USAGE}\n`);
    process.exit(EXIT_FOR[error.code] ?? EXIT.SOFTWARE);
  }
  process.stderr.write(
    `cetakd: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(EXIT.SOFTWARE);
}

export function runDaemon(): void {
  main().then((code) => {
    if (code >= 0) process.exit(code);
  }, exitFor);
}
