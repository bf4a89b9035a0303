import { Gauge, type Registry } from 'prom-client';
import { ALERT_LEVELS } from '../events/alert-codes.js';
import type { AlertRecord } from '../store/alert-store.js';

/** Same rule as the alert counter: a code outside it is counted as `OTHER`. */
const ALERT_CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;

/** `cetak_alerts_unacknowledged`: active alerts no operator has acknowledged, by code and level. */
export function registerAlertGauges(registry: Registry, unacknowledged: () => readonly AlertRecord[]): void {
  new Gauge({
    name: 'cetak_alerts_unacknowledged',
    help: 'Active alerts no operator has acknowledged yet, by code and level.',
    labelNames: ['code', 'level'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, level] of Object.entries(ALERT_LEVELS)) this.set({ code, level }, 0);
      for (const alert of unacknowledged()) {
        const code = ALERT_CODE.test(alert.code) ? alert.code : 'OTHER';
        this.inc({ code, level: alert.level });
      }
    },
  });
}
