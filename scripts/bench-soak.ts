/**
 * `npm run bench:soak [-- --days N] [--config FILE] [--driver emulator|emulator-direct] [--seed S]`:
 * issue 7's soak. The fleet (default `config/palembang.yaml`) runs N simulated days (default 30) of
 * `config/scenarios/palembang-day.yaml` on the real daemon with a real SQLite file store, every
 * printer emulated with seeded faults from the emulator's catalogue (`SOAK_FAULTS`), and by default
 * the real protocol driver (`emulator`), so link faults make it time out, reconnect and leave cards
 * in doubt, which the attendant settles by looking at them. At the end every job and every blank
 * is accounted for, and memory is compared with the first day's.
 *
 * Progress goes to stderr, one line a day; the report (Markdown, for docs/benchmarks.md) to stdout. Exits
 * 1 when a job was lost, a blank is unaccounted for, a station's books do not reconcile, a card is
 * left in doubt or RSS grew more than 20 % from day 1 to the end; 64 for a bad command line, 78
 * for a missing or invalid config. Run with `--expose-gc` (as `npm run bench:soak` does) so RSS is
 * read after a forced garbage collection.
 */
import { cpus, arch as osArch, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT } from '../src/cli/exit-codes.js';
import { loadConfig } from '../src/config/load-config.js';
import { isCetakError } from '../src/errors.js';
import type { FleetAudit } from '../src/simulator/audit.js';
import { loadScenario } from '../src/simulator/scenario.js';
import { SIM_DRIVERS, type SimDriver } from '../src/simulator/sim-config.js';
import { runSimulation } from '../src/simulator/simulation.js';
import { SOAK_FAULTS, withSeededFaults } from '../src/simulator/soak-faults.js';

const path = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const DAY_FILE = 'config/scenarios/palembang-day.yaml';
const MAX_RSS_GROWTH_PERCENT = 20;
const USAGE =
  'usage: npm run bench:soak [-- --days N] [--config FILE] [--driver emulator|emulator-direct] [--seed S]';

interface SoakOptions {
  readonly days: number;
  readonly config: string;
  readonly driver: SimDriver;
  readonly seed: number;
}

const progress = (text: string) => process.stderr.write(`bench:soak: ${text}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const n = (value: number) => value.toLocaleString('en-US');
const gc = (globalThis as { gc?: () => void }).gc;

/** Memory after a forced collection when `--expose-gc` allows one. */
function memory(): { rss: number; heap: number } {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

function parseOptions(argv: readonly string[]): SoakOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      days: { type: 'string', default: '30' },
      config: { type: 'string', default: 'config/palembang.yaml' },
      driver: { type: 'string', default: 'emulator' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const days = Number(values.days);
  if (!/^\d+$/.test(values.days) || days < 1 || days > 366) throw new Error('--days must be 1-366');
  const seed = Number(values.seed);
  if (!/^-?\d+$/.test(values.seed)) throw new Error('--seed must be an integer');
  const driver = values.driver as SimDriver;
  if (!SIM_DRIVERS.includes(driver)) throw new Error(`--driver must be one of ${SIM_DRIVERS.join(', ')}`);
  return { days, config: values.config, driver, seed };
}

function byCount(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${n(v)}`).join(', ');
}

