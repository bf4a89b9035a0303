import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { printerTruthSchema } from '../config/printer-truth.js';
import type { Config } from '../config/schema.js';
import { FAULT_NAMES } from '../drivers/emulated-faults.js';
import { CetakError } from '../errors.js';
import { ambientSpecSchema } from '../thermal/ambient.js';
import { TIME_OF_DAY } from '../thermal/local-time.js';
import { formatPath, problemLines, toFieldProblems } from '../util/zod-issues.js';
import { isIsoDate } from './local-times.js';

/**
 * A simulated day (`--scenario FILE.yaml`): what the room is really like, who comes in, what is
 * queued and what goes wrong. Every key is optional; a misspelt key is an error.
 */

/** A Monday in Palembang's dry season; the ambient curves go by time of day, not by date. */
export const DEFAULT_DATE = '2026-08-03';
/** PRR jobs queued per printing kecamatan at 07:00: the issue's reference day. */
export const DEFAULT_BACKLOG = 400;

const timeOfDay = z.string().regex(TIME_OF_DAY, 'must be a local time HH:MM (00:00–23:59)');

export const walkInsSchema = z
  .strictObject({
    /** Mean arrivals per hour (Poisson), over the whole fleet. */
    perHour: z.number().nonnegative().max(3600),
    from: timeOfDay.default('08:00'),
    to: timeOfDay.default('15:00'),
    /** Same seed, same arrival times. */
    seed: z.int().default(1),
    /** Every walk-in goes to this kecamatan (it may be one that prints at a parent); default: round-robin over the printing kecamatan. */
    kecamatan: z.string().min(1).optional(),
  })
  .refine((w) => w.from < w.to, { error: 'from must be before to', path: ['to'] });

export const scenarioFaultSchema = z.strictObject({
  /** A station id of the config. */
  station: z.string().min(1),
  /** Local time the fault strikes, every simulated day. */
  at: timeOfDay,
  fault: z.enum(FAULT_NAMES),
  /** How long it lasts, for the faults that last (see drivers/emulator/EMULATOR.md). */
  seconds: z.number().positive().optional(),
});

export const scenarioSchema = z.strictObject({
  /** The first simulated day, `YYYY-MM-DD`. */
  date: z
    .string()
    .refine(isIsoDate, { error: (issue) => `must be a date YYYY-MM-DD (got ${JSON.stringify(issue.input)})` })
    .default(DEFAULT_DATE),
  /** The room's real temperature: a profile name, °C, or points. Default: each station's emulator block, else the site's. */
  ambient: ambientSpecSchema.optional(),
  /**
   * How every emulated printer really behaves where it differs from its profile, key by key over
   * each station's own `emulator.printer` (docs/thermal.md). The daemon never sees it.
   */
  printer: printerTruthSchema.optional(),
  walkIns: walkInsSchema.optional(),
  /** PRR jobs queued per printing kecamatan at 07:00 each day. */
  backlog: z.int().nonnegative().max(100_000).default(DEFAULT_BACKLOG),
  faults: z.array(scenarioFaultSchema).default([]),
  /** The counter attendant: how long until a jam is cleared, a broken ribbon replaced, a cover closed. */
  attendant: z.strictObject({ reactSeconds: z.number().nonnegative().max(86_400).default(120) }).prefault({}),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type WalkIns = z.output<typeof walkInsSchema>;
export type ScenarioFault = z.output<typeof scenarioFaultSchema>;

/** Validates a parsed scenario. Throws `CONFIG_INVALID` naming every bad field. */
export function parseScenario(raw: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(raw ?? {});
  if (!result.success) throw invalid(source, problemLines(toFieldProblems(result.error, raw ?? {})));
  return result.data;
}

/** Reads, parses and validates a scenario YAML file. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new CetakError('CONFIG_UNREADABLE', `cannot read scenario ${path}: ${reason}`, { cause: error });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw invalid(
      path,
      document.errors.map((e) => e.message.split('\n')[0] ?? e.message),
    );
  }
  return parseScenario(document.toJS(), path);
}

/** Checks the names a scenario uses against the fleet it runs on. Throws `CONFIG_INVALID`. */
export function checkScenarioAgainst(
  scenario: Scenario,
  config: Readonly<Config>,
  source = 'scenario',
): void {
  const stationIds = config.kecamatan.flatMap((k) => k.stations.map((s) => s.id));
  const kecamatanIds = config.kecamatan.map((k) => k.id);
  const lines: string[] = [];
  scenario.faults.forEach((fault, i) => {
    if (!stationIds.includes(fault.station))
      lines.push(
        `${formatPath(['faults', i, 'station'])}: unknown station "${fault.station}" (known: ${stationIds.join(', ')})`,
      );
  });
  const kecamatan = scenario.walkIns?.kecamatan;
  if (kecamatan !== undefined && !kecamatanIds.includes(kecamatan))
    lines.push(`walkIns.kecamatan: unknown kecamatan "${kecamatan}" (known: ${kecamatanIds.join(', ')})`);
  if (lines.length > 0) throw invalid(source, lines);
}

function invalid(source: string, lines: readonly string[]): CetakError {
  return new CetakError('CONFIG_INVALID', `${source} is not valid:\n  ${lines.join('\n  ')}`, {
    details: lines,
  });
}
