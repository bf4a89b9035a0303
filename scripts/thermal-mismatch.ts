/**
 * `npm run bench:mismatch [-- --days N] [--write]`: the mismatch table of docs/thermal.md. On the
 * reference hot day with walk-ins, one station whose printer differs from its profile (each
 * learnt figure ±10 % and ±25 %, and two combined), blind and with readings, for N days (default
 * 5). Each cell is the day's printed cards / shut-offs; the last column the last day's share of
 * the bound computed for the printer's real figures. With `--write` the table replaces the one
 * between the markers in docs/thermal.md. Progress on stderr, Markdown on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import type { PrinterTruth } from '../src/config/printer-truth.js';
import type { Config } from '../src/config/schema.js';
import { loadScenario, type Scenario } from '../src/simulator/scenario.js';
import { runSimulation } from '../src/simulator/simulation.js';

const path = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const DOC = path('docs/thermal.md');
const BEGIN = '<!-- mismatch-table:begin -->';
const END = '<!-- mismatch-table:end -->';
const STATION_CONFIG = path('config/scenarios/reference-station.yaml');
const DAY = path('config/scenarios/hot-day-walk-ins.yaml');

/** The figures Cetak learns, each varied in turn. */
type Figure = 'heatPerCardC' | 'timeConstantMinutes' | 'heaterOffsetC';
type Figures = Readonly<Record<Figure, number>>;
interface Case {
  readonly label: string;
  readonly thermal: Partial<Record<Figure, number>>;
}

const LABELS: Record<Figure, string> = {
  heatPerCardC: 'heat/card',
  timeConstantMinutes: 'time constant',
  heaterOffsetC: 'heater offset',
};

/** The rows, around the reference station's own profile. */
function cases(reference: Figures): Case[] {
  const single = (Object.keys(LABELS) as Figure[]).flatMap((figure) =>
    [-25, -10, 10, 25].map((percent) => ({
      label: `${LABELS[figure]} ${percent > 0 ? '+' : ''}${percent} %`,
      thermal: { [figure]: round(reference[figure] * (1 + percent / 100)) },
    })),
  );
  return [
    { label: 'as its profile', thermal: {} },
    ...single,
    {
      label: 'heat/card +25 %, time constant +25 %',
      thermal: {
        heatPerCardC: reference.heatPerCardC * 1.25,
        timeConstantMinutes: reference.timeConstantMinutes * 1.25,
      },
    },
    {
      label: 'heat/card −25 %, heater offset −25 %',
      thermal: { heatPerCardC: reference.heatPerCardC * 0.75, heaterOffsetC: reference.heaterOffsetC * 0.75 },
    },
  ];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

async function row(config: Readonly<Config>, day: Scenario, c: Case, seen: boolean, days: number) {
  const printer: PrinterTruth = { thermal: c.thermal, reportsTemperatures: seen };
  const scenario = { ...day, printer };
  const { report } = await runSimulation({ config, scenario, days });
  const station = report.stations[0];
  if (!station) throw new Error('the reference config has no station');
  const cells = station.days.map((d) => `${d.printed} / ${d.shutdowns}`);
  const last = station.days.at(-1);
  const share =
    last && last.thermalBound > 0 ? `${((100 * last.printed) / last.thermalBound).toFixed(0)} %` : '–';
  const p95 = Math.max(...station.days.slice(1).map((d) => d.walkIns.p95s ?? 0));
  return `| ${c.label} | ${seen ? 'readings' : 'blind'} | ${cells.join(' | ')} | ${last?.thermalBound ?? '–'} | ${share} | ${p95.toFixed(0)} s |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string' }, write: { type: 'boolean' } } });
  const days = values.days === undefined ? 5 : Number(values.days);
  if (!Number.isInteger(days) || days < 2 || days > 30)
    throw new Error(`--days must be 2–30, got ${values.days}`);
  const head = [
    `| printer (against its profile) | sees | ${Array.from({ length: days }, (_, i) => `day ${i + 1}`).join(' | ')} | bound | share, day ${days} | walk-in p95, day 2+ |`,
    `| --- | --- | ${Array.from({ length: days }, () => '---:').join(' | ')} | ---: | ---: | ---: |`,
  ];
  const lines: string[] = [];
  const config = loadConfig(STATION_CONFIG);
  const profileName = config.kecamatan[0]?.stations[0]?.profile ?? '';
  const profile = config.profiles[profileName];
  if (!profile) throw new Error(`${STATION_CONFIG} has no station with a profile`);
  const day = loadScenario(DAY);
  const all = cases(profile.thermal);
  for (const [i, c] of all.entries()) {
    for (const seen of [false, true]) {
      process.stderr.write(
        `bench:mismatch: ${i + 1}/${all.length} ${c.label}, ${seen ? 'readings' : 'blind'}\n`,
      );
      lines.push(await row(config, day, c, seen, days));
    }
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const table = [
    `Cells: cards printed / shut-offs that day. Bound: the day's greedy bound for the printer's real figures. Reference station, hot day, walk-ins 3/h; ${cpu} × ${cpus().length}, load ${loadavg()[0]?.toFixed(2)} at the start.`,
    '',
    ...head,
    ...lines,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (values.write) {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    if (start < 0 || end < start) throw new Error(`${DOC} has no ${BEGIN} … ${END} markers`);
    writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`);
    process.stderr.write(`bench:mismatch: table written to ${DOC}\n`);
  }
}

await main();
