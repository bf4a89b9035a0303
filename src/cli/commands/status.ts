import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  formatTable,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- status [options]

The fleet at a glance: each station's state, today's cards against its target, its queue and any
problems. --json prints the daemon's whole answer.

${COMMON_OPTIONS_HELP}`;

/** The parts of `GET /api/status` shown here. */
interface StatusAnswer {
  readonly site: string;
  readonly now: string;
  readonly stations: ReadonlyArray<{
    readonly id: string;
    readonly kecamatan: string;
    readonly state: string;
    readonly problems?: readonly string[];
    readonly today?: { readonly printed: number; readonly spoiled: number; readonly target: number };
    readonly queue?: { readonly walkIn: number; readonly backlog: number };
  }>;
}

export const statusCommand: Command = {
  name: 'status',
  summary: "the fleet's stations, today's counts and queues",
  usage: USAGE,
  async run(argv, io) {
    const { common, positionals } = parseCommandArgs(argv);
    expectPositionals(positionals, []);
    const status = await connect(common, io).get<StatusAnswer>('/api/status');
    if (common.json) {
      printJson(io, status);
      return CLI_EXIT.OK;
    }
    const rows = status.stations.map((s) => [
      s.id,
      s.kecamatan,
      s.state,
      s.today ? `${s.today.printed}/${s.today.target}` : '-',
      s.today ? String(s.today.spoiled) : '-',
      s.queue ? `${s.queue.walkIn} + ${s.queue.backlog}` : '-',
      (s.problems ?? []).join(', ') || '-',
    ]);
    io.stdout.write(`${status.site} — ${status.now}\n`);
    io.stdout.write(
      `${formatTable(['STATION', 'KECAMATAN', 'STATE', 'PRINTED', 'SPOILED', 'QUEUE (walk-in + backlog)', 'PROBLEMS'], rows)}\n`,
    );
    return CLI_EXIT.OK;
  },
};
