import { type OperatorAction, PLAIN_ACTIONS } from '../../operations/operator-action.js';
import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  formatTable,
  formatTime,
  parseCommandArgs,
  parseCount,
  printJson,
} from './cli-support.js';

/** Verbs that are operator actions of their own kind (`src/operations/operator-action.ts`). */
const CONTROL_VERBS = PLAIN_ACTIONS;

/** Short verbs for what the operator did at the printer: the `did` of an `at-printer` action. */
const ACTION_OF = {
  clear: 'jam-cleared',
  hopper: 'hopper-emptied',
  ribbon: 'ribbon-replaced',
  film: 'film-replaced',
  cover: 'cover-closed',
} as const;

type ActionVerb = keyof typeof ACTION_OF;

const USAGE = `Usage: npm run cetak -- station ID [VERB] [options]

Without a verb: the station's state, problems, temperatures, consumables and today's cards.

Verbs:
  pause            no new card starts (the one in the printer finishes) until resume
  resume           take cards again
  warm             switch the heater on now (e.g. before opening)
  standby          pause and switch the heater off (a break, maintenance); resume to go on
  thermal          the inside temperature (measured, or estimated with its band) and what
                   has been learnt of the printer against its profile (docs/thermal.md)
  relearn          forget what was learnt of this printer (moved to another office, serviced):
                   it starts again from its profile with a prudent margin
  blanks N [--batch B]
                   you loaded N blank cards (from delivery batch B); prints the station's books
  ribbon           you replaced the colour ribbon
  film             you replaced the retransfer film
  hopper           you emptied the output hopper
  clear            you cleared a card jam
  cover            you closed the cover

Options:
  --batch B        with blanks: the delivery batch the cards came from (kept for the stock audit)
${COMMON_OPTIONS_HELP}

Exit codes: 0 done; 64 unknown verb or bad count; 65 refused (e.g. the printer is offline, so it
cannot warm up); 67 no station with this id; 69 no daemon; 77 token refused.`;

/** The parts of a station's status entry (or detail) shown here; all optional but id and state. */
interface StationAnswer {
  readonly id: string;
  readonly kecamatan?: string;
  readonly state: string;
  readonly pausedSince?: string | null;
  readonly problems?: readonly string[];
  readonly temperatures?: Readonly<Record<string, number | undefined>>;
  readonly consumables?: Readonly<Record<string, number | undefined>>;
  readonly printer?: { readonly model: string; readonly serial: string } | null;
  readonly currentJob?: string | null;
  readonly lastError?: string | null;
  readonly lastSeen?: string | null;
  readonly today?: { readonly printed: number; readonly spoiled: number; readonly target: number };
  readonly queue?: { readonly walkIn: number; readonly backlog: number };
  readonly thermal?: ThermalAnswer;
  /** Only in the detail (no verb): the station's stock books. */
  readonly books?: Readonly<Record<string, Books>>;
}

interface Figure {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly profile?: number;
}

/** `thermal` of a station's status entry (src/fleet/thermal-view.ts). */
interface ThermalAnswer {
  readonly inside: {
    readonly source: 'measured' | 'estimated';
    readonly c: number;
    readonly low?: number;
    readonly high?: number;
  };
  readonly learnt: Readonly<Record<string, Figure>>;
  readonly roomOffsetC: Figure;
  readonly evidence: Readonly<Record<string, number>>;
  readonly attention: readonly string[];
}

/** One item of a station's books (`POST /api/stations/:id/blanks`). */
interface Books {
  readonly loaded: number;
  readonly good: number;
  readonly spoiled: number;
  readonly unresolved: number;
  readonly inPrinter: number;
}

export const stationCommand: Command = {
  name: 'station',
  summary: 'show a station, or pause, resume, warm, standby it, or record loads and fixes',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { batch: { type: 'string' } });
    const [id, verb, ...more] = verbFirst(positionals);
    if (id === undefined) throw new CliError(CLI_EXIT.USAGE, 'missing ID');
    const expected = verb === 'blanks' ? 1 : 0;
    if (more.length > expected) {
      throw new CliError(CLI_EXIT.USAGE, `unexpected argument "${more[expected]?.slice(0, 40)}"`);
    }
    if (values.batch !== undefined && verb !== 'blanks') {
      throw new CliError(CLI_EXIT.USAGE, '--batch goes with the blanks verb');
    }
    const path = `/api/stations/${encodeURIComponent(id)}`;
    const client = connect(common, io);

    if (verb === 'blanks') {
      const count = parseBlanks(more[0]);
      const batch = typeof values.batch === 'string' ? values.batch : undefined;
      const books = await client.post<Record<string, Books>>(`${path}/blanks`, {
        count,
        ...(batch !== undefined && { batch }),
      });
      if (common.json) printJson(io, books);
      else io.stdout.write(`station ${id}: ${count} blanks recorded\n${booksTable(books)}\n`);
      return CLI_EXIT.OK;
    }

    let station: StationAnswer;
    if (verb === 'thermal') {
      station = await client.get<StationAnswer>(path);
      if (common.json) printJson(io, station.thermal ?? null);
      else io.stdout.write(`${describeThermal(station)}\n`);
      return CLI_EXIT.OK;
    }
    if (verb === undefined) station = await client.get<StationAnswer>(path);
    else if (actionOf(verb))
      station = await client.post<StationAnswer>(`${path}/actions`, actionOf(verb) as OperatorAction);
    else {
      throw new CliError(
        CLI_EXIT.USAGE,
        `unknown verb "${verb.slice(0, 40)}" (known: ${[...CONTROL_VERBS, 'thermal', 'blanks', ...Object.keys(ACTION_OF)].join(', ')})`,
      );
    }
    if (common.json) printJson(io, station);
    else io.stdout.write(`${describeStation(station, client.target.timeZone)}\n`);
    return CLI_EXIT.OK;
  },
};

