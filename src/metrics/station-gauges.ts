import { Counter, Gauge, type Registry } from 'prom-client';
import type { Consumables } from '../drivers/driver.js';
import type { Station, StationState } from '../station/station.js';

/** Every state a station can be in, so each gets its 0 or 1 (a `Record` keeps the list complete). */
const STATE_SET: Record<StationState, true> = {
  off: true,
  standby: true,
  warming: true,
  ready: true,
  printing: true,
  overheated: true,
  connecting: true,
  offline: true,
  stopped: true,
};
const STATION_STATES = Object.keys(STATE_SET) as StationState[];

const CONSUMABLES: ReadonlyArray<readonly [item: string, key: keyof Consumables]> = [
  ['blanks', 'blanksRemaining'],
  ['ribbon', 'ribbonRemaining'],
  ['film', 'filmRemaining'],
];

/**
 * Gauges read from the stations at scrape time, so nothing can go stale between events: state,
 * pause, temperatures, consumables, and the link's counters.
 */
export function registerStationGauges(registry: Registry, stations: readonly Station[]): void {
  const registers = [registry];

  new Gauge({
    name: 'cetak_station_state',
    help: 'Station state: 1 for the current one, 0 for the others.',
    labelNames: ['station', 'kecamatan', 'state'] as const,
    registers,
    collect() {
      for (const station of stations) {
        const { id, kecamatan } = station;
        const current = station.state;
        for (const state of STATION_STATES)
          this.set({ station: id, kecamatan, state }, state === current ? 1 : 0);
      }
    },
  });

  new Gauge({
    name: 'cetak_station_paused',
    help: 'Whether an operator paused the station (1) or it takes cards (0).',
    labelNames: ['station'] as const,
    registers,
    collect() {
      for (const station of stations)
        this.set({ station: station.id }, station.pausedSince === undefined ? 0 : 1);
    },
  });

  new Gauge({
    name: 'cetak_printer_temperature_celsius',
    help: 'Printer temperatures as last reported; absent while the printer has not reported one.',
    labelNames: ['station', 'sensor'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of stations) {
        const temperatures = station.printer?.temperatures;
        if (temperatures?.internalC !== undefined)
          this.set({ station: station.id, sensor: 'internal' }, temperatures.internalC);
        if (temperatures?.rollerC !== undefined)
          this.set({ station: station.id, sensor: 'roller' }, temperatures.rollerC);
      }
    },
  });

  new Gauge({
    name: 'cetak_printer_inside_celsius',
    help: 'The printer inside from start-up: as measured where the printer reports it, else as estimated (source label).',
    labelNames: ['station', 'source'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of stations) {
        const measured = station.printer?.temperatures.internalC;
        if (measured !== undefined) this.set({ station: station.id, source: 'measured' }, measured);
        else this.set({ station: station.id, source: 'estimated' }, station.model.estimatedInsideC());
      }
    },
  });

  new Gauge({
    name: 'cetak_printer_consumable_remaining',
    help: 'Cards left: blanks in the feeder, ribbon and retransfer film, as the printer reports them.',
    labelNames: ['station', 'item'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of stations) {
        const consumables = station.printer?.consumables ?? {};
        for (const [item, key] of CONSUMABLES) {
          const value = consumables[key];
          if (value !== undefined) this.set({ station: station.id, item }, value);
        }
      }
    },
  });

  new Gauge({
    name: 'cetak_printer_hopper_space',
    help: 'Free slots in the output hopper, as the printer reports them.',
    labelNames: ['station'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of stations) {
        const space = station.printer?.consumables.hopperSpace;
        if (space !== undefined) this.set({ station: station.id }, space);
      }
    },
  });

  // Counters whose totals the stations and drivers keep: re-read at every scrape.
  const fromTotals = (name: string, help: string, read: (station: Station) => number | undefined) =>
    new Counter({
      name,
      help,
      labelNames: ['station'] as const,
      registers,
      collect() {
        this.reset();
        for (const station of stations) {
          const total = read(station);
          if (total !== undefined) this.inc({ station: station.id }, total);
        }
      },
    });
  fromTotals(
    'cetak_link_reconnects_total',
    'Reconnection attempts to the printer since the daemon started.',
    (station) => station.reconnects,
  );
  fromTotals(
    'cetak_link_messages_total',
    'Commands sent to the printer since the daemon started (drivers with a link only).',
    (station) => station.driver.linkStats?.().messages,
  );
  fromTotals(
    'cetak_link_timeouts_total',
    'Commands the printer did not answer in time since the daemon started (drivers with a link only).',
    (station) => station.driver.linkStats?.().timeouts,
  );
}
