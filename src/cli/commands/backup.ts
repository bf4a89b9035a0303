import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { writeCleanCopy } from '../../store/clean-copy.js';
import { findDataDir, realHost } from '../data-dir-lookup.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- backup FILE [--force] [--with-secret] [options]

Copies the job store (<data-dir>/cetak.db) to FILE while the daemon keeps running: one consistent
snapshot, read-only on the live store, made clean: live rows only (no freed pages, no write-ahead
log) and no card data of ended jobs, even where privacy.retainPersonalData keeps it on the PC.
Queued and uncertain jobs keep theirs. FILE is created readable by its owner only (it still holds
the queue's personal data), then checked with PRAGMA integrity_check. An existing FILE is kept
unless --force; a failed backup leaves no FILE behind.

The install secret (<data-dir>/secret), which the store's NIK hashes are keyed with, is NOT in
the backup: keep the office's copy of it apart from the backups (docs/privacy.md). A store
restored without its secret will not open.

Options:
  --force         replace FILE (and FILE.secret) if it exists
  --with-secret   also copy the install secret to FILE.secret (owner-only): whoever holds both
                  can test a guessed NIK against the printed ones
${COMMON_OPTIONS_HELP}

Exit codes: 0 written and intact; 65 written but the check found problems; 66 no job store (or,
with --with-secret, no secret) in the data dir; 73 FILE exists (without --force) or cannot be
written.`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the job store to a file while the daemon runs',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, {
      force: { type: 'boolean' },
      'with-secret': { type: 'boolean' },
    });
    const [file] = expectPositionals(positionals, ['FILE']) as [string];
    const dataDir = jobStoreDir(common.dataDir, io.env);
    const source = join(dataDir, 'cetak.db');
    const target = resolve(file);
    const force = values.force === true;
    const secret = join(dataDir, 'secret');
    const withSecret = values['with-secret'] === true;
    if (!existsSync(source)) {
      throw new CliError(CLI_EXIT.NO_INPUT, `there is no job store at ${source}; is --data-dir right?`);
    }
    if (withSecret && !existsSync(secret)) {
      throw new CliError(CLI_EXIT.NO_INPUT, `there is no install secret at ${secret}; is --data-dir right?`);
    }
    for (const file of withSecret ? [target, `${target}.secret`] : [target]) {
      if (!force && existsSync(file)) {
        throw new CliError(CLI_EXIT.CANT_CREATE, `${file} already exists; give --force to replace it`);
      }
    }

    // Written beside the target and moved into place at the end, so a failed backup never leaves
    // a half-written FILE, and --force never destroys the old copy before the new one is good.
    const partial = `${target}.partial-${process.pid}`;
    let integrity: string;
    try {
      createOwnerOnly(partial);
      writeCleanCopy(source, partial);
      integrity = checkIntegrity(partial);
      if (withSecret) copySecret(secret, `${target}.secret`, force);
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
    const secretFile = withSecret ? `${target}.secret` : null;
    if (common.json) printJson(io, { file: target, bytes, integrityCheck: integrity, secretFile });
    else {
      io.stdout.write(`backup written to ${target}: ${formatBytes(bytes)}; integrity_check: ${integrity}\n`);
      io.stdout.write(
        secretFile === null
          ? `the install secret is not in the backup: keep the office's copy of ${secret} apart from it\n`
          : `install secret copied to ${secretFile}: store it apart from the backup\n`,
      );
    }
    return ok ? CLI_EXIT.OK : CLI_EXIT.DATA_ERROR;
  },
};

/** The data dir to back up; none found is `NO_INPUT`, like a data dir without a store. */
function jobStoreDir(given: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  try {
    return findDataDir(given, 'cetak.db', realHost(env)).dir;
  } catch (error) {
    if (error instanceof CliError) throw new CliError(CLI_EXIT.NO_INPUT, error.message);
    throw error;
  }
}

function createOwnerOnly(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
  try {
    chmodSync(file, 0o600); // in case the umask took bits away from a mode that had none to spare
  } catch {
    // Windows: ACLs of the folder, not modes, protect the file.
  }
}

/** The secret beside the backup, owner-only from the start; with --force it may replace an older one. */
function copySecret(secret: string, target: string, force: boolean): void {
  copyFileSync(secret, target, force ? 0 : constants.COPYFILE_EXCL);
  try {
    chmodSync(target, 0o600);
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
