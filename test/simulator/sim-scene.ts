import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load-config.js';
import { parseScenario } from '../../src/simulator/scenario.js';

const here = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The benchmark's one reference station, and the whole Palembang fleet. */
export const REFERENCE_STATION = here('config/scenarios/reference-station.yaml');
export const PALEMBANG = here('config/palembang.yaml');
export const HOT_DAY_BACKLOG = here('config/scenarios/hot-day-backlog.yaml');
export const HOT_DAY_WALK_INS = here('config/scenarios/hot-day-walk-ins.yaml');

export const referenceStation = () => loadConfig(REFERENCE_STATION);
export const palembang = () => loadConfig(PALEMBANG);

/** A scenario from a plain object, defaults filled in as from a file. */
export const scenario = (raw: Record<string, unknown> = {}) => parseScenario(raw, 'test scenario');
