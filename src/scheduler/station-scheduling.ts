import type { Clock } from '../clock/clock.js';
import type { Config, KecamatanConfig, ProfileConfig } from '../config/schema.js';
import { ambientFrom } from '../thermal/ambient.js';
import type { RoomSensor } from '../thermal/room-sensor.js';
import { FIFO_PACER, type Pacer, ThermalPacer } from './pacing.js';
import { PrinterModel } from './printer-model.js';
import { Hours } from './service-hours.js';
import { WalkInRate, walkInsToReserve } from './walk-in-rate.js';

/** Heater starts are this far apart across a fleet, so a dozen printers never switch on at once. */
const STAGGER_MS = 20_000;
/** Time to spare between the roller reaching its band and the doors opening. */
const READY_BEFORE_OPENING_MS = 120_000;

export interface StationScheduling {
  readonly pacer: Pacer;
  /** Walk-in arrivals at this station's counter (they set how much headroom the backlog leaves). */
  readonly walkIns: WalkInRate;
  readonly model: PrinterModel;
  readonly hours: Hours;
  readonly warmLeadMs: () => number;
}

/** The scheduling parts of one station: its thermal estimate, pacing policy, hours and warm-up lead. */
export function stationScheduling(
  config: Readonly<Config>,
  kecamatan: KecamatanConfig,
  profile: ProfileConfig,
  index: number,
  clock: Clock,
  room?: RoomSensor,
): StationScheduling {
  const curve = ambientFrom(config.site.ambient, config.site.timezone);
  const ambient = room ? room.ambient(curve) : curve;
  const model = new PrinterModel(profile, ambient, clock, { roomKnown: room !== undefined });
  const walkIns = new WalkInRate();
  const pacer =
    config.scheduler.policy === 'fifo'
      ? FIFO_PACER
      : new ThermalPacer(model, {
          marginC: config.scheduler.marginC,
          walkInWaitSeconds: config.scheduler.walkInWaitSeconds,
          walkInsReserved: () => walkInsToReserve(walkIns, clock.now(), config.scheduler.walkInsReserved),
        });
  return {
    pacer,
    model,
    walkIns,
    hours: new Hours(kecamatan.serviceHours ?? config.site.serviceHours, config.site.timezone),
    warmLeadMs: () => warmUpMs(profile, model.state().rollerC) + READY_BEFORE_OPENING_MS + index * STAGGER_MS,
  };
}

/** How long the roller, at its estimated temperature, takes to reach its printing band. */
function warmUpMs(profile: ProfileConfig, rollerC: number): number {
  const rise = Math.max(0, profile.roller.readyMinC - rollerC);
  return (rise / profile.roller.heatRatePerSecond) * 1000;
}