function table(headings: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const align = headings.map((_, i) => (i === 0 ? '---' : '---:'));
  return [headings, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** What went wrong, one line each; none when the soak passed. */
function failures(audit: FleetAudit, rssGrowth: number): string[] {
  const out: string[] = [];
  if (audit.jobs.lost !== 0) out.push(`${audit.jobs.lost} lost jobs`);
  if (audit.unaccountedBlanks !== 0) out.push(`${audit.unaccountedBlanks} unaccounted blanks`);
  if (audit.unreconciled !== 0) out.push(`${audit.unreconciled} stations whose books do not reconcile`);
  if (audit.uncertain.left !== 0) out.push(`${audit.uncertain.left} jobs still uncertain`);
  if (rssGrowth > MAX_RSS_GROWTH_PERCENT)
    out.push(`RSS grew ${rssGrowth.toFixed(0)} % (limit ${MAX_RSS_GROWTH_PERCENT} %)`);
  return out;
}

async function main(): Promise<number> {
  let options: SoakOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:soak: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  let config: ReturnType<typeof loadConfig>;
  let scenario: ReturnType<typeof loadScenario>;
  try {
    config = withSeededFaults(loadConfig(options.config), SOAK_FAULTS, options.seed);
    const day = loadScenario(path(DAY_FILE));
    scenario = day.walkIns ? { ...day, walkIns: { ...day.walkIns, seed: options.seed } } : day;
  } catch (error) {
    if (!isCetakError(error)) throw error;
    process.stderr.write(`bench:soak: ${error.message}\n`);
    return EXIT.CONFIG;
  }
  const stations = config.kecamatan.reduce((count, k) => count + k.stations.length, 0);
  if (!gc) progress('no --expose-gc: RSS is read without a forced garbage collection');
  progress(
    `${stations} stations, ${options.days} days, driver ${options.driver}, seed ${options.seed}, SQLite file store`,
  );

  // Both read with the daemon still running: after the run its objects are garbage, leaks included.
  let warm: { rss: number; heap: number } | undefined;
  let end: { rss: number; heap: number } | undefined;
  const { report, audit } = await runSimulation({
    config,
    scenario,
    days: options.days,
    driver: options.driver,
    store: 'file-unsynced',
    audit: true,
    onDay: (day, wallSeconds, cards) => {
      const now = memory();
      if (day === 0) warm = now;
      end = now;
      progress(
        `day ${day + 1}/${options.days}: ${n(cards.printed)} cards (${n(cards.spoiled)} spoiled), ` +
          `RSS ${mb(now.rss)}, heap ${mb(now.heap)}, ${wallSeconds.toFixed(0)} s`,
      );
    },
  });
  if (!audit || !warm || !end) throw new Error('the simulation returned no audit');
  const growth = (100 * (end.rss - warm.rss)) / warm.rss;

  const spoiledBy: Record<string, number> = {};
  for (const station of report.stations)
    for (const [reason, count] of Object.entries(station.spoiledBy))
      spoiledBy[reason] = (spoiledBy[reason] ?? 0) + count;
  const { byState } = audit.jobs;
  const { uncertain } = audit;
  const settled = uncertain.asPrinted + uncertain.asSpoiled;
  const cpu = cpus();
  const minutes = Math.floor(report.wallSeconds / 60);
  const wall = `${minutes} min ${(report.wallSeconds - minutes * 60).toFixed(0)} s`;
  const problems = failures(audit, growth);
  const command = `npm run bench:soak -- --days ${options.days} --config ${options.config} --driver ${options.driver} --seed ${options.seed}`;

  const out = [
    `### Soak: ${options.days} days, ${stations} stations, faults (\`npm run bench:soak\`)`,
    '',
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version} (${platform()} ${osArch()}).`,
    `Command: \`${command}\`. Day: \`${DAY_FILE}\` (backlog 400 per printing kecamatan, walk-ins 48 an hour).`,
    `Driver \`${options.driver}\`, SQLite file store (synchronous=NORMAL), faults \`SOAK_FAULTS\` (\`src/simulator/soak-faults.ts\`).`,
    `Wall time: ${wall} (${(report.wallSeconds / options.days).toFixed(1)} s per simulated day).`,
    '',
    table(
      ['', 'figure'],
      [
        ['cards printed', n(report.totals.printed)],
        ['cards spoiled', `${n(report.totals.spoiled)} (${byCount(spoiledBy)})`],
        [
          'link faults (rolled per reply)',
          `${byCount(audit.replies.faults)} — of ${n(audit.replies.sent)} replies`,
        ],
        [
          'reconnection attempts / reply timeouts',
          `${n(audit.reconnects)} / ${audit.replyTimeouts === undefined ? '–' : n(audit.replyTimeouts)}`,
        ],
        ['jobs submitted', n(audit.jobs.submitted)],
        [
          'printed / spoiled / cancelled / still queued / printing',
          [byState.printed, byState.spoiled, byState.cancelled, byState.queued, byState.printing]
            .map(n)
            .join(' / '),
        ],
        [
          'uncertain',
          `${n(uncertain.seen)}: settled by the attendant ${n(settled)} (${n(uncertain.asPrinted)} printed, ` +
            `${n(uncertain.asSpoiled)} spoiled; ${n(uncertain.settledSoon)} soon after, ${n(uncertain.settledAtEndOfDay)} ` +
            `at the end of the day), left ${n(uncertain.left)}, with no card fed ${n(uncertain.noCard)}`,
        ],
        ['**lost jobs** (submitted − every state)', `**${n(audit.jobs.lost)}**`],
        ['**stations whose blanks do not reconcile**', `**${audit.unreconciled}** of ${audit.books.length}`],
        ['**unaccounted blanks** (books ≠ feeder, summed)', `**${n(audit.unaccountedBlanks)}**`],
        [
          '**RSS** after day 1 → after the last day',
          `**${mb(warm.rss)} → ${mb(end.rss)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)**`,
        ],
        ['JS heap in use after day 1 → after the last day', `${mb(warm.heap)} → ${mb(end.heap)}`],
      ],
    ),
    '',
    problems.length === 0
      ? `Met: 0 lost jobs, 0 unaccounted blanks, every station reconciles, RSS within ${MAX_RSS_GROWTH_PERCENT} %.`
      : `Not met: ${problems.join('; ')}.`,
    '',
    'Blanks per station (books as `GET /api/stations/:id/ledger` shows them, beside the emulated printer):',
    '',
    table(
      ['station', 'loaded', 'good', 'spoiled', 'unresolved', 'in printer', 'feeder', 'hopper', 'reconciles'],
      audit.books.map((b) => [
        b.id,
        n(b.loaded),
        n(b.good),
        n(b.spoiled),
        n(b.unresolved),
        n(b.inPrinter),
        n(b.feeder),
        n(b.hopperCards),
        b.reconciles ? 'yes' : '**no**',
      ]),
    ),
    '',
    'loaded = good + spoiled + unresolved + in printer (the books), in printer = the feeder (the printer',
    'counts its own blanks), good = cards in the output hopper. RSS is read after a forced GC' +
      (gc ? '.' : ' only with --expose-gc (not this run).'),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return problems.length === 0 ? EXIT.OK : 1;
}

process.exitCode = await main();
