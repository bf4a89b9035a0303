import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

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
  }
  return shared;
}
