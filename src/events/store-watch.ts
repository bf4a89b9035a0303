import type { Logger } from '../log/logger.js';
import type { StoreHealth } from '../store/store-health.js';
import type { AlertBook } from './alert-book.js';

/** Tells operators (alerts) and the log when the store stops and starts taking writes again. */
export function watchStoreHealth(health: StoreHealth, alerts: AlertBook, log: Logger): () => void {
  return health.onChange((condition) => {
    if (condition.ok) {
      log.info('job store writable again; taking jobs and printing');
      alerts.clear('STORE_UNAVAILABLE', null);
      alerts.note({
        level: 'info',
        code: 'STORE_RECOVERED',
        station: null,
        message: 'the job store can be written again; printing goes on',
      });
    } else {
      log.error(
        { reason: condition.reason },
        'job store cannot be written; new jobs refused, no new card starts',
      );
      alerts.raise({
        level: 'critical',
        code: 'STORE_UNAVAILABLE',
        station: null,
        message: `${condition.reason}; new jobs are refused and no new card starts until it can be written`,
      });
    }
  });
}
