import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';
import { describeJob, type JobAnswer } from './job-view.js';

const OUTCOMES = ['printed', 'spoiled'] as const;

const USAGE = `Usage: npm run cetak -- resolve JOB_ID printed|spoiled [--reason TEXT] [--chip-uid UID] [options]

Records what happened to an uncertain job's card (one that was in the printer when the daemon or
the link stopped), after looking at the printer: "printed" if a good card came out, "spoiled" if
not. A spoiled job's resident needs a new job.

Options:
  --reason TEXT    what you saw, kept in the job's journal (e.g. "card in reject tray")
  --chip-uid UID   the chip UID read from the card (8-20 hex digits)
${COMMON_OPTIONS_HELP}

Exit codes: 0 recorded; 65 refused (the job is not uncertain); 67 no such job; 69 no daemon; 77 token
refused.`;

export const resolveCommand: Command = {
  name: 'resolve',
  summary: "record whether an uncertain job's card came out printed or spoiled",
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, {
      reason: { type: 'string' },
      'chip-uid': { type: 'string' },
    });
    const [id, outcome] = expectPositionals(positionals, ['JOB_ID', 'printed|spoiled']) as [string, string];
    if (!(OUTCOMES as readonly string[]).includes(outcome)) {
      throw new CliError(
        CLI_EXIT.USAGE,
        `the outcome must be printed or spoiled, not "${outcome.slice(0, 20)}"`,
      );
    }
    const body = {
      outcome,
      ...(values.reason !== undefined && { reason: values.reason }),
      ...(values['chip-uid'] !== undefined && { chipUid: values['chip-uid'] }),
    };
    const job = await connect(common, io).post<JobAnswer>(
      `/api/jobs/${encodeURIComponent(id)}/resolve`,
      body,
    );
    if (common.json) printJson(io, job);
    else io.stdout.write(`${describeJob(job)}\n`);
    return CLI_EXIT.OK;
  },
};
