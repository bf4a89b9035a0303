import { CetakError } from '../errors.js';

/** Why opening a device failed, as far as a person fixing it cares. */
export type OpenFailure = 'not-found' | 'permission' | 'busy' | 'other';

/**
 * Classifies an error from opening a device. Node's `fs` sets `code`; serialport's native binding
 * sets none and only words its message (`Error: No such file or directory, cannot open …`,
 * `Error Resource temporarily unavailable Cannot lock port`), so both are read.
 */
export function classifyOpenError(error: unknown, platform: NodeJS.Platform = process.platform): OpenFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') return 'not-found';
  if (code === 'EBUSY') return 'busy';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  if (/No such file or directory|File not found|No such device/i.test(message)) return 'not-found';
  if (/Cannot lock port|Device or resource busy|Resource busy/i.test(message)) return 'busy';
  // Windows says "Access denied" when another program holds the COM port, not for permissions.
  if (/Access denied/i.test(message)) return platform === 'win32' ? 'busy' : 'permission';
  if (/Permission denied|Operation not permitted/i.test(message)) return 'permission';
  return 'other';
}

export interface OpenErrorContext {
  /** The port string; every message starts with it. */
  readonly description: string;
  /** The device path that was opened. */
  readonly path: string;
  /** Who owns such devices on Debian and Ubuntu: `dialout` for serial ports, `lp` for USB printers. */
  readonly group: 'dialout' | 'lp';
  /** Device paths that do exist, for the not-found message; omit when unknown. */
  readonly available?: readonly string[];
  /** Default: this process's platform. */
  readonly platform?: NodeJS.Platform;
}

/** Turns an error from opening a device into a coded error whose message says what to do. */
export function openError(error: unknown, context: OpenErrorContext): CetakError {
  if (error instanceof CetakError) return error;
  const { description, path, group } = context;
  const platform = context.platform ?? process.platform;
  const reason = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  switch (classifyOpenError(error, platform)) {
    case 'not-found': {
      const available = context.available;
      const listed =
        available === undefined
          ? ''
          : available.length === 0
            ? ` No ${group === 'lp' ? 'USB printer devices' : 'serial ports'} were found on this machine.`
            : ` Found: ${available.join(', ')}.`;
      return new CetakError(
        'PORT_NOT_FOUND',
        `${description}: ${path} does not exist — is the printer plugged in and switched on?${listed}`,
        { ...options, details: available ?? [] },
      );
    }
    case 'permission':
      return new CetakError(
        'PORT_PERMISSION',
        platform === 'linux'
          ? `${description}: permission denied opening ${path} — add the user to the ${group} group: ` +
              `sudo usermod -aG ${group} <user>, then log in again (<user> is the account running cetakd)`
          : `${description}: permission denied opening ${path} — let the account running cetakd open it`,
        options,
      );
    case 'busy':
      return new CetakError(
        'PORT_BUSY',
        `${description}: ${path} is in use by another program or another station — close it ` +
          '(a printer utility, a terminal program, a second cetakd)',
        options,
      );
    default:
      return new CetakError('LINK_FAILED', `${description}: could not open ${path}: ${reason}`, options);
  }
}
