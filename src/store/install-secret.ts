import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { CetakError } from '../errors.js';
import { ownerOnly } from './data-dir.js';
import { SECRET_BYTES } from './personal-key.js';

const SECRET_TEXT = new RegExp(`^[0-9a-f]{${SECRET_BYTES * 2}}$`);

/**
 * The install's secret from `file` (64 hex digits), or undefined when there is no such file. A file
 * that is there but holds anything else is an error: guessing would lock out every printed NIK.
 */
export function readInstallSecret(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CetakError('DATA_DIR_UNUSABLE', `the install secret ${file} cannot be read (${code})`, {
      cause: error,
    });
  }
  if (!SECRET_TEXT.test(text)) {
    throw new CetakError(
      'DATA_DIR_UNUSABLE',
      `the install secret ${file} is not ${SECRET_BYTES * 2} hex digits; restore it from the office's copy`,
    );
  }
  // A secret put back from the office's copy may have come with looser permissions.
  ownerOnly(file);
  return Buffer.from(text, 'hex');
}

/** Writes a new random secret to `file`, readable by its owner only; never replaces an existing one. */
export function createInstallSecret(file: string): Buffer {
  const secret = randomBytes(SECRET_BYTES);
  let fd: number;
  try {
    // 'wx': two processes racing to create it cannot each end up with a different secret.
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CetakError('DATA_DIR_UNUSABLE', `the install secret ${file} cannot be created (${code})`, {
      cause: error,
    });
  }
  try {
    writeSync(fd, `${secret.toString('hex')}\n`);
  } catch (error) {
    // A half-written secret would be refused at the next start as malformed: a full disk must
    // leave no file, so that the retry once space returns creates it whole.
    closeSync(fd);
    unlinkSync(file);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CetakError('DATA_DIR_UNUSABLE', `the install secret ${file} cannot be written (${code})`, {
      cause: error,
    });
  }
  closeSync(fd);
  ownerOnly(file);
  return secret;
}
