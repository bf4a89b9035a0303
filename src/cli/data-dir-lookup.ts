import { statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { CLI_EXIT, CliError } from './commands/cli-support.js';

/** What a probe found at a path: there, not there, or there but this user may not look. */
export type Probe = 'found' | 'missing' | 'denied';

/** The facts about this PC the lookup depends on, passed in so tests can fake any of them. */
export interface HostFacts {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory `./data` is relative to. */
  readonly cwd: string;
  readonly probe: (path: string) => Probe;
  /** Where the Linux service's absolute paths start: `/`, or a temporary dir in tests. */
  readonly root?: string;
}

/** Where the installed service (`scripts/service/`) keeps its data and its config. */
export interface ServicePaths {
  readonly dataDir: string;
  readonly configFile: string;
}

/** Where a data dir came from: `--data-dir`, `CETAK_DATA_DIR`, `./data`, or the service's. */
export type DataDirSource = 'option' | 'env' | 'local' | 'service';

export interface FoundDataDir {
  /** Absolute. */
  readonly dir: string;
  readonly source: DataDirSource;
}

/** One place the lookup tried, and why it was passed over. */
interface Look {
  readonly what: string;
  readonly dir: string;
  readonly probe: Probe;
}

/** This process's host: the real platform, environment, working directory and file system. */
export function realHost(env: Readonly<Record<string, string | undefined>>): HostFacts {
  return { platform: process.platform, env, cwd: process.cwd(), probe: probePath };
}

/**
 * The service's data dir and config on this platform: `%ProgramData%\Cetak\data` and
 * `%ProgramData%\Cetak\cetak.yaml` on Windows, `/var/lib/cetak` and `/etc/cetak/cetak.yaml` on
 * Linux; none elsewhere (no service files are shipped for other systems).
 */
export function servicePaths(host: Pick<HostFacts, 'platform' | 'env' | 'root'>): ServicePaths | undefined {
  if (host.platform === 'win32') {
    // Windows spells environment names case-insensitively; a faked env may use either case.
    const programData = host.env.ProgramData ?? host.env.PROGRAMDATA ?? 'C:\\ProgramData';
    return {
      dataDir: win32.join(programData, 'Cetak', 'data'),
      configFile: win32.join(programData, 'Cetak', 'cetak.yaml'),
    };
  }
  if (host.platform === 'linux') {
    const root = host.root ?? '/';
    return {
      dataDir: posix.join(root, 'var/lib/cetak'),
      configFile: posix.join(root, 'etc/cetak/cetak.yaml'),
    };
  }
  return undefined;
}

/**
 * The data dir a command works on when it needs one holding `marker` (`daemon.json` to talk to a
 * running daemon, `cetak.db` for its store), in this order: `given` (`--data-dir`), the
 * `CETAK_DATA_DIR` environment variable, `./data` if it holds `marker`, the service's data dir if
 * it holds `marker`. Nothing found is an `UNAVAILABLE` error naming every place looked at.
 */
export function findDataDir(given: string | undefined, marker: string, host: HostFacts): FoundDataDir {
  const result = lookForDataDir(given, marker, host);
  if ('dir' in result) return result;
  throw new CliError(CLI_EXIT.UNAVAILABLE, notFoundMessage(marker, result.looked, host.platform));
}

/** `findDataDir` without the error: what was found, or every place looked at. */
export function lookForDataDir(
  given: string | undefined,
  marker: string,
  host: HostFacts,
): FoundDataDir | { readonly looked: readonly Look[] } {
  const path = pathsFor(host.platform);
  if (given !== undefined) return { dir: path.resolve(host.cwd, given), source: 'option' };
  const fromEnv = host.env.CETAK_DATA_DIR?.trim();
  if (fromEnv) return { dir: path.resolve(host.cwd, fromEnv), source: 'env' };

  const candidates: { what: string; dir: string; source: DataDirSource }[] = [
    { what: './data', dir: path.resolve(host.cwd, 'data'), source: 'local' },
  ];
  const service = servicePaths(host);
  if (service) candidates.push({ what: "the service's data dir", dir: service.dataDir, source: 'service' });

  const looked: Look[] = [];
  for (const candidate of candidates) {
    const probe = host.probe(path.join(candidate.dir, marker));
    if (probe === 'found') return { dir: candidate.dir, source: candidate.source };
    looked.push({ what: candidate.what, dir: candidate.dir, probe });
  }
  return { looked };
}

function notFoundMessage(marker: string, looked: readonly Look[], platform: NodeJS.Platform): string {
  const what = marker === 'daemon.json' ? 'no running daemon' : `no data dir with a ${marker}`;
  const lines = [
    `${what} found; looked in:`,
    '  --data-dir: not given',
    '  CETAK_DATA_DIR: not set',
    ...looked.map((look) => `  ${look.what} ${look.dir}: ${lookOutcome(look, marker, platform)}`),
  ];
  const next =
    marker === 'daemon.json'
      ? 'Start the daemon (npm start, or the cetakd service), or give --data-dir DIR, or --url URL with --token T'
      : 'Give --data-dir DIR (or set CETAK_DATA_DIR)';
  return `${lines.join('\n')}\n${next}`;
}

function lookOutcome(look: Look, marker: string, platform: NodeJS.Platform): string {
  if (look.probe === 'missing') return `no ${marker}`;
  const elevate =
    platform === 'win32' ? 'run the command prompt as administrator' : 'run cetak as root (sudo)';
  return `permission denied (only the service and administrators may read it: ${elevate})`;
}

function pathsFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function probePath(path: string): Probe {
  try {
    statSync(path);
    return 'found';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'missing';
  }
}
