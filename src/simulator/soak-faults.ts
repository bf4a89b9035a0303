import { parseConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import type { FaultName } from '../drivers/emulated-faults.js';

/** A fault of the emulator's catalogue and how often it strikes: per card (printer faults) or per reply (link faults). */
export interface FaultRate {
  readonly fault: FaultName;
  readonly probability: number;
  /** How long it lasts, for `no-reply`, `slow-reply` and `cover-open`. */
  readonly seconds?: number;
}

/**
 * The soak's faults, from `drivers/emulator/EMULATOR.md`. Printer faults roll per card (the
 * Palembang fleet feeds ≈ 3,700 blanks a day); link faults roll per reply (≈ 1 million a day, nearly
 * all of them status polls of idle printers, so only a few strike a card in progress). Over a
 * month that is tens of each, not thousands.
 */
export const SOAK_FAULTS: readonly FaultRate[] = [
  { fault: 'chip-error', probability: 0.002 },
  { fault: 'card-jam', probability: 0.0005 },
  { fault: 'ribbon-break', probability: 0.0003 },
  { fault: 'cover-open', probability: 0.0002 },
  { fault: 'no-reply', probability: 3e-6, seconds: 60 },
  { fault: 'slow-reply', probability: 2e-6, seconds: 5 },
  { fault: 'garbage', probability: 3e-6 },
  { fault: 'drop-connection', probability: 2e-6 },
  { fault: 'printer-reset', probability: 1e-6 },
];

/**
 * The fleet with seeded probabilistic faults at every station: each station's `emulator:` block
 * gets `faults` (after any it has) and a seed. `seed` 1 keeps the config's own emulator seeds (each station's, else
 * its place in the fleet); another seed shifts them all, for a different month.
 */
export function withSeededFaults(
  config: Readonly<Config>,
  faults: readonly FaultRate[] = SOAK_FAULTS,
  seed = 1,
): Readonly<Config> {
  let index = 0;
  const raw = {
    ...config,
    kecamatan: config.kecamatan.map((kecamatan) => ({
      ...kecamatan,
      stations: kecamatan.stations.map((station) => {
        index += 1;
        const own = station.emulator?.seed ?? index;
        return {
          ...station,
          emulator: {
            ...station.emulator,
            seed: own + (seed - 1) * 10_007,
            faults: [...(station.emulator?.faults ?? []), ...faults.map((f) => ({ ...f }))],
          },
        };
      }),
    })),
  };
  return parseConfig(raw, 'soak config');
}
