/**
 * Prints obviously fake residents, one JSON object per line (the generator is
 * `src/simulator/synthetic-residents.ts`, re-exported here for the scripts and tests that use it):
 *
 *   tsx scripts/synthetic-residents.ts [--count N] [--seed S] [--kecamatan ID]
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_SYNTHETIC_KECAMATAN, syntheticResidents } from '../src/simulator/synthetic-residents.js';

export {
  DEFAULT_SYNTHETIC_KECAMATAN,
  type SyntheticResident,
  syntheticResident,
  syntheticResidents,
} from '../src/simulator/synthetic-residents.js';

interface CliOptions {
  count: number;
  seed: number;
  kecamatan: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { count: 10, seed: 1, kecamatan: DEFAULT_SYNTHETIC_KECAMATAN };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--count') options.count = parseInteger(flag, value, 0);
    else if (flag === '--seed') options.seed = parseInteger(flag, value, Number.MIN_SAFE_INTEGER);
    else if (flag === '--kecamatan') options.kecamatan = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

function parseInteger(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${flag} needs an integer >= ${min}`);
  }
  return n;
}

function main(): void {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: synthetic-residents [--count N] [--seed S] [--kecamatan ID]\n`,
    );
    process.exitCode = 2;
    return;
  }
  for (const resident of syntheticResidents(options.count, options.seed, { kecamatan: options.kecamatan })) {
    process.stdout.write(`${JSON.stringify(resident)}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
