import type { EventBus, FleetEvent } from './fleet-events.js';

type Alert = Extract<FleetEvent, { type: 'alert' }>;

export interface LoggedAlert {
  readonly id: number;
  readonly at: string;
  readonly level: Alert['level'];
  readonly code: string;
  readonly station: string | null;
  readonly message: string;
}

const KEEP = 100;

/** The most recent alerts, newest first, for a dashboard that was not watching when they fired. */
export class AlertLog {
  readonly #alerts: LoggedAlert[] = [];

  constructor(bus: EventBus) {
    bus.subscribe(({ id, at, event }) => {
      if (event.type !== 'alert') return;
      const { level, code, station, message } = event;
      this.#alerts.unshift({ id, at, level, code, station, message });
      if (this.#alerts.length > KEEP) this.#alerts.pop();
    });
  }

  recent(): readonly LoggedAlert[] {
    return this.#alerts;
  }
}
