import type { ErrorCode } from '../errors.js';

/** The one table from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  USAGE: 500,
  CONFIG_INVALID: 500,
  CONFIG_UNREADABLE: 500,
  SPEED_NOT_ALLOWED: 500,
  DATA_DIR_UNUSABLE: 500,
  PORT_UNAVAILABLE: 500,
  JOB_INVALID: 400,
  JOB_NOT_FOUND: 404,
  SHUTTING_DOWN: 503,
  DRIVER_NOT_READY: 409,
  DRIVER_CLOSED: 503,
};
