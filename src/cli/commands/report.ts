import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  formatTable,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- report daily [--date YYYY-MM-DD] [--csv] [options]

The day's numbers per station and per kecamatan: good cards, spoiled ones by reason, blanks left,
target and how much of it was achieved. Default: today (the site's time zone).

Options:
  --date D   another day
  --csv      the report as CSV, as Disdukcapil collects it
${COMMON_OPTIONS_HELP}`;

interface ReportRow {
  readonly id: string;
  readonly kecamatan: string;
  readonly good: number;
  readonly spoiled: number;
  readonly spoiledByReason: Readonly<Record<string, number>>;
  readonly blanksRemaining: number;
  readonly target: number;
  readonly achievedPercent: number;
}

interface DailyReport {
  readonly date: string;
  readonly site: string;
  readonly stations: readonly ReportRow[];
  readonly kecamatan: readonly ReportRow[];
}

export const reportCommand: Command = {
  name: 'report',
  summary: "the day's numbers (report daily)",
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, {
      date: { type: 'string' },
      csv: { type: 'boolean' },
    });
    const [kind] = expectPositionals(positionals, ['the report (daily)']);
    if (kind !== 'daily') throw new CliError(CLI_EXIT.USAGE, `unknown report "${kind}" (known: daily)`);
    const date = values.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new CliError(CLI_EXIT.USAGE, '--date must be YYYY-MM-DD');
    }
    const query = new URLSearchParams({
      ...(date !== undefined && { date }),
      ...(values.csv === true && { format: 'csv' }),
    });
    const path = `/api/reports/daily${query.size > 0 ? `?${query}` : ''}`;
    const client = connect(common, io);
    if (values.csv === true) {
      io.stdout.write(await client.getText(path));
      return CLI_EXIT.OK;
    }
    const report = await client.get<DailyReport>(path);
    if (common.json) {
      printJson(io, report);
      return CLI_EXIT.OK;
    }
    const row = (level: string, r: ReportRow) => [
      level,
      r.id,
      String(r.good),
      String(r.spoiled),
      Object.entries(r.spoiledByReason)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ') || '-',
      String(r.blanksRemaining),
      `${r.target} (${r.achievedPercent}%)`,
    ];
    io.stdout.write(`${report.site} — daily report for ${report.date}\n`);
    const rows = [
      ...report.stations.map((r) => row('station', r)),
      ...report.kecamatan.map((r) => row('kecamatan', r)),
    ];
    io.stdout.write(
      `${formatTable(['LEVEL', 'ID', 'GOOD', 'SPOILED', 'BY REASON', 'BLANKS LEFT', 'TARGET'], rows)}\n`,
    );
    return CLI_EXIT.OK;
  },
};
