import { parseArgs } from 'node:util';
import { CetakError } from '../errors.js';

export interface DaemonArgs {
  readonly configPath: string | undefined;
  readonly dataDir: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly speed: number;
  readonly help: boolean;
}

export const DAEMON_USAGE = `Usage: npm start -- [options]

Runs the Cetak daemon: drives the configured card printers and serves the status port.

Options:
  --config FILE     YAML config (default: config/default.yaml, two emulated printers)
  --data-dir DIR    where the job store lives (default: ./data)
  --host HOST       status port address (default: the config's server.host, 127.0.0.1)
  --port N          status port (default: the config's server.port, 8787)
  --speed N         run an emulated fleet N times faster than real time (default: 1)
  -h, --help        show this help`;

/** Parses the daemon's command line; a bad flag throws a `USAGE` error that says what is wrong. */
export function parseDaemonArgs(argv: readonly string[]): DaemonArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        speed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  return {
    configPath: values.config as string | undefined,
    dataDir: (values['data-dir'] as string | undefined) ?? './data',
    host: values.host as string | undefined,
    port: values.port === undefined ? undefined : parsePort(String(values.port)),
    speed: values.speed === undefined ? 1 : parseSpeed(String(values.speed)),
    help: values.help === true,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw usageError(`--port must be a whole number 0-65535, got "${text}"`);
  return port;
}

function parseSpeed(text: string): number {
  const speed = Number(text);
  if (text.trim() === '' || !Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
    throw usageError(`--speed must be a number above 0 and at most 10000, got "${text}"`);
  }
  return speed;
}

function usageError(message: string): CetakError {
  return new CetakError('USAGE', message);
}
