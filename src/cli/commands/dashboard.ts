import { spawn } from 'node:child_process';
import { locateDaemon, tokenRefusedMessage } from '../daemon-locator.js';
import {
  CLI_EXIT,
  CliError,
  type CliIo,
  COMMON_OPTIONS_HELP,
  type Command,
  expectPositionals,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- dashboard [--open] [options]

Prints the link to the daemon's dashboard, with the token in the link's fragment (after #, which
the browser keeps to itself: it is never sent to the daemon or written to a log). Anyone with the
link can operate the fleet: do not paste it into chats or tickets.

Options:
  --open   also open it in the default browser ($BROWSER if set, else xdg-open, open on macOS,
           start on Windows); if that fails, the link is still printed
${COMMON_OPTIONS_HELP}

Exit codes: 0 printed; 69 no daemon runs with this data dir; 77 no token (give --token T or set
CETAK_TOKEN).`;

export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'print (or --open) the dashboard link, which carries the token',
  usage: USAGE,
  async run(argv, io) {
    const { common, values, positionals } = parseCommandArgs(argv, { open: { type: 'boolean' } });
    expectPositionals(positionals, []);
    const target = locateDaemon(common, io.env);
    if (target.token === undefined) {
      throw new CliError(CLI_EXIT.NO_PERMISSION, tokenRefusedMessage(target));
    }
    const url = `${browsable(target.url)}/#token=${encodeURIComponent(target.token)}`;
    if (common.json) printJson(io, { url });
    else io.stdout.write(`${url}\n`);
    io.stderr.write('this link carries the daemon token: do not share it\n');
    if (values.open === true) {
      const failure = await openInBrowser(url, io);
      if (failure !== undefined)
        io.stderr.write(`could not open a browser (${failure}); open the link above yourself\n`);
    }
    return CLI_EXIT.OK;
  },
};

/** A daemon listening on every address is reached from this PC's browser through loopback. */
function browsable(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  else if (parsed.hostname === '[::]') parsed.hostname = '[::1]';
  return parsed.href.replace(/\/$/, '');
}

/**
 * Starts the browser and resolves once it started (undefined) or could not (why). Does not wait
 * for it to end: some openers stay until the browser closes.
 */
function openInBrowser(url: string, io: CliIo): Promise<string | undefined> {
  const [command, args, verbatim] = opener(url, io.env);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, {
        detached: true,
        stdio: 'ignore',
        windowsVerbatimArguments: verbatim,
      });
    } catch (error) {
      resolve((error as Error).message);
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? `${command} not found` : error.message),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}

/** The command that opens a URL here: [command, args, windowsVerbatimArguments]. */
function opener(url: string, env: CliIo['env']): [string, string[], boolean] {
  const browser = env.BROWSER?.trim();
  if (browser) return [browser, [url], false];
  if (process.platform === 'darwin') return ['open', [url], false];
  if (process.platform === 'win32') {
    // `start` is a cmd built-in; its first quoted argument is a window title, hence the "". The
    // quotes keep cmd from reading a `&` in the URL as the end of the command; encodeURIComponent
    // left no `"` in it.
    return ['cmd', ['/c', 'start', '""', `"${url}"`], true];
  }
  return ['xdg-open', [url], false];
}