/** The operator action a verb stands for, spelled as the API takes it. */
function actionOf(verb: string): OperatorAction | undefined {
  if ((CONTROL_VERBS as readonly string[]).includes(verb))
    return { kind: verb as (typeof CONTROL_VERBS)[number] };
  if (Object.hasOwn(ACTION_OF, verb)) return { kind: 'at-printer', did: ACTION_OF[verb as ActionVerb] };
  return undefined;
}

/** `station relearn ID` reads as `station ID relearn`: the verb may come first. */
function verbFirst(positionals: readonly string[]): readonly (string | undefined)[] {
  const [first, second, ...rest] = positionals;
  const verbs: readonly string[] = [...CONTROL_VERBS, 'thermal'];
  if (first !== undefined && second !== undefined && verbs.includes(first) && !verbs.includes(second))
    return [second, first, ...rest];
  return positionals;
}

function parseBlanks(text: string | undefined): number {
  if (text === undefined) throw new CliError(CLI_EXIT.USAGE, 'missing N (how many blanks you loaded)');
  return parseCount(text, 'N');
}

/** A few lines an operator reads at a glance. */
export function describeStation(s: StationAnswer, timeZone?: string): string {
  const lines = [`station ${s.id}${s.kecamatan ? ` (${s.kecamatan})` : ''}: ${s.state}`];
  if (s.pausedSince) lines.push(`  paused since ${formatTime(s.pausedSince, timeZone)}`);
  lines.push(`  problems: ${(s.problems ?? []).join(', ') || 'none'}`);
  if (s.currentJob) lines.push(`  printing job ${s.currentJob}`);
  if (s.today) {
    lines.push(`  today: ${s.today.printed}/${s.today.target} printed, ${s.today.spoiled} spoiled`);
  }
  if (s.queue) lines.push(`  queue: ${s.queue.walkIn} walk-in + ${s.queue.backlog} backlog`);
  const temps = labelled(s.temperatures, TEMPERATURE_LABELS, ' °C');
  if (temps) lines.push(`  temperatures: ${temps}`);
  const stock = labelled(s.consumables, CONSUMABLE_LABELS, '');
  if (stock) lines.push(`  consumables left: ${stock}`);
  if (s.printer) lines.push(`  printer: ${s.printer.model}, serial ${s.printer.serial}`);
  if (s.lastSeen) lines.push(`  last heard: ${formatTime(s.lastSeen, timeZone)}`);
  if (s.lastError) lines.push(`  last error: ${s.lastError}`);
  if (s.books) lines.push('', booksTable(s.books));
  return lines.join('\n');
}

const FIGURE_LABELS: Readonly<Record<string, [string, string]>> = {
  heatPerCardC: ['heat per card', '°C'],
  timeConstantMinutes: ['cooling time constant', 'min'],
  heaterOffsetC: ['heater offset', '°C'],
};

/** What is measured, what is estimated, and what the learning rests on. */
export function describeThermal(s: StationAnswer): string {
  const t = s.thermal;
  if (!t) return `station ${s.id}: no thermal picture (an older daemon?)`;
  const inside =
    t.inside.source === 'measured'
      ? `${t.inside.c} °C, measured by the printer`
      : `${t.inside.c} °C, estimated (90 % band ${t.inside.low}–${t.inside.high} °C; the printer reports no temperatures)`;
  const rows = Object.entries(t.learnt).map(([key, f]) => {
    const [label, unit] = FIGURE_LABELS[key] ?? [key, ''];
    return [label, `${f.profile ?? '–'} ${unit}`, `${f.mean} ${unit}`, `${f.low}–${f.high} ${unit}`];
  });
  rows.push([
    'room vs site curve',
    '0 °C',
    `${t.roomOffsetC.mean} °C`,
    `${t.roomOffsetC.low}–${t.roomOffsetC.high} °C`,
  ]);
  const e = t.evidence;
  return [
    `station ${s.id}: inside ${inside}`,
    '',
    formatTable(['FIGURE', 'PROFILE', 'LEARNT', '90 % BAND'], rows),
    '',
    `  evidence: ${e.cards ?? 0} cards, ${e.shutoffs ?? 0} shut-offs (${e.surprises ?? 0} unexpected), ${e.returns ?? 0} returns, ${e.readings ?? 0} readings`,
    ...t.attention.map((line) => `  worth a technician's look: ${line}`),
  ].join('\n');
}

const TEMPERATURE_LABELS: Readonly<Record<string, string>> = { internalC: 'inside', rollerC: 'roller' };
const CONSUMABLE_LABELS: Readonly<Record<string, string>> = {
  blanksRemaining: 'blanks',
  ribbonRemaining: 'ribbon',
  filmRemaining: 'film',
  hopperSpace: 'hopper space',
};

/** `inside 31.2 °C, roller 165 °C`: the numbers of `values`, under a short name where there is one. */
function labelled(
  values: Readonly<Record<string, number | undefined>> | undefined,
  labels: Readonly<Record<string, string>>,
  unit: string,
): string {
  return Object.entries(values ?? {})
    .filter(([, v]) => typeof v === 'number')
    .map(([key, v]) => `${labels[key] ?? key} ${Math.round((v as number) * 10) / 10}${unit}`)
    .join(', ');
}

function booksTable(books: Readonly<Record<string, Books>>): string {
  return formatTable(
    ['ITEM', 'LOADED', 'GOOD', 'SPOILED', 'UNRESOLVED', 'IN PRINTER'],
    Object.entries(books).map(([item, b]) => [
      item,
      String(b.loaded),
      String(b.good),
      String(b.spoiled),
      String(b.unresolved),
      String(b.inPrinter),
    ]),
  );
}
