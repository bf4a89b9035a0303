/**
 * `cetak`: the operator's command line for a running daemon. This file only picks the command;
 * each command lives in `commands/`, HTTP in `api-client.ts`.
 */
import { pathToFileURL } from 'node:url';
import { SystemClock } from '../clock/system-clock.js';
import { ApiError } from './api-client.js';
import {
  CLI_EXIT,
  CliError,
  type CliIo,
  COMMON_OPTIONS_HELP,
  type Command,
  maskNiks,
} from './commands/cli-support.js';

/**
 * Each command is imported only when it runs: `cetak status` would otherwise load the config
 * schemas (zod), the renderer and the store's modules of the others (issue 15: most of its
 * start-up, `npm run bench:cli`). The keys are the commands' own names (a test checks).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  status: async () => (await import('./commands/status.js')).statusCommand,
  jobs: async () => (await import('./commands/jobs.js')).jobsCommand,
  submit: async () => (await import('./commands/submit.js')).submitCommand,
  preview: async () => (await import('./commands/preview.js')).previewCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  promote: async () => (await import('./commands/promote.js')).promoteCommand,
  resolve: async () => (await import('./commands/resolve.js')).resolveCommand,
  reprint: async () => (await import('./commands/reprint.js')).reprintCommand,
  cancel: async () => (await import('./commands/cancel.js')).cancelCommand,
  station: async () => (await import('./commands/station.js')).stationCommand,
  stock: async () => (await import('./commands/stock.js')).stockCommand,
  alerts: async () => (await import('./commands/alerts.js')).alertsCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  dashboard: async () => (await import('./commands/dashboard.js')).dashboardCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
};

/** The list of commands with their summaries: loads every command, which only `--help` needs. */
export async function cetakUsage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return `Usage: npm run cetak -- <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "npm run cetak -- <command> --help" for a command's arguments.

${COMMON_OPTIONS_HELP}

Exit codes: 0 done; 64 bad command line; 65 bad input or request refused; 66 input file unreadable;
67 not found (no such job, no queued job for the NIK, no such station); 69 no daemon running;
70 unexpected failure; 73 output file exists or cannot be written; 77 token refused.`;
}

/**
 * Runs one `cetak` command and resolves with its exit code. Never throws: errors are printed to
 * `io.stderr` as `cetak: …`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const out = name === undefined ? io.stderr : io.stdout;
    out.write(`${await cetakUsage()}\n`);
    return name === undefined ? CLI_EXIT.USAGE : CLI_EXIT.OK;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    io.stderr.write(`cetak: unknown command "${name.slice(0, 40)}"\n\n${await cetakUsage()}\n`);
    return CLI_EXIT.USAGE;
  }
  const command = await load();
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return CLI_EXIT.OK;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      // The daemon never quotes a whole NIK, but what it says is masked again: a NIK typed on the
      // command line must not end up in a terminal's scrollback or a script's log.
      const problems = error instanceof ApiError ? error.problems : [];
      io.stderr.write(`cetak ${command.name}: ${maskNiks(withoutProblems(error.message, problems))}\n`);
      for (const problem of problems) io.stderr.write(`  - ${maskNiks(problem)}\n`);
      if (error.exitCode === CLI_EXIT.USAGE) {
        io.stderr.write(
          `${command.usage.split('\n')[0]}\n(npm run cetak -- ${command.name} --help for more)\n`,
        );
      }
      return error.exitCode;
    }
    io.stderr.write(
      `cetak ${command.name}: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return CLI_EXIT.SOFTWARE;
  }
}

/** The daemon's message often ends with its problems joined (`job is not valid: a; b`); they are listed one a line. */
function withoutProblems(message: string, problems: readonly string[]): string {
  const joined = `: ${problems.join('; ')}`;
  return problems.length > 0 && message.endsWith(joined) ? message.slice(0, -joined.length) : message;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    clock: new SystemClock(),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
