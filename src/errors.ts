/**
 * Stable error codes, grouped by area. Tests and the status port key on these, never on messages.
 */
export type ErrorCode =
  // configuration and start-up
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'SPEED_NOT_ALLOWED'
  | 'DATA_DIR_UNUSABLE'
  | 'DATA_DIR_LOCKED'
  | 'STORE_DAMAGED'
  | 'STORE_UNAVAILABLE'
  | 'STORE_FULL'
  | 'STATUS_PORT_UNAVAILABLE'
  // jobs
  | 'JOB_INVALID'
  | 'REQUEST_INVALID'
  | 'JOB_NOT_FOUND'
  | 'JOB_ID_AMBIGUOUS'
  | 'JOB_DUPLICATE'
  | 'JOB_STATE'
  | 'NIK_LOCKED'
  | 'NOT_PRINTED'
  | 'REQUEST_ID_REUSED'
  | 'STATION_NOT_FOUND'
  | 'STATION_UNAVAILABLE'
  | 'ALERT_NOT_FOUND'
  // card faces (src/render/)
  | 'CARD_DOES_NOT_FIT'
  | 'CARD_GONE'
  // access
  | 'UNAUTHORIZED'
  | 'HOST_NOT_ALLOWED'
  | 'ORIGIN_NOT_ALLOWED'
  // daemon life
  | 'SHUTTING_DOWN'
  | 'BUSY'
  // printers
  | 'DRIVER_NOT_READY'
  | 'DRIVER_CLOSED'
  // printer links (src/transport/)
  | 'PORT_INVALID'
  | 'PORT_NOT_FOUND'
  | 'PORT_PERMISSION'
  | 'PORT_BUSY'
  | 'LINK_FAILED'
  // printer protocol (drivers/evolis/)
  | 'LINK_TIMEOUT'
  | 'LINK_LOST'
  | 'REPLY_INVALID';

/** The error type Cetak throws on purpose. `code` is stable; `message` is for people. */
export class CetakError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options?: { details?: readonly string[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CetakError';
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export function isCetakError(error: unknown, code?: ErrorCode): error is CetakError {
  return error instanceof CetakError && (code === undefined || error.code === code);
}
