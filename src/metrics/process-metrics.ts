import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * prom-client's totals of handles, requests and resources are gauges named `…_total`, a suffix
 * Prometheus keeps for counters (`promtool check metrics` refuses it). The same figures stay
 * available by type in `cetak_nodejs_active_handles` (and `…_requests`, `…_resources`): a
 * `sum()` gives the total.
 */
const MISNAMED_GAUGES = [
  'cetak_nodejs_active_handles_total',
  'cetak_nodejs_active_requests_total',
  'cetak_nodejs_active_resources_total',
];

/**
 * The process's own metrics (CPU, memory, event-loop lag, GC, handles), prefixed `cetak_`.
 *
 * Registered once per process, not once per fleet: prom-client gives no way to stop what
 * `collectDefaultMetrics` starts (an event-loop delay monitor and a GC observer), so a test run
 * that starts a daemon per test would pile them up. They describe the process, so every fleet's
 * registry can show the same ones.
 */
export function processMetrics(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared, prefix: 'cetak_' });
    for (const name of MISNAMED_GAUGES) shared.removeSingleMetric(name);
  }
  return shared;
}
