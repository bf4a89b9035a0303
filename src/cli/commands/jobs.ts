import { PRIORITIES } from '../../jobs/job-input.js';
import type { JobState } from '../../store/job-store.js';
import { connect } from '../api-client.js';
import {
  CLI_EXIT,
  CliError,
  type CliIo,
  COMMON_OPTIONS_HELP,
  type Command,
  type CommonOptions,
  expectPositionals,
  formatTable,
  formatTime,
  maskNiks,
  parseCommandArgs,
  parseCount,
  printJson,
} from './cli-support.js';

const STATES = [
  'queued',
  'printing',
  'printed',
  'spoiled',
  'uncertain',
  'cancelled',
] as const satisfies readonly JobState[];

const USAGE = `Usage: npm run cetak -- jobs [--state S] [--kecamatan K] [--priority P] [--station ID] [--limit N] [--all] [options]
       npm run cetak -- jobs --nik NIK [options]

Lists jobs, newest first: id, state, NIK (masked to its first six digits), kecamatan, priority,
station, when created and when finished (UTC). One page by default; when there are more, the
last line (on stderr) says how to see the next one.

Options:
  --state S        ${STATES.join(', ')}
  --kecamatan K    one kecamatan's jobs (its id)
  --priority P     ${PRIORITIES.join(' or ')}
  --station ID     the jobs a station took
  --limit N        jobs per page (default: the daemon's)
  --before CURSOR  the page after the one that printed this cursor
  --all            every page, not just the first
  --nik NIK        every job of one resident, printed ones too, even after their card data was
                   erased (found by the NIK's keyed hash); not with the other filters
${COMMON_OPTIONS_HELP}

With --json: {"jobs": [...], "next": CURSOR|null}, the job fields as GET /api/jobs gives them.

Exit codes: 0 listed (even none); 64 bad option; 65 filter refused by the daemon; 69 no daemon;
77 token refused.`;

/** One job as `GET /api/jobs` lists it (the NIK comes masked). */
interface ListedJob {
  readonly id: string;
  readonly state: string;
  readonly nik: string;
  readonly kecamatan: string;
  readonly priority: string;
  readonly stationId: string | null;
  readonly createdAt: string | null;
  readonly finishedAt: string | null;
}

interface JobPage {
  readonly jobs: readonly ListedJob[];
  readonly next: string | null;
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'list jobs, newest first, by state, kecamatan, priority or station',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, {
      state: { type: 'string' },
      kecamatan: { type: 'string' },
      priority: { type: 'string' },
      station: { type: 'string' },
      limit: { type: 'string' },
      before: { type: 'string' },
      all: { type: 'boolean' },
      nik: { type: 'string' },
    });
    expectPositionals(positionals, []);
    if (typeof values.nik === 'string') return findByNik(values, common, io);
    const query = filterQuery(values);
    const client = connect(common, io);
    const jobs: ListedJob[] = [];
    let before = typeof values.before === 'string' ? values.before : undefined;
    let next: string | null;
    const seen = new Set<string>();
    for (;;) {
      const page = new URLSearchParams(query);
      if (before !== undefined) page.set('before', before);
      const answer = await client.get<JobPage>(`/api/jobs${page.size > 0 ? `?${page}` : ''}`);
      if (!Array.isArray(answer?.jobs)) {
        throw new CliError(CLI_EXIT.SOFTWARE, 'the daemon answered GET /api/jobs without a list of jobs');
      }
      jobs.push(...answer.jobs);
      next = typeof answer.next === 'string' ? answer.next : null;
      if (values.all !== true || next === null) break;
      // A daemon that hands back a cursor twice would keep us here for ever.
      if (seen.has(next)) throw new CliError(CLI_EXIT.SOFTWARE, `the daemon repeated the cursor "${next}"`);
      seen.add(next);
      before = next;
    }

    if (common.json) {
      printJson(io, { jobs, next });
      return CLI_EXIT.OK;
    }
    io.stdout.write(`${jobsTable(jobs, client.target.timeZone)}\n`);
    if (next !== null) {
      io.stderr.write(`more jobs: add --before ${next} for the next page, or --all for every page\n`);
    }
    return CLI_EXIT.OK;
  },
};

/** The options of a listing, which a lookup by NIK does not take. */
const LIST_OPTIONS = ['state', 'kecamatan', 'priority', 'station', 'limit', 'before', 'all'] as const;

/** `--nik`: one resident's jobs, by a POST so the NIK stays out of the URL. */
async function findByNik(
  values: Readonly<Record<string, string | boolean | undefined>>,
  common: CommonOptions,
  io: CliIo,
): Promise<number> {
  const nik = String(values.nik);
  if (!/^\d{16}$/.test(nik)) throw new CliError(CLI_EXIT.USAGE, '--nik must be 16 digits');
  const others = LIST_OPTIONS.filter((name) => values[name] !== undefined);
  if (others.length > 0) {
    throw new CliError(CLI_EXIT.USAGE, `--nik lists one resident's jobs; leave out --${others.join(', --')}`);
  }
  const client = connect(common, io);
  const answer = await client.post<{ jobs?: ListedJob[] }>('/api/jobs/find', { nik });
  if (!Array.isArray(answer?.jobs)) {
    throw new CliError(CLI_EXIT.SOFTWARE, 'the daemon answered POST /api/jobs/find without a list of jobs');
  }
  // The daemon masks the NIK; masked again in case an older one did not.
  const jobs = answer.jobs.map((job) => ({ ...job, nik: maskNiks(String(job.nik)) }));
  if (common.json) printJson(io, { jobs, next: null });
  else io.stdout.write(`${jobsTable(jobs, client.target.timeZone)}\n`);
  return CLI_EXIT.OK;
}

function jobsTable(jobs: readonly ListedJob[], timeZone: string | undefined): string {
  if (jobs.length === 0) return 'no jobs';
  return formatTable(
    ['ID', 'STATE', 'NIK', 'KECAMATAN', 'PRIORITY', 'STATION', 'CREATED', 'FINISHED'],
    jobs.map((job) => [
      job.id,
      job.state,
      job.nik,
      job.kecamatan,
      job.priority,
      job.stationId ?? '-',
      formatTime(job.createdAt, timeZone),
      formatTime(job.finishedAt, timeZone),
    ]),
  );
}

/** The query string of the filters, each checked so a typo is a usage error, not an empty list. */
function filterQuery(values: Readonly<Record<string, string | boolean | undefined>>): URLSearchParams {
  const query = new URLSearchParams();
  const oneOf = (name: string, known: readonly string[]) => {
    const value = values[name];
    if (typeof value !== 'string') return;
    if (!known.includes(value)) {
      throw new CliError(CLI_EXIT.USAGE, `--${name} must be one of ${known.join(', ')}`);
    }
    query.set(name, value);
  };
  oneOf('state', STATES);
  oneOf('priority', PRIORITIES);
  for (const name of ['kecamatan', 'station'] as const) {
    const value = values[name];
    if (typeof value === 'string') {
      if (value.trim() === '') throw new CliError(CLI_EXIT.USAGE, `--${name} needs a value`);
      query.set(name, value.trim());
    }
  }
  if (typeof values.limit === 'string') query.set('limit', String(parseCount(values.limit, '--limit')));
  return query;
}
