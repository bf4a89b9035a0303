import { Gauge, type Registry } from 'prom-client';
import type { StationView } from '../station/station-view.js';
import { PACKAGE_VERSION as version } from '../util/package-version.js';

/**
 * Identity as Prometheus's `_info` convention has it: a gauge whose value is always 1 and whose
 * labels carry the facts, so a query can join them onto any other series (`* on (station)
 * group_left (serial) cetak_printer_info`). Which Cetak and Node an office runs; which printer
 * (model, serial number, firmware) stands at each station, as it identified itself when it
 * connected — a swapped printer shows up as a new serial.
 */
export function registerInfoGauges(registry: Registry, stations: readonly StationView[]): void {
  new Gauge({
    name: 'cetak_build_info',
    help: 'The Cetak and Node.js versions this daemon runs (always 1).',
    labelNames: ['version', 'node'] as const,
    registers: [registry],
  }).set({ version, node: process.versions.node }, 1);

  new Gauge({
    name: 'cetak_printer_info',
    help: 'The printer at each station as it identified itself (always 1; absent until it has).',
    labelNames: ['station', 'model', 'serial', 'firmware'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const station of stations) {
        const identity = station.snapshot().printer;
        if (identity) this.set({ station: station.id, ...identity }, 1);
      }
    },
  });
}
