import { Counter, Gauge, type Registry } from 'prom-client';
import type { Consumables } from '../drivers/driver.js';
import { STATION_STATES } from '../station/station-snapshot.js';
import type { StationSnapshot, StationView } from '../station/station-view.js';

const CONSUMABLES: ReadonlyArray<readonly [item: string, key: keyof Consumables]> = [
  ['blanks', 'blanksRemaining'],
  ['ribbon', 'ribbonRemaining'],
  ['film', 'filmRemaining'],
];

/**
 * Gauges read from the stations' snapshots at scrape time, so nothing can go stale between events:
 * state, pause, temperatures, consumables, and the link's counters.
 */
export function registerStationGauges(registry: Registry, stations: readonly StationView[]): void {
  const registers = [registry];
  const snapshots = (): StationSnapshot[] => stations.map((station) => station.snapshot());

  new Gauge({
    name: 'cetak_station_state',
    help: 'Station state: 1 for the current one, 0 for the others.',
    labelNames: ['station', 'kecamatan', 'state'] as const,
    registers,
    collect() {
      for (const { id, kecamatan, printerState: current } of snapshots()) {
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
      for (const station of snapshots())
        this.set({ station: station.id }, station.pausedSince === null ? 0 : 1);
    },
  });

  new Gauge({
    name: 'cetak_printer_temperature_celsius',
    help: 'Printer temperatures as last reported; absent while the printer has not reported one.',
    labelNames: ['station', 'sensor'] as const,
    registers,
    collect() {
      this.reset();
      for (const { id, temperatures } of snapshots()) {
        if (temperatures.internalC !== undefined)
          this.set({ station: id, sensor: 'internal' }, temperatures.internalC);
        if (temperatures.rollerC !== undefined)
          this.set({ station: id, sensor: 'roller' }, temperatures.rollerC);
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
      for (const { id, thermal } of snapshots())
        this.set({ station: id, source: thermal.inside.source }, thermal.inside.c);
    },
  });

  new Gauge({
    name: 'cetak_printer_consumable_remaining',
    help: 'Cards left: blanks in the feeder, ribbon and retransfer film, as the printer reports them.',
    labelNames: ['station', 'item'] as const,
    registers,
    collect() {
      this.reset();
      for (const station of snapshots()) {
        const { consumables } = station;
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
      for (const station of snapshots()) {
        const space = station.consumables.hopperSpace;
        if (space !== undefined) this.set({ station: station.id }, space);
      }
    },
  });

  // Counters whose totals the stations and drivers keep: re-read at every scrape.
  const fromTotals = (name: string, help: string, read: (station: StationSnapshot) => number | null) =>
    new Counter({
      name,
      help,
      labelNames: ['station'] as const,
      registers,
      collect() {
        this.reset();
        for (const station of snapshots()) {
          const total = read(station);
          if (total !== null) this.inc({ station: station.id }, total);
        }
      },
    });
  fromTotals(
    'cetak_link_reconnects_total',
    'Reconnection attempts to the printer since the daemon started.',
    (station) => station.counters.reconnects,
  );
  fromTotals(
    'cetak_link_messages_total',
    'Commands sent to the printer since the daemon started (drivers with a link only).',
    (station) => station.counters.linkMessages,
  );
  fromTotals(
    'cetak_link_timeouts_total',
    'Commands the printer did not answer in time since the daemon started (drivers with a link only).',
    (station) => station.counters.linkTimeouts,
  );
}
