import { chmodSync, closeSync, existsSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- backup FILE [--force] [options]

Copies the job store (<data-dir>/cetak.db) to FILE while the daemon keeps running: one consistent
snapshot through SQLite's online backup, read-only on the live store. FILE is created readable by
its owner only (it holds personal data), then checked with PRAGMA integrity_check. An existing
FILE is kept unless --force; a failed backup leaves no FILE behind.

Options:
  --force   replace FILE if it exists
${COMMON_OPTIONS_HELP}

Exit codes: 0 written and intact; 65 written but the check found problems; 66 no job store in the
data dir; 73 FILE exists (without --force) or cannot be written.`;

/** Pages per backup step: all of them, so the copy is one snapshot even while the daemon writes. */
const ALL_PAGES = 0x7fffffff;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the job store to a file while the daemon runs',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { force: { type: 'boolean' } });
    const [file] = expectPositionals(positionals, ['FILE']) as [string];
    const source = join(resolve(common.dataDir), 'cetak.db');
    const target = resolve(file);
    const force = values.force === true;
    if (!existsSync(source)) {
      throw new CliError(CLI_EXIT.NO_INPUT, `there is no job store at ${source}; is --data-dir right?`);
    }
    if (!force && existsSync(target)) {
      throw new CliError(CLI_EXIT.CANT_CREATE, `${target} already exists; give --force to replace it`);
    }

    // Written beside the target and moved into place at the end, so a failed backup never leaves
    // a half-written FILE, and --force never destroys the old copy before the new one is good.
    const partial = `${target}.partial-${process.pid}`;
    let integrity: string;
    try {
      createOwnerOnly(partial);
      const live = new Database(source, { readonly: true, fileMustExist: true });
      try {
        await live.backup(partial, { progress: () => ALL_PAGES });
      } finally {
        live.close();
      }
      integrity = checkIntegrity(partial);
      moveIntoPlace(partial, target, force);
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof CliError) throw error;
      throw new CliError(CLI_EXIT.CANT_CREATE, `backup to ${target} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const bytes = statSync(target).size;
    const ok = integrity === 'ok';
    if (common.json) printJson(io, { file: target, bytes, integrityCheck: integrity });
    else
      io.stdout.write(`backup written to ${target}: ${formatBytes(bytes)}; integrity_check: ${integrity}\n`);
    return ok ? CLI_EXIT.OK : CLI_EXIT.DATA_ERROR;
  },
};

function createOwnerOnly(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
  try {
    chmodSync(file, 0o600); // in case the umask took bits away from a mode that had none to spare
  } catch {
    // Windows: ACLs of the folder, not modes, protect the file.
  }
}

/** `PRAGMA integrity_check` of the copy: `ok`, or its problems joined. */
function checkIntegrity(file: string): string {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const rows = copy.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    copy.close();
  }
}

function moveIntoPlace(partial: string, target: string, force: boolean): void {
  if (force) {
    renameSync(partial, target);
    return;
  }
  try {
    // A hard link fails if the target appeared meanwhile, where a rename would replace it.
    linkSync(partial, target);
    rmSync(partial);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new CliError(CLI_EXIT.CANT_CREATE, `${target} already exists; give --force to replace it`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    renameSync(partial, target);
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}
