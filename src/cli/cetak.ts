/**
 * `cetak`: the operator's command line for a running daemon. This file only picks the command;
 * each command lives in `commands/`, HTTP in `api-client.ts`.
 */
import { pathToFileURL } from 'node:url';
import { SystemClock } from '../clock/system-clock.js';
import { backupCommand } from './commands/backup.js';
import { cancelCommand } from './commands/cancel.js';
import { CLI_EXIT, CliError, type CliIo, COMMON_OPTIONS_HELP, type Command } from './commands/cli-support.js';
import { doctorCommand } from './commands/doctor.js';
import { importCommand } from './commands/import.js';
import { reportCommand } from './commands/report.js';
import { reprintCommand } from './commands/reprint.js';
import { resolveCommand } from './commands/resolve.js';
import { statusCommand } from './commands/status.js';

const COMMANDS: readonly Command[] = [
  importCommand,
  statusCommand,
  resolveCommand,
  reprintCommand,
  cancelCommand,
  reportCommand,
  backupCommand,
  doctorCommand,
];

export const CETAK_USAGE = `Usage: npm run cetak -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join('\n')}

Run "npm run cetak -- <command> --help" for a command's arguments.

${COMMON_OPTIONS_HELP}

Exit codes: 0 done; 64 bad command line; 65 bad input or request refused; 66 input file unreadable;
69 no daemon running; 70 unexpected failure; 73 output file exists or cannot be written; 77 token refused.`;

/**
 * Runs one `cetak` command and resolves with its exit code. Never throws: errors are printed to
 * `io.stderr` as `cetak: …`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const out = name === undefined ? io.stderr : io.stdout;
    out.write(`${CETAK_USAGE}\n`);
    return name === undefined ? CLI_EXIT.USAGE : CLI_EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(`cetak: unknown command "${name.slice(0, 40)}"\n\n${CETAK_USAGE}\n`);
    return CLI_EXIT.USAGE;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return CLI_EXIT.OK;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`cetak ${command.name}: ${error.message}\n`);
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
