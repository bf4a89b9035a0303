import type { Config } from '../config/schema.js';
import type { LedgerStore } from '../store/ledger-store.js';

export interface ReportRow {
  readonly id: string;
  readonly kecamatan: string;
  readonly good: number;
  readonly spoiled: number;
  readonly spoiledByReason: Readonly<Record<string, number>>;
  /** Blanks the books say the station(s) still hold. */
  readonly blanksRemaining: number;
  readonly target: number;
  /** good ÷ target, in percent, one decimal. */
  readonly achievedPercent: number;
}

export interface DailyReport {
  readonly date: string;
  readonly site: string;
  readonly stations: readonly ReportRow[];
  readonly kecamatan: readonly ReportRow[];
}

/** The day's numbers per station and per kecamatan, as Disdukcapil collects them. */
export function dailyReport(config: Readonly<Config>, ledger: LedgerStore, date: string): DailyReport {
  const used = new Map(ledger.day(date).map((row) => [row.stationId, row]));
  const stations: ReportRow[] = config.kecamatan.flatMap((k) =>
    k.stations.map((station) => {
      const day = used.get(station.id);
      const target = k.dailyTarget ?? config.site.dailyTarget;
      const good = day?.good ?? 0;
      return {
        id: station.id,
        kecamatan: k.id,
        good,
        spoiled: day?.spoiled ?? 0,
        spoiledByReason: day?.spoiledByReason ?? {},
        blanksRemaining: ledger.summary(station.id, 'blanks').remaining,
        target,
        achievedPercent: percent(good, target),
      };
    }),
  );
  const kecamatan: ReportRow[] = config.kecamatan
    .filter((k) => k.stations.length > 0)
    .map((k) => {
      const rows = stations.filter((row) => row.kecamatan === k.id);
      const good = sum(rows.map((r) => r.good));
      const target = sum(rows.map((r) => r.target));
      const spoiledByReason: Record<string, number> = {};
      for (const row of rows) {
        for (const [reason, n] of Object.entries(row.spoiledByReason))
          spoiledByReason[reason] = (spoiledByReason[reason] ?? 0) + n;
      }
      return {
        id: k.id,
        kecamatan: k.id,
        good,
        spoiled: sum(rows.map((r) => r.spoiled)),
        spoiledByReason,
        blanksRemaining: sum(rows.map((r) => r.blanksRemaining)),
        target,
        achievedPercent: percent(good, target),
      };
    });
  return { date, site: config.site.name, stations, kecamatan };
}

const CSV_HEADER =
  'level,id,kecamatan,good,spoiled,spoiled_by_reason,blanks_remaining,target,achieved_percent';

/** The same report as CSV: one row per station, then one per kecamatan. */
export function dailyReportCsv(report: DailyReport): string {
  const line = (level: string, row: ReportRow) =>
    [
      level,
      row.id,
      row.kecamatan,
      row.good,
      row.spoiled,
      // `reason:count` pairs joined by `;`, so the column stays one CSV field without quoting.
      Object.entries(row.spoiledByReason)
        .map(([reason, n]) => `${reason}:${n}`)
        .join(';'),
      row.blanksRemaining,
      row.target,
      row.achievedPercent,
    ].join(',');
  return `${[CSV_HEADER, ...report.stations.map((r) => line('station', r)), ...report.kecamatan.map((r) => line('kecamatan', r))].join('\r\n')}\r\n`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function percent(good: number, target: number): number {
  return target > 0 ? Math.round((good / target) * 1000) / 10 : 0;
}
