import type { StoreCondition } from '../store/store-health.js';

/** Whether the job store can be written, as the status port shows it. */
export function storeView({ ok, reason, since }: StoreCondition) {
  return { writable: ok, reason, since: since === null ? null : new Date(since).toISOString() };
}
