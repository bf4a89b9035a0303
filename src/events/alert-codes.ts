import type { AlertLevel } from '../store/alert-store.js';

/**
 * Every condition Cetak raises as an alert, with its level: the metrics start a series for each
 * at 0, so an alerting rule sees the first one rise. Notices (`ONLINE`, `STORE_RECOVERED`) are
 * born cleared and never counted as unacknowledged.
 */
export const ALERT_LEVELS: Readonly<Record<string, AlertLevel>> = {
  OVERHEATED: 'critical',
  OFFLINE: 'warning',
  'RIBBON-OUT': 'warning',
  'FILM-OUT': 'warning',
  'FEEDER-EMPTY': 'warning',
  'HOPPER-FULL': 'warning',
  'COVER-OPEN': 'warning',
  'CARD-JAM': 'warning',
  'CHIP-ERROR': 'info',
  BLANKS_LOW: 'warning',
  JOB_UNCERTAIN: 'warning',
  STOCK_MISMATCH: 'warning',
  PRINTER_UNLIKE_PROFILE: 'warning',
  STORE_UNAVAILABLE: 'critical',
};
