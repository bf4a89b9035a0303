import { maskNik } from '../../jobs/nik.js';
import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  maskNiks,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- promote NIK [options]

The resident came to the counter: their queued backlog job becomes a walk-in, printed before the
backlog. Output shows the NIK masked to its first six digits.

${COMMON_OPTIONS_HELP}

Exit codes: 0 the job is a walk-in now; 64 the NIK is not 16 digits; 67 no queued job for this
NIK; 69 no daemon; 77 token refused.`;

/** The promoted job as the daemon shows it (NIK masked). */
interface PromotedJob {
  readonly id: string;
  readonly state: string;
  readonly nik: string;
  readonly kecamatan?: string;
  readonly priority: string;
}

export const promoteCommand: Command = {
  name: 'promote',
  summary: "make a resident's queued job a walk-in (they are at the counter)",
  usage: USAGE,
  async run(argv, io) {
    const { common, positionals } = parseCommandArgs(argv);
    const [nik] = expectPositionals(positionals, ['NIK']) as [string];
    if (!/^\d{16}$/.test(nik)) throw new CliError(CLI_EXIT.USAGE, 'the NIK must be 16 digits');
    const job = await connect(common, io).post<PromotedJob>('/api/jobs/promote', { nik });
    // The daemon masks the NIK; masked again in case an older one did not.
    const shown = { ...job, nik: maskNiks(String(job.nik ?? maskNik(nik))) };
    if (common.json) printJson(io, shown);
    else
      io.stdout.write(
        `job ${shown.id}: ${shown.state}, ${shown.priority} (NIK ${shown.nik}` +
          `${shown.kecamatan ? `, ${shown.kecamatan}` : ''})\n`,
      );
    return CLI_EXIT.OK;
  },
};
