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

const USAGE = `Usage: npm run cetak -- alerts [options]
       npm run cetak -- alerts ack ID --by NAME [options]

Lists the daemon's alerts: the active ones first (with their age and who acknowledged them), then
recent ones that are over. "ack" records that NAME has seen alert ID; it stays listed until its
condition ends.

${COMMON_OPTIONS_HELP}
  --by NAME        with ack: the operator who acknowledges

Exit codes: 0 done; 64 usage; 65 refused (no name); 67 no such alert; 69 no daemon; 77 token refused.`;

interface AlertAnswer {
  readonly id: number;
  readonly code: string;
  readonly level: string;
  readonly station: string | null;
  readonly message: string;
  readonly active: boolean;
  readonly ageSeconds: number;
  readonly acknowledgedBy: string | null;
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'list alerts, or acknowledge one with your name',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { by: { type: 'string' } });
    const client = connect(common, io);
    if (positionals[0] === 'ack') {
      const [, id] = expectPositionals(positionals, ['ack', 'ID']) as [string, string];
      if (typeof values.by !== 'string') throw new CliError(CLI_EXIT.USAGE, 'ack needs --by NAME');
      const alert = await client.post<AlertAnswer>(`/api/alerts/${encodeURIComponent(id)}/ack`, {
        by: values.by,
      });
      if (common.json) printJson(io, alert);
      else io.stdout.write(`alert ${alert.id} (${alert.code}) acknowledged by ${alert.acknowledgedBy}\n`);
      return CLI_EXIT.OK;
    }
    expectPositionals(positionals, []);
    const { alerts } = await client.get<{ alerts: AlertAnswer[] }>('/api/alerts');
    if (common.json) {
      printJson(io, { alerts });
      return CLI_EXIT.OK;
    }
    const rows = alerts.map((a) => [
      String(a.id),
      a.active ? 'active' : 'over',
      a.level,
      a.code,
      a.station ?? '-',
      age(a.ageSeconds),
      a.acknowledgedBy ?? '-',
      a.message,
    ]);
    io.stdout.write(
      alerts.length === 0
        ? 'no alerts\n'
        : `${formatTable(['ID', 'STATE', 'LEVEL', 'CODE', 'STATION', 'AGE', 'SEEN BY', 'MESSAGE'], rows)}\n`,
    );
    return CLI_EXIT.OK;
  },
};

function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
