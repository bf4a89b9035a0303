/** A pacing wait longer than this is re-planned (a new job re-plans it at once anyway). */
export const MAX_PACING_MS = 15 * 60_000;

/** After a refusal or a fault, wait at most this long for the printer's status to change. */
export const RETRY_AFTER_FAULT_MS = 30_000;
