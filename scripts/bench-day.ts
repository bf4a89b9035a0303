/**
 * `npm run bench:day [-- --fleet-days N]`: issues 5 and 13's benchmark in one run, printed as
 * Markdown for docs/benchmarks.md. On the reference hot day (`palembang-hot-day`, profile `retransfer-ref`,
 * service 08:00–16:00, backlog 400, printers cold at 07:00) one station runs
 *   (a) backlog only, thermal (a blind printer and one with readings) and fifo;
 *   (b) backlog plus walk-ins at 3 an hour 08:00–15:00, seeds 1–5 pooled, the same three;
 * beside the day's thermal bound; then the Palembang fleet runs 1 day (both policies) and N days
 * (thermal, default 30) for wall time. Progress goes to stderr, the Markdown to stdout.
 */
import { cpus, arch as osArch, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT } from '../src/cli/exit-codes.js';
import { loadConfig } from '../src/config/load-config.js';
import type { Config } from '../src/config/schema.js';
import { waitStats } from '../src/simulator/results.js';
import { loadScenario, type Scenario } from '../src/simulator/scenario.js';
import type { Policy } from '../src/simulator/sim-config.js';
import { runSimulation } from '../src/simulator/simulation.js';

const path = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const FILES = {
  station: 'config/scenarios/reference-station.yaml',
  backlog: 'config/scenarios/hot-day-backlog.yaml',
  walkIns: 'config/scenarios/hot-day-walk-ins.yaml',
  fleet: 'config/palembang.yaml',
  fleetDay: 'config/scenarios/palembang-day.yaml',
} as const;
const SEEDS = [1, 2, 3, 4, 5];
const TARGET = { backlogOnly: 177, withWalkIns: 170, p95s: 180, fleetDayS: 1.5, fleetMonthS: 45 };

/**
 * Whether the station's printer reports its temperatures (Cetak's `Xt` extension) or, like every
 * printer that speaks only the vendor's guide, does not (issue 13: the emulator's default).
 */
type Sight = 'blind' | 'readings';
const seeing = (scenario: Scenario, sight: Sight): Scenario => ({
  ...scenario,
  printer: { ...scenario.printer, reportsTemperatures: sight === 'readings' },
});

interface Row {
  readonly run: string;
  readonly policy: Policy;
  readonly printed: string;
  readonly spoiled: string;
  readonly shutdowns: string;
  readonly waits: readonly string[];
  readonly ofBound: string;
  readonly target: string;
}

const progress = (text: string) => process.stderr.write(`bench:day: ${text}\n`);
const seconds = (v: number | null) => (v === null ? '–' : `${v.toFixed(0)} s`);
const verdict = (problems: readonly string[]) =>
  problems.length === 0 ? 'met' : `not met: ${problems.join('; ')}`;

async function oneDay(config: Readonly<Config>, scenario: Scenario, policy: Policy) {
  const { report, waitsS } = await runSimulation({ config, scenario, policy });
  const station = report.stations[0];
  if (!station) throw new Error('the reference config has no station');
  return { station, waitsS, wallSeconds: report.wallSeconds };
}

async function backlogOnly(config: Readonly<Config>, policy: Policy, sight: Sight): Promise<Row> {
  progress(`one station, backlog only, ${policy}, ${sight}`);
  const { station } = await oneDay(config, seeing(loadScenario(path(FILES.backlog)), sight), policy);
  const problems = [
    ...(station.printed < TARGET.backlogOnly ? [`printed < ${TARGET.backlogOnly}`] : []),
    ...(station.spoiled > 0 ? ['spoiled > 0'] : []),
    ...(station.shutdowns > 0 ? ['shut-offs > 0'] : []),
  ];
  return {
    run: `backlog 400, ${sight}`,
    policy,
    printed: String(station.printed),
    spoiled: String(station.spoiled),
    shutdowns: String(station.shutdowns),
    waits: ['–', '–', '–', '–'],
    ofBound: `${((100 * station.printed) / station.thermalBound).toFixed(0)} %`,
    target: policy === 'thermal' ? verdict(problems) : 'baseline',
  };
}

async function withWalkIns(
  config: Readonly<Config>,
  policy: Policy,
  sight: Sight,
): Promise<Row & { bound: number }> {
  const base = seeing(loadScenario(path(FILES.walkIns)), sight);
  const days = [];
  for (const seed of SEEDS) {
    progress(`one station, backlog and walk-ins, seed ${seed}, ${policy}, ${sight}`);
    const walkIns = base.walkIns ? { ...base.walkIns, seed } : undefined;
    days.push(await oneDay(config, { ...base, ...(walkIns && { walkIns }) }, policy));
  }
  const printed = days.map((d) => d.station.printed);
  const mean = printed.reduce((a, b) => a + b, 0) / printed.length;
  const spoiled = days.reduce((n, d) => n + d.station.spoiled, 0);
  const shutdowns = days.reduce((n, d) => n + d.station.shutdowns, 0);
  const waits = waitStats(days.flatMap((d) => d.waitsS));
  const bound = days[0]?.station.thermalBound ?? 0;
  const problems = [
    ...(Math.min(...printed) < TARGET.withWalkIns ? [`a day printed < ${TARGET.withWalkIns}`] : []),
    ...(spoiled > 0 ? ['spoiled > 0'] : []),
    ...(shutdowns > 0 ? ['shut-offs > 0'] : []),
    ...((waits.p95s ?? 0) > TARGET.p95s ? [`p95 ${seconds(waits.p95s)} > ${TARGET.p95s} s`] : []),
  ];
  return {
    run: `backlog 400 + walk-ins 3/h, seeds ${SEEDS[0]}–${SEEDS.at(-1)}, ${sight}`,
    policy,
    printed: `${mean.toFixed(1)}/day (${Math.min(...printed)}–${Math.max(...printed)})`,
    spoiled: `${spoiled} in ${days.length} days`,
    shutdowns: `${shutdowns} in ${days.length} days`,
    waits: [String(waits.count), seconds(waits.p50s), seconds(waits.p95s), seconds(waits.maxs)],
    ofBound: `${((100 * mean) / bound).toFixed(0)} %`,
    target: policy === 'thermal' ? verdict(problems) : 'baseline',
    bound,
  };
}

