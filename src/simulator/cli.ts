import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT } from '../cli/exit-codes.js';
import { loadConfig } from '../config/load-config.js';
import { CetakError, isCetakError } from '../errors.js';
import { plotSvg } from './plot-svg.js';
import { reportTable } from './report-table.js';
import { checkScenarioAgainst, loadScenario, parseScenario } from './scenario.js';
import type { Policy } from './sim-config.js';
import { runSimulation } from './simulation.js';

export const SIMULATE_USAGE = `Usage: npm run simulate -- --config FILE [options]

Runs the real daemon on a virtual clock through simulated days, every printer emulated.

Options:
  --config FILE      the fleet's YAML config (required)
  --scenario FILE    the day: ambient, walk-ins, backlog, faults (default: backlog 400, no walk-ins)
  --policy P         thermal or fifo (default: the config's scheduler.policy)
  --days N           simulated days, 1-366 (default 1)
  --json             print one JSON object instead of the table
  --plot FILE        SVG plot of the first day (default without --json: simulation.svg)
  -h, --help         show this help

Exit codes: 0 done, 64 bad command line, 78 config or scenario missing or invalid, 70 failure.`;

export interface SimulateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where a relative --plot path (and the default plot) goes. */
  readonly cwd: string;
}

interface SimulateArgs {
  readonly config: string;
  readonly scenario: string | undefined;
  readonly policy: Policy | undefined;
  readonly days: number;
  readonly json: boolean;
  readonly plot: string | undefined;
  readonly help: boolean;
}

/** `npm run simulate`: returns the exit code; writes only through `io`, so tests run it in-process. */
export async function simulateMain(argv: readonly string[], io: SimulateIo): Promise<number> {
  try {
    const args = parseSimulateArgs(argv);
    if (args.help) {
      io.stdout(`${SIMULATE_USAGE}\n`);
      return EXIT.OK;
    }
    const config = loadConfig(resolve(io.cwd, args.config));
    const scenario = args.scenario ? loadScenario(resolve(io.cwd, args.scenario)) : parseScenario({});
    checkScenarioAgainst(scenario, config, args.scenario ?? 'scenario');
    const plotPath = args.plot ?? (args.json ? undefined : 'simulation.svg');
    const { report, plot } = await runSimulation({
      config,
      scenario,
      days: args.days,
      plot: plotPath !== undefined,
      ...(args.policy && { policy: args.policy }),
      ...(args.days > 1 && {
        onDay: (day: number, wall: number) =>
          io.stderr(`day ${day + 1}/${args.days} done, ${wall.toFixed(1)} s\n`),
      }),
    });
    if (plot && plotPath) {
      const path = resolve(io.cwd, plotPath);
      writeFileSync(path, plotSvg(plot, `Cetak simulation, policy ${report.policy}`));
      if (!args.json) io.stderr(`plot of the first day written to ${path}\n`);
    }
    io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : reportTable(report));
    return EXIT.OK;
  } catch (error) {
    if (isCetakError(error, 'USAGE')) {
      io.stderr(`simulate: ${error.message}\n\n${SIMULATE_USAGE}\n`);
      return EXIT.USAGE;
    }
    if (isCetakError(error, 'CONFIG_INVALID') || isCetakError(error, 'CONFIG_UNREADABLE')) {
      io.stderr(`simulate: ${error.message}\n`);
      return EXIT.CONFIG;
    }
    io.stderr(`simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.SOFTWARE;
  }
}

export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        scenario: { type: 'string' },
        policy: { type: 'string' },
        days: { type: 'string' },
        json: { type: 'boolean' },
        plot: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw usage((error as Error).message);
  }
  const help = values.help === true;
  const config = values.config as string | undefined;
  if (!config && !help) throw usage('--config FILE is required');
  const policy = values.policy as string | undefined;
  if (policy !== undefined && policy !== 'thermal' && policy !== 'fifo')
    throw usage(`--policy must be thermal or fifo, got "${policy}"`);
  const daysText = values.days as string | undefined;
  const days = daysText === undefined ? 1 : Number(daysText);
  if (daysText !== undefined && (!/^\d+$/.test(daysText) || days < 1 || days > 366))
    throw usage(`--days must be a whole number 1-366, got "${daysText}"`);
  const plot = values.plot as string | undefined;
  if (plot !== undefined && plot.trim() === '') throw usage('--plot needs a file name');
  return {
    config: config ?? '',
    scenario: values.scenario as string | undefined,
    policy: policy as Policy | undefined,
    days,
    json: values.json === true,
    plot,
    help,
  };
}

function usage(message: string): CetakError {
  return new CetakError('USAGE', message);
}
