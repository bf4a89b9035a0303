import { open } from 'node:fs/promises';
import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  type CliIo,
  COMMON_OPTIONS_HELP,
  type Command,
  cannotRead,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

/** The daemon's body limit; a bigger file is not one job record. */
const MAX_BYTES = 1024 * 1024;

const USAGE = `Usage: npm run cetak -- submit FILE [options]

Queues ONE job: FILE holds one JSON object with the job's fields (those of an import row: nik,
name, birthDate, sex, kecamatan, priority, requestId, ...). FILE "-" reads it from stdin. For many
jobs use "cetak import". Prints the new job's id and state.

If the daemon refuses the job, each problem is listed by field, never with the value.

${COMMON_OPTIONS_HELP}

Exit codes: 0 queued; 65 refused (invalid fields, a NIK already queued or printed, not JSON);
66 FILE cannot be read; 69 no daemon; 77 token refused.`;

interface Submitted {
  readonly id: string;
  readonly state: string;
}

export const submitCommand: Command = {
  name: 'submit',
  summary: 'queue one job from a JSON file (- for stdin)',
  usage: USAGE,
  async run(argv, io) {
    const { common, positionals } = parseCommandArgs(argv);
    const [file] = expectPositionals(positionals, ['FILE']) as [string];
    const name = file === '-' ? 'stdin' : file;
    const record = parseRecord(await readInput(file, io), name);
    const job = await connect(common, io).post<Submitted>('/api/jobs', record);
    if (common.json) printJson(io, { id: job.id, state: job.state });
    else io.stdout.write(`job ${job.id}: ${job.state}\n`);
    return CLI_EXIT.OK;
  },
};

async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === '-') return readCapped(io.stdin ?? process.stdin, 'stdin');
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    return await readCapped(handle.createReadStream(), file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw cannotRead(file, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readCapped(source: AsyncIterable<string | Uint8Array>, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_BYTES) {
      throw new CliError(
        CLI_EXIT.DATA_ERROR,
        `${name} is larger than ${MAX_BYTES / 1024} KiB, so it is not one job; use "cetak import" for many`,
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** One JSON object; a parse error says where, never what (the text is personal data). */
function parseRecord(text: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new CliError(
      CLI_EXIT.DATA_ERROR,
      text.trim() === ''
        ? `${name} is empty; it should hold one job as a JSON object`
        : `${name} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}; ` +
            'it should hold one job as a JSON object (several, one per line, go through "cetak import")',
    );
  }
  if (Array.isArray(value)) {
    throw new CliError(
      CLI_EXIT.DATA_ERROR,
      `${name} holds a list of ${value.length}; submit takes one job (a JSON object), "cetak import" takes many`,
    );
  }
  if (value === null || typeof value !== 'object') {
    throw new CliError(CLI_EXIT.DATA_ERROR, `${name} should hold one job as a JSON object`);
  }
  return value as Record<string, unknown>;
}
