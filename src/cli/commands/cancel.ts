import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';
import { describeJob, type JobAnswer } from './job-view.js';

const USAGE = `Usage: npm run cetak -- cancel JOB_ID [options]

Withdraws a queued job before it prints. A job already printing or done cannot be cancelled.

${COMMON_OPTIONS_HELP}

Exit codes: 0 cancelled; 65 refused (not queued); 67 no such job; 69 no daemon; 77 token refused.`;

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'withdraw a queued job',
  usage: USAGE,
  async run(argv, io) {
    const { common, positionals } = parseCommandArgs(argv);
    const [id] = expectPositionals(positionals, ['JOB_ID']) as [string];
    const job = await connect(common, io).post<JobAnswer>(`/api/jobs/${encodeURIComponent(id)}/cancel`, {});
    if (common.json) printJson(io, job);
    else io.stdout.write(`${describeJob(job)}\n`);
    return CLI_EXIT.OK;
  },
};
