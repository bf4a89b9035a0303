import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  formatTable,
  formatTime,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- stock [options]
       npm run cetak -- stock count STATION N --by NAME [options]

Lists each station's blank cards: what the books say is in the printer and the last count by an
operator. "count" records that NAME counted N blanks in STATION's feeder now; the count is kept
with what the books said, and the comparison with the printer's own counter starts afresh (an
open STOCK_MISMATCH alert is over). Loads are recorded with "station STATION blanks N".

${COMMON_OPTIONS_HELP}
  --by NAME        with count: the operator who counted

Exit codes: 0 done; 64 usage; 65 refused; 67 no such station; 69 no daemon; 77 token refused.`;

interface CountAnswer {
  readonly station: string;
  readonly at: string;
  readonly counted: number;
  readonly by: string;
  readonly books: number;
  readonly difference: number;
}

interface StockAnswer {
  readonly stations: ReadonlyArray<{
    readonly id: string;
    readonly blanks: { readonly inPrinter: number; readonly unresolved: number };
    readonly lastCount: CountAnswer | null;
  }>;
  readonly counts: readonly CountAnswer[];
}

export const stockCommand: Command = {
  name: 'stock',
  summary: "blank cards per station, and operators' counts",
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { by: { type: 'string' } });
    const client = connect(common, io);
    if (positionals[0] === 'count') {
      const [, station, n] = expectPositionals(positionals, ['count', 'STATION', 'N']) as [
        string,
        string,
        string,
      ];
      if (typeof values.by !== 'string') throw new CliError(CLI_EXIT.USAGE, 'count needs --by NAME');
      if (!/^\d{1,6}$/.test(n)) throw new CliError(CLI_EXIT.USAGE, `N must be a whole number, not "${n}"`);
      const count = await client.post<CountAnswer>(
        `/api/stations/${encodeURIComponent(station)}/stock-count`,
        {
          counted: Number(n),
          by: values.by,
        },
      );
      if (common.json) printJson(io, count);
      else
        io.stdout.write(
          `${count.station}: ${count.counted} blanks counted by ${count.by} at ${formatTime(count.at, client.target.timeZone)}; the books said ${count.books}` +
            `${count.difference === 0 ? '' : ` (${count.difference > 0 ? '+' : ''}${count.difference})`}\n`,
        );
      return CLI_EXIT.OK;
    }
    expectPositionals(positionals, []);
    const stock = await client.get<StockAnswer>('/api/stock');
    if (common.json) {
      printJson(io, stock);
      return CLI_EXIT.OK;
    }
    const rows = stock.stations.map((s) => [
      s.id,
      String(s.blanks.inPrinter),
      String(s.blanks.unresolved),
      s.lastCount
        ? `${s.lastCount.counted} by ${s.lastCount.by} at ${formatTime(s.lastCount.at, client.target.timeZone)}`
        : '-',
    ]);
    io.stdout.write(`${formatTable(['STATION', 'IN PRINTER (BOOKS)', 'IN DOUBT', 'LAST COUNT'], rows)}\n`);
    return CLI_EXIT.OK;
  },
};
