import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isCetakError } from '../../errors.js';
import { makeJobInputSchema } from '../../jobs/job-input.js';
import { cardImageProblems, cardTextProblems } from '../../render/card-fit.js';
import { DEFAULT_LAYOUT_PATH, loadLayout } from '../../render/card-layout.js';
import { previewPng } from '../../render/card-preview.js';
import { renderCard } from '../../render/render-card.js';
import { problemLines, toFieldProblems } from '../../util/zod-issues.js';
import {
  CLI_EXIT,
  CliError,
  type Command,
  cannotRead,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

/** The daemon's body limit: a bigger file is not one job record. */
const MAX_BYTES = 1024 * 1024;

const USAGE = `Usage: npm run cetak -- preview FILE OUT.png [options]

Draws the card front of ONE job record on disk (the JSON object "cetak submit" takes) into OUT.png
as the printer would print it today. No daemon is needed. The record is checked as the daemon
checks it: a field that is not valid, or a value too long for its place on the card, is listed by
field, never with the value.

OUT.png shows a resident's data: it is created readable by its owner only, and an existing file is
kept unless --force.

Options:
  --layout FILE     card layout (default ${DEFAULT_LAYOUT_PATH.replace(/^.*\/config\//, 'config/')})
  --timezone ZONE   the office's time zone, for the date of issue (default Asia/Jakarta)
  --force           replace OUT.png if it exists
  --json            print {"file", "width", "height"} when done
  -h, --help        this help

Exit codes: 0 written; 64 bad command line; 65 the record is not valid or does not fit the card;
66 FILE cannot be read; 73 OUT.png exists (without --force) or cannot be written.`;

export const previewCommand: Command = {
  name: 'preview',
  summary: 'draw the card of a job record on disk into a PNG',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, {
      layout: { type: 'string' },
      timezone: { type: 'string' },
      force: { type: 'boolean' },
    });
    const [file, out] = expectPositionals(positionals, ['FILE', 'OUT.png']) as [string, string];
    const timeZone = (values.timezone as string | undefined) ?? 'Asia/Jakarta';
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw new CliError(CLI_EXIT.USAGE, `--timezone: unknown time zone "${timeZone.slice(0, 40)}"`);
    }
    const layout = loadCardLayout(values.layout as string | undefined);
    const now = io.clock.now();
    const card = checkedRecord(await readRecord(file), now, layout);
    const png = previewPng(renderCard(card, { issuedAt: now, timeZone }, layout));
    const target = resolve(out);
    try {
      await writeFile(target, png, { flag: values.force === true ? 'w' : 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' ? 'it exists; give --force to replace it' : (code ?? 'error');
      throw new CliError(CLI_EXIT.CANT_CREATE, `cannot write ${target}: ${why}`);
    }
    if (common.json) printJson(io, { file: target, width: 1016, height: 648 });
    else io.stdout.write(`wrote ${target} (1016 × 648 dots, the card front at 300 dpi)\n`);
    return CLI_EXIT.OK;
  },
};

function loadCardLayout(path: string | undefined) {
  try {
    return loadLayout(path === undefined ? undefined : resolve(path));
  } catch (error) {
    if (!isCetakError(error)) throw error;
    throw new CliError(CLI_EXIT.DATA_ERROR, error.message);
  }
}

async function readRecord(file: string): Promise<unknown> {
  let text: string;
  try {
    if ((await stat(file)).size > MAX_BYTES)
      throw new CliError(CLI_EXIT.DATA_ERROR, `${file} is over 1 MiB; it is not one job record`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw cannotRead(file, error);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Not quoted: the text is a resident's record.
    throw new CliError(CLI_EXIT.DATA_ERROR, `${file} is not JSON`);
  }
}

/**
 * The record as intake would store it (defaults filled in), or a `DATA_ERROR` listing its
 * problems by field. The kecamatan is not checked against a daemon's: there is none to ask.
 */
function checkedRecord(record: unknown, now: number, layout: ReturnType<typeof loadLayout>) {
  const kecamatan = (record as { kecamatan?: unknown } | null)?.kecamatan;
  const schema = makeJobInputSchema(typeof kecamatan === 'string' ? [kecamatan] : [], () => new Date(now));
  const parsed = schema.safeParse(record);
  const fail = (problems: string[]) => {
    const lines = problems.map((p) => `  - ${p}`).join('\n');
    return new CliError(CLI_EXIT.DATA_ERROR, `the record cannot be printed:\n${lines}`);
  };
  if (!parsed.success)
    throw fail(problemLines(toFieldProblems(parsed.error, record, { echoValue: () => false })));
  const { priority: _priority, requestId: _requestId, ...fields } = parsed.data;
  const card: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') card[key] = value;
  const problems = [...cardImageProblems(card), ...cardTextProblems(card, layout)];
  if (problems.length > 0) throw fail(problems);
  return card;
}