async function fleet(days: number, policy: Policy) {
  progress(`Palembang fleet, ${days} day${days === 1 ? '' : 's'}, ${policy}`);
  const { report } = await runSimulation({
    config: loadConfig(path(FILES.fleet)),
    scenario: loadScenario(path(FILES.fleetDay)),
    policy,
    days,
  });
  const limit = days === 1 ? TARGET.fleetDayS : days === 30 ? TARGET.fleetMonthS : undefined;
  return {
    cells: [
      `${days} day${days === 1 ? '' : 's'}`,
      policy,
      String(report.stations.length),
      String(report.totals.printed),
      String(report.totals.spoiled),
      String(report.totals.shutdowns),
      `${((100 * report.totals.printed) / report.totals.thermalBound).toFixed(0)} %`,
      seconds(report.totals.walkIns.p95s),
      `${report.wallSeconds.toFixed(1)} s`,
      limit === undefined
        ? ''
        : report.wallSeconds <= limit
          ? `met (≤ ${limit} s)`
          : `not met (> ${limit} s)`,
    ],
  };
}

/** A Markdown table; the columns from `right` up to the last (a verdict) are right-aligned numbers. */
function table(headings: readonly string[], rows: ReadonlyArray<readonly string[]>, right: number): string {
  const align = headings.map((_, i) => (i >= right && i < headings.length - 1 ? '---:' : '---'));
  return [headings, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<number> {
  let fleetDays = 30;
  try {
    const { values } = parseArgs({ options: { 'fleet-days': { type: 'string' } }, strict: true });
    const text = values['fleet-days'];
    if (text !== undefined) {
      fleetDays = Number(text);
      if (!/^\d+$/.test(text) || fleetDays < 1 || fleetDays > 366)
        throw new Error('--fleet-days must be 1-366');
    }
  } catch (error) {
    process.stderr.write(
      `bench:day: ${(error as Error).message}\nusage: npm run bench:day [-- --fleet-days N]\n`,
    );
    return EXIT.USAGE;
  }
  const station = loadConfig(path(FILES.station));
  const rows: Row[] = [];
  rows.push(
    await backlogOnly(station, 'thermal', 'blind'),
    await backlogOnly(station, 'thermal', 'readings'),
    await backlogOnly(station, 'fifo', 'blind'),
  );
  const thermalWalkIns = await withWalkIns(station, 'thermal', 'blind');
  rows.push(
    thermalWalkIns,
    await withWalkIns(station, 'thermal', 'readings'),
    await withWalkIns(station, 'fifo', 'blind'),
  );
  const fleetRows = [(await fleet(1, 'thermal')).cells, (await fleet(1, 'fifo')).cells];
  if (fleetDays > 1) fleetRows.push((await fleet(fleetDays, 'thermal')).cells);

  const cpu = cpus();
  const out = [
    '### Benchmark: one hot day (`npm run bench:day`)',
    '',
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version} (${platform()} ${osArch()}).`,
    'Reference hot day: room `palembang-hot-day` (24 °C at dawn, 34 °C at 14:00), profile `retransfer-ref`,',
    'service 08:00–16:00, backlog 400 queued at 07:00, printers cold at 07:00. Walk-in wait = submitted → card out.',
    '',
    `One station (\`${FILES.station}\`); thermal bound ${thermalWalkIns.bound} cards (perfect foresight, no shut-off):`,
    '',
    table(
      [
        'run',
        'policy',
        'printed',
        'spoiled',
        'shut-offs',
        'walk-ins',
        'p50',
        'p95',
        'max',
        'of bound',
        'target',
      ],
      [
        ...rows.map((r) => [
          r.run,
          r.policy,
          r.printed,
          r.spoiled,
          r.shutdowns,
          ...r.waits,
          r.ofBound,
          r.target,
        ]),
        [
          'thermal bound',
          'perfect foresight',
          String(thermalWalkIns.bound),
          '0',
          '0',
          '',
          '',
          '',
          '',
          '100 %',
          '',
        ],
      ],
      2,
    ),
    '',
    `Palembang fleet (\`${FILES.fleet}\`, scenario \`${FILES.fleetDay}\`):`,
    '',
    table(
      [
        'days',
        'policy',
        'stations',
        'printed',
        'spoiled',
        'shut-offs',
        'of bound',
        'walk-in p95',
        'wall',
        'target',
      ],
      fleetRows,
      2,
    ),
    '',
    'Targets (issue 5): backlog only, thermal: printed ≥ 177, spoiled 0, shut-offs 0; with walk-ins, thermal:',
    'printed ≥ 170 every day, spoiled 0, shut-offs 0, walk-in p95 ≤ 180 s (issue 13: blind and with readings);',
    'fleet (issue 13): 1 day ≤ 1.5 s, 30 days ≤ 45 s wall.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.OK;
}

process.exitCode = await main();
