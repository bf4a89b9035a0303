import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTimeZone } from '../util/time-zone.js';
import { CLI_EXIT, CliError, type CommonOptions } from './commands/cli-support.js';
import { type DataDirSource, findDataDir, type HostFacts, realHost } from './data-dir-lookup.js';

/** Where the token came from, so a refusal can say which one is wrong. */
export type TokenSource =
  | { readonly kind: 'option' }
  | { readonly kind: 'env' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'none'; readonly looked: string | undefined };

/** How to reach the daemon. */
export interface DaemonTarget {
  readonly url: string;
  readonly token: string | undefined;
  readonly tokenSource: TokenSource;
  /** The data dir (absolute) when the URL came from its daemon.json. */
  readonly dataDir: string | undefined;
  /** Where that data dir came from (`--data-dir`, `CETAK_DATA_DIR`, `./data`, the service's). */
  readonly dataDirSource?: DataDirSource;
  /** How to start the daemon behind that data dir, for messages when it does not answer. */
  readonly startHint?: string;
  /** The site's time zone from daemon.json (`site.timezone`); unknown with `--url`. */
  readonly timeZone?: string | undefined;
}

/** What a running daemon writes to `<data-dir>/daemon.json`. */
interface DaemonInfo {
  readonly url: string;
  readonly pid?: number;
  readonly timeZone?: string;
}

/**
 * Finds the daemon: `--url` (token from `--token` or `CETAK_TOKEN`), else the data dir's
 * `daemon.json` and `token`, the data dir being `--data-dir` or the first of `CETAK_DATA_DIR`,
 * `./data` and the installed service's that has a daemon.json (`data-dir-lookup.ts`). A data dir
 * without a running daemon is a clear `UNAVAILABLE` error that says which dirs were looked at and
 * how to start the daemon.
 */
export function locateDaemon(
  options: Pick<CommonOptions, 'dataDir' | 'url' | 'token'>,
  env: Readonly<Record<string, string | undefined>>,
  host: HostFacts = realHost(env),
): DaemonTarget {
  const fromEnv = env.CETAK_TOKEN?.trim() || undefined;
  if (options.url !== undefined) {
    const url = checkUrl(options.url, '--url');
    if (options.token !== undefined)
      return { url, token: options.token, tokenSource: { kind: 'option' }, dataDir: undefined };
    if (fromEnv !== undefined)
      return { url, token: fromEnv, tokenSource: { kind: 'env' }, dataDir: undefined };
    return { url, token: undefined, tokenSource: { kind: 'none', looked: undefined }, dataDir: undefined };
  }

  const found = findDataDir(options.dataDir, 'daemon.json', host);
  const dir = found.dir;
  const info = readDaemonInfo(dir);
  const url = checkUrl(info.url, `${join(dir, 'daemon.json')}`);
  const timeZone = info.timeZone;
  if (info.pid !== undefined && !processAlive(info.pid)) {
    throw new CliError(
      CLI_EXIT.UNAVAILABLE,
      `the daemon is not running: ${join(dir, 'daemon.json')} names process ${info.pid}, which has ended ` +
        `(it stopped without cleaning up). ${startHint(dir, found.source, host.platform)}`,
    );
  }
  const hint = startHint(dir, found.source, host.platform);
  const at = { dataDir: dir, dataDirSource: found.source, startHint: hint, timeZone };
  if (options.token !== undefined)
    return { url, token: options.token, tokenSource: { kind: 'option' }, ...at };
  if (fromEnv !== undefined) return { url, token: fromEnv, tokenSource: { kind: 'env' }, ...at };
  const tokenFile = join(dir, 'token');
  const token = readToken(tokenFile);
  return token === undefined
    ? { url, token, tokenSource: { kind: 'none', looked: tokenFile }, ...at }
    : { url, token, tokenSource: { kind: 'file', path: tokenFile }, ...at };
}

/** How to start the daemon that belongs to `dir`: the service for the service's dir, else by hand. */
function startHint(dir: string, source: DataDirSource, platform: NodeJS.Platform): string {
  if (source === 'service') {
    return platform === 'win32'
      ? 'Start the service with: Start-Service cetakd (as administrator)'
      : 'Start the service with: sudo systemctl start cetakd';
  }
  return `Start it with: npm start -- --data-dir ${dir}`;
}

/** Why the daemon refused the token, in words that say what to check. */
export function tokenRefusedMessage(target: DaemonTarget): string {
  const source = target.tokenSource;
  switch (source.kind) {
    case 'file':
      return `the token in ${source.path} does not match; is this the right data dir?`;
    case 'option':
      return "the token given with --token does not match the daemon's";
    case 'env':
      return "the token in CETAK_TOKEN does not match the daemon's";
    case 'none':
      return source.looked === undefined
        ? "this needs the daemon's token: give --token T or set CETAK_TOKEN"
        : `this needs the daemon's token and ${source.looked} does not exist ` +
            '(a daemon with server.token in its config writes none): give --token T or set CETAK_TOKEN';
  }
}

/** Why no daemon answered, with where its address came from. */
export function unreachableMessage(target: DaemonTarget, why: string): string {
  const base = `no daemon answers at ${target.url} (${why})`;
  if (target.dataDir === undefined) return base;
  return (
    `${base}; the address comes from ${join(target.dataDir, 'daemon.json')}. ` +
    `Is the daemon running? ${target.startHint ?? `Start it with: npm start -- --data-dir ${target.dataDir}`}`
  );
}

function readDaemonInfo(dir: string): DaemonInfo {
  const file = join(dir, 'daemon.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'has no daemon.json' : `has a daemon.json that cannot be read (${code})`;
    throw new CliError(
      CLI_EXIT.UNAVAILABLE,
      `the data dir ${dir} ${why}, so no daemon is running with it. ` +
        `Start one with: npm start -- --data-dir ${dir} (or give --data-dir DIR, or --url URL)`,
    );
  }
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    info = undefined;
  }
  const url = (info as { url?: unknown } | undefined)?.url;
  const pid = (info as { pid?: unknown } | undefined)?.pid;
  if (typeof url !== 'string') {
    throw new CliError(
      CLI_EXIT.UNAVAILABLE,
      `${file} is not what a daemon writes (no "url"); restart the daemon`,
    );
  }
  const timeZone = (info as { timeZone?: unknown } | undefined)?.timeZone;
  return {
    url,
    ...(Number.isSafeInteger(pid) && (pid as number) > 0 && { pid: pid as number }),
    ...(typeof timeZone === 'string' && isTimeZone(timeZone) && { timeZone }),
  };
}

function readToken(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function checkUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(CLI_EXIT.USAGE, `${from}: "${text.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(CLI_EXIT.USAGE, `${from}: the URL must start with http:// or https://`);
  }
  return url.href.replace(/\/$/, '');
}

/** Whether a process with this id runs (on this machine); `EPERM` means it does, as someone else. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
