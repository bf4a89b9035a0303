import { startProgress } from '../../import/import-progress.js';
import {
  type BatchJob,
  type BatchResult,
  emptyCounts,
  type ImportSummary,
  importRows,
  type ReportedRow,
} from '../../import/importer.js';
import { JOB_COLUMNS, REQUIRED_COLUMNS } from '../../import/job-columns.js';
import { openRowSource, ROW_FORMATS, type RowFormat, type RowSource } from '../../import/row-source.js';
import { InputRefused } from '../../import/source-row.js';
import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  COMMON_OPTIONS_HELP,
  type Command,
  cannotRead,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- import FILE [--format csv|jsonl] [options]

Queues the jobs in FILE: a CSV file whose header row names the job fields, or JSON Lines (one job
object per line; .jsonl or .ndjson, or a file whose first character is "{").

  CSV: RFC 4180 quoting (commas, quotes and line breaks inside "..."), UTF-8 with or without a BOM,
  CRLF or LF. Cells are trimmed; an empty cell means the field is absent. Blank rows are skipped.
  Columns: ${wrap(JOB_COLUMNS, 11)}.
  Required: ${wrap(REQUIRED_COLUMNS, 12)}.

Rows go to the daemon in batches of 500, each with a requestId derived from its content (unless it
has one), so importing the same file again stores nothing twice. A row longer than 64 KiB or not
valid UTF-8 is rejected on its own; the rest go on.

Prints each rejected row as "line N: field: reason; ..." (never the row's content), then
"accepted N, duplicates N, rejected N". With --json: one JSON object per reported row, then the
summary object. Progress is shown on stderr when it is a terminal.

Options:
  --format csv|jsonl   override the format the file name or content suggests

${COMMON_OPTIONS_HELP}

Exit codes: 0 every row accepted or a duplicate; 65 some rows rejected (the good ones are queued)
or the file's header is unusable (nothing sent); 66 FILE cannot be read; 69 no daemon; 77 token
refused.`;

/** Response of `POST /api/jobs/batch`. */
interface BatchAnswer {
  readonly results: readonly BatchResult[];
}

export const importCommand: Command = {
  name: 'import',
  summary: 'queue the jobs in a CSV or JSON Lines file',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
    const [file] = expectPositionals(positionals, ['FILE']) as [string];
    const format = parseFormat(values.format);
    const client = connect(common, io, 120_000);
    const source = await open(file, format);

    const counts = emptyCounts();
    const started = io.clock.now();
    const progress = io.stderrIsTty
      ? startProgress({
          write: (t) => io.stderr.write(t),
          clock: io.clock,
          counts,
          bytesRead: source.bytesRead,
          size: source.size,
        })
      : undefined;
    const show = (row: ReportedRow) => {
      progress?.clear();
      if (common.json) printJson(io, row);
      else io.stdout.write(`${describeRow(row)}\n`);
    };
    let summary: ImportSummary;
    try {
      summary = await importRows({
        rows: source.rows,
        counts,
        onReported: show,
        send: async (jobs: readonly BatchJob[]) =>
          (await client.post<BatchAnswer>('/api/jobs/batch', { jobs }, { retries: 2 })).results,
      });
    } catch (error) {
      throw inputError(error, file);
    } finally {
      progress?.stop();
    }

    const { read, accepted, duplicates, rejected } = summary;
    const processed = accepted + duplicates + rejected;
    if (summary.stopped === undefined || processed > 0) {
      if (common.json) printJson(io, { rows: read, accepted, duplicates, rejected });
      else io.stdout.write(`accepted ${accepted}, duplicates ${duplicates}, rejected ${rejected}\n`);
    }
    if (io.stderrIsTty) {
      const seconds = (io.clock.now() - started) / 1000;
      io.stderr.write(
        `${read} rows in ${seconds.toFixed(1)} s (${Math.round(read / Math.max(seconds, 0.001))} rows/s)\n`,
      );
    }
    if (summary.stopped !== undefined) throw stoppedError(summary.stopped, processed);
    return rejected > 0 ? CLI_EXIT.DATA_ERROR : CLI_EXIT.OK;
  },
};

function parseFormat(value: string | boolean | undefined): RowFormat | undefined {
  if (value === undefined) return undefined;
  if (!(ROW_FORMATS as readonly unknown[]).includes(value)) {
    throw new CliError(CLI_EXIT.USAGE, `--format must be one of ${ROW_FORMATS.join(', ')}`);
  }
  return value as RowFormat;
}

async function open(file: string, format: RowFormat | undefined): Promise<RowSource> {
  try {
    return await openRowSource(file, format);
  } catch (error) {
    throw inputError(error, file);
  }
}

/** `line 17: nik: …; sex: …`, or for a duplicate the daemon explained, `line 17 (duplicate): …`. */
export function describeRow(row: ReportedRow): string {
  const label = row.outcome === 'rejected' ? `line ${row.line}` : `line ${row.line} (${row.outcome})`;
  return `${label}: ${row.problems.join('; ')}`;
}

function inputError(error: unknown, file: string): unknown {
  if (error instanceof InputRefused) {
    return new CliError(CLI_EXIT.DATA_ERROR, `${file}: ${error.message}\nnothing was imported`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return cannotRead(file, error);
  return error;
}

function stoppedError(stopped: NonNullable<ImportSummary['stopped']>, processed: number): CliError {
  const cause = stopped.error;
  const exitCode = cause instanceof CliError ? cause.exitCode : CLI_EXIT.SOFTWARE;
  const why = cause instanceof Error ? cause.message : String(cause);
  if (processed === 0) return new CliError(exitCode, `nothing was imported: ${why}`, { cause });
  return new CliError(
    exitCode,
    `import stopped at line ${stopped.line}: ${why}\n` +
      `rows before line ${stopped.line} were processed; run the same import again to finish ` +
      '(rows already stored then count as duplicates)',
    { cause },
  );
}

/** Names joined by commas, a line break (and `indent` spaces) after every eight. */
function wrap(names: readonly string[], indent: number): string {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 8) lines.push(names.slice(i, i + 8).join(', '));
  return lines.join(`,\n${' '.repeat(indent)}`);
}
