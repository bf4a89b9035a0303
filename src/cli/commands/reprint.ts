import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  formatTime,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const REASONS = ['spoiled', 'lost', 'damaged', 'data-corrected'] as const;

const USAGE = `Usage: npm run cetak -- reprint NIK --reason ${REASONS.join('|')} [options]

Authorises one more card for a resident whose card was already printed; until then a new job for
that NIK is refused. Submit the new job afterwards (POST /api/jobs or import).

Options:
  --reason R   why: ${REASONS.join(', ')}
${COMMON_OPTIONS_HELP}

Exit codes: 0 authorised; 65 refused (no printed card for this NIK, bad NIK); 69 no daemon; 77 token refused.`;

interface ReprintAnswer {
  /** Masked by the daemon. */
  readonly nik: string;
  readonly reason: string;
  readonly at: string;
}

export const reprintCommand: Command = {
  name: 'reprint',
  summary: 'authorise another card for a NIK whose card was printed',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { reason: { type: 'string' } });
    const [nik] = expectPositionals(positionals, ['NIK']) as [string];
    const reason = values.reason;
    if (typeof reason !== 'string' || !(REASONS as readonly string[]).includes(reason)) {
      throw new CliError(CLI_EXIT.USAGE, `--reason must be one of ${REASONS.join(', ')}`);
    }
    const client = connect(common, io);
    const answer = await client.post<ReprintAnswer>('/api/reprints', { nik, reason });
    if (common.json) printJson(io, answer);
    else
      io.stdout.write(
        `reprint authorised for ${answer.nik} (${answer.reason}) at ${formatTime(answer.at, client.target.timeZone)}\n`,
      );
    return CLI_EXIT.OK;
  },
};
