import { parseArgs } from 'node:util';
import type { Clock } from '../../clock/clock.js';
import { EXIT } from '../exit-codes.js';

/** The `cetak` CLI's exit codes (BSD sysexits, like the daemon's). */
export const CLI_EXIT = {
  OK: EXIT.OK,
  /** Bad command line. */
  USAGE: EXIT.USAGE,
  /** Bad input: rows rejected, a bad file header, a request the daemon refused. */
  DATA_ERROR: 65,
  /** The input file cannot be read. */
  NO_INPUT: 66,
  /** The job, NIK or station named on the command line is not known to the daemon. */
  NOT_FOUND: 67,
  /** No daemon answers, or the data dir has no daemon.json. */
  UNAVAILABLE: EXIT.UNAVAILABLE,
  /** A bug or an answer the CLI did not expect. */
  SOFTWARE: EXIT.SOFTWARE,
  /** The output file cannot be created. */
  CANT_CREATE: EXIT.CANT_CREATE,
  /** The token was refused. */
  NO_PERMISSION: 77,
} as const;

/** An error that ends a command with `exitCode`; `message` is printed as it is. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(exitCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** Somewhere text goes: `process.stdout`, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything a command touches outside itself, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Whether stderr is a terminal: then `import` shows progress there. */
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** What `-` as an input file reads (`submit -`); default: the process's stdin. */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
}

/** One `cetak` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The command's `--help` text. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Options every command takes. */
export interface CommonOptions {
  /** `--data-dir` as given; without it each command looks for one (`data-dir-lookup.ts`). */
  readonly dataDir: string | undefined;
  readonly url: string | undefined;
  readonly token: string | undefined;
  readonly json: boolean;
  readonly help: boolean;
}

export const COMMON_OPTIONS_HELP = `Common options:
  --data-dir DIR   the daemon's data dir: its daemon.json says where the daemon listens, its token
                   file holds the token. Without it: env CETAK_DATA_DIR, else ./data if a daemon
                   runs there, else the installed service's (/var/lib/cetak on Linux,
                   %ProgramData%\\Cetak\\data on Windows; readable by root/administrators only)
  --url URL        talk to the daemon at URL instead
  --token T        the daemon's token; default: env CETAK_TOKEN, else the data dir's token file
  --json           machine-readable output
  -h, --help       this help`;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parsed arguments: the common options, the command's own, and the positionals. */
export interface ParsedArgs {
  readonly common: CommonOptions;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses a command's arguments; a bad one is a `USAGE` error that says what is wrong. */
export function parseCommandArgs(argv: readonly string[], own: OptionSpec = {}): ParsedArgs {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...own,
      },
    }) as typeof parsed;
  } catch (error) {
    throw new CliError(CLI_EXIT.USAGE, (error as Error).message);
  }
  const { values, positionals } = parsed;
  return {
    common: {
      dataDir: values['data-dir'] as string | undefined,
      url: values.url as string | undefined,
      token: values.token as string | undefined,
      json: values.json === true,
      help: values.help === true,
    },
    values,
    positionals,
  };
}

/** Throws a usage error unless there are exactly `names.length` positionals. */
export function expectPositionals(positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) {
    throw new CliError(CLI_EXIT.USAGE, `missing ${names.slice(positionals.length).join(' and ')}`);
  }
  if (positionals.length > names.length) {
    throw new CliError(CLI_EXIT.USAGE, `unexpected argument "${positionals[names.length]}"`);
  }
  return [...positionals];
}

/** `text` as a whole number of at least 1 (digits only), else a usage error naming `name`. */
export function parseCount(text: string, name: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(count) || count < 1) {
    throw new CliError(CLI_EXIT.USAGE, `${name} must be a whole number of at least 1`);
  }
  return count;
}

/** Why a file could not be read, in words, for the errno codes an operator meets. */
const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/** `cannot read FILE: no such file` (`NO_INPUT`), from the error reading `file` failed with. */
export function cannotRead(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new CliError(CLI_EXIT.NO_INPUT, `cannot read ${file}: ${READ_FAILURES[code] ?? code}`);
}

/** Writes `value` as one line of JSON. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * A time from the API (`2026-01-05T01:02:03.456Z`) as the office's clock shows it, to the second
 * and with the zone's name (`2026-01-05 08:02:03 WIB`), or `-` for none. `timeZone` is the site's
 * (`site.timezone`, from the daemon's daemon.json); without it, this PC's own zone.
 */
export function formatTime(iso: string | number | null | undefined, timeZone?: string): string {
  if (typeof iso !== 'string' && typeof iso !== 'number') return '-';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  const parts = Object.fromEntries(
    zoneFormat(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Indonesian names for the zone (WIB, WITA, WIT), the ones on the office's wall. */
function zoneFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      ...(timeZone !== undefined && { timeZone }),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    zoneFormats.set(key, format);
  }
  return format;
}

/**
 * Masks every 16-digit run (a NIK) to its first six digits, the way the daemon's logs do: a
 * safety net for text that may quote one back, such as an error message.
 */
export function maskNiks(text: string): string {
  return text.replace(/(?<!\d)(\d{6})\d{10}(?!\d)/g, '$1**********');
}

/** Left-aligned columns, the widest cell setting each column's width. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
