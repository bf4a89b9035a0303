import type { SimulationReport, WaitStats } from './results.js';

const HEADINGS = [
  'station',
  'kecamatan',
  'printed',
  'spoiled',
  'shut-offs',
  'bound',
  '% bound',
  'off-hours',
  'walk-ins',
  'p50 s',
  'p95 s',
  'max s',
  'peak °C',
] as const;

/** The report as a plain-text table, one row per station and a totals row. */
export function reportTable(report: SimulationReport): string {
  const rows: string[][] = report.stations.map((s) => [
    s.id,
    s.kecamatan,
    String(s.printed),
    String(s.spoiled),
    String(s.shutdowns),
    String(s.thermalBound),
    share(s.printed, s.thermalBound),
    String(s.outsideHours),
    ...waitCells(s.walkIns),
    s.peakC.toFixed(1),
  ]);
  const t = report.totals;
  rows.push([
    'total',
    '',
    String(t.printed),
    String(t.spoiled),
    String(t.shutdowns),
    String(t.thermalBound),
    share(t.printed, t.thermalBound),
    String(t.outsideHours),
    ...waitCells(t.walkIns),
    '',
  ]);
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const lines = [
    `policy ${report.policy}, ${report.days} day${report.days === 1 ? '' : 's'} from ${report.date}, ${report.wallSeconds} s wall`,
    '',
    format(HEADINGS),
    format(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(0, -1).map(format),
    format(widths.map((w) => '-'.repeat(w))),
    format(rows.at(-1) ?? []),
  ];
  if (t.walkIns.unserved > 0) lines.push('', `${t.walkIns.unserved} walk-in(s) never got a card.`);
  if (t.outsideHours > 0)
    lines.push(
      '',
      `${t.outsideHours} card(s) were fed outside service hours (the policy should not print then).`,
    );
  return `${lines.join('\n')}\n`;
}

function waitCells(w: WaitStats): string[] {
  const seconds = (v: number | null) => (v === null ? '–' : v.toFixed(0));
  return [String(w.count), seconds(w.p50s), seconds(w.p95s), seconds(w.maxs)];
}

function share(printed: number, bound: number): string {
  return bound > 0 ? `${((100 * printed) / bound).toFixed(0)} %` : '–';
}
