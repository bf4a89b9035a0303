import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { SystemClock } from '../../clock/system-clock.js';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { isHardwareDriver, loadDriver, loadIdentityCheck } from '../../drivers/registry.js';
import { isCetakError } from '../../errors.js';
import {
  type FoundDataDir,
  type HostFacts,
  lookForDataDir,
  realHost,
  servicePaths,
} from '../data-dir-lookup.js';
import {
  CLI_EXIT,
  type CliIo,
  COMMON_OPTIONS_HELP,
  type Command,
  parseCommandArgs,
  printJson,
} from './cli-support.js';

const USAGE = `Usage: npm run cetak -- doctor [--config FILE] [options]

Checks what the daemon needs, one line each with what to do: the config, the data dir, and every
station's printer. A printer passes only when its identity (model, serial number, firmware), read
three times, comes back well-formed and the same each time; a failing line says what
was seen instead: nothing, garbage (a wrong speed?), another device, or answers that change.
Run it with the daemon stopped: a running daemon holds the printers' ports.

${COMMON_OPTIONS_HELP}
  --config FILE     the daemon's config. Default: the installed service's (/etc/cetak/cetak.yaml,
                    %ProgramData%\\Cetak\\cetak.yaml) when the data dir is the service's, or when
                    no data dir holds a job store yet and that file exists; else config/default.yaml

Exit codes: 0 all good; 69 something needs fixing (the lines say what); 78 the config is invalid.`;

interface Check {
  readonly what: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** How long a printer may take to answer before doctor calls it silent. */
const CONNECT_TIMEOUT_MS = 15_000;
const DOCTOR_COMMAND_TIMEOUT_S = 4;
/** How many times the identity is read: a babbling port can luck into one plausible answer, not three equal ones. */
const IDENTITY_ROUNDS = 3;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the config, the data dir and every printer before starting',
  usage: USAGE,
  async run(argv, io) {
    const { common, values } = parseCommandArgs(argv, { config: { type: 'string' } });
    const host = realHost(io.env);
    const dataDir = doctorDataDir(common.dataDir, host);
    const checks: Check[] = [];
    let config: Readonly<Config>;
    try {
      config = loadConfig(
        typeof values.config === 'string' ? values.config : doctorConfigFile(dataDir, host),
      );
      checks.push({
        what: 'config',
        ok: true,
        detail: `${config.kecamatan.length} kecamatan, ${stationCount(config)} stations`,
      });
    } catch (error) {
      report(io, common.json, [{ what: 'config', ok: false, detail: (error as Error).message }]);
      return 78;
    }
    checks.push(dataDirCheck(dataDir.dir));
    for (const kecamatan of config.kecamatan) {
      for (const stationConfig of kecamatan.stations) checks.push(await stationCheck(config, stationConfig));
    }
    report(io, common.json, checks);
    return checks.every((c) => c.ok) ? CLI_EXIT.OK : CLI_EXIT.UNAVAILABLE;
  },
};

/**
 * Doctor runs with the daemon stopped (no daemon.json), so a data dir is recognised by its job
 * store; before the first start, an installed service's config file says the service's dir is meant.
 */
export function doctorDataDir(given: string | undefined, host: HostFacts): FoundDataDir {
  const found = lookForDataDir(given, 'cetak.db', host);
  if ('dir' in found) return found;
  const service = servicePaths(host);
  if (service && host.probe(service.configFile) !== 'missing')
    return { dir: service.dataDir, source: 'service' };
  return { dir: resolve(host.cwd, 'data'), source: 'local' };
}

export function doctorConfigFile(dataDir: FoundDataDir, host: HostFacts): string {
  const service = servicePaths(host);
  return dataDir.source === 'service' && service ? service.configFile : DEFAULT_CONFIG_PATH;
}

function dataDirCheck(root: string): Check {
  const lock = join(root, 'cetakd.lock');
  if (!existsSync(root))
    return { what: 'data dir', ok: true, detail: `${root} will be created at first start` };
  if (existsSync(lock)) {
    const holder = readFileSync(lock, 'utf8').trim();
    return {
      what: 'data dir',
      ok: true,
      detail: `${root} — a daemon has it (${holder}); its printers' ports are busy`,
    };
  }
  return { what: 'data dir', ok: true, detail: root };
}

async function stationCheck(
  config: Readonly<Config>,
  stationConfig: Config['kecamatan'][number]['stations'][number],
): Promise<Check> {
  const what = `station ${stationConfig.id}`;
  if (!isHardwareDriver(stationConfig.driver))
    return { what, ok: true, detail: `${stationConfig.driver}: emulated, nothing to plug in` };
  const profile = config.profiles[stationConfig.profile];
  if (!profile) return { what, ok: false, detail: `unknown profile ${stationConfig.profile}` };
  const clock = new SystemClock();
  const checkIdentity = await loadIdentityCheck(stationConfig.driver);
  let proof = '';
  if (checkIdentity && stationConfig.port) {
    const result = await checkIdentity(stationConfig.port, {
      clock,
      timeoutMs: DOCTOR_COMMAND_TIMEOUT_S * 1000,
      rounds: IDENTITY_ROUNDS,
    });
    if (!result.passed) return { what, ok: false, detail: result.detail };
    proof = result.detail;
  }
  const driver = (await loadDriver(stationConfig.driver))({
    clock,
    log: pino({ level: 'silent' }),
    // Short command timeouts: a device that answers in another protocol is told apart from a
    // silent one well before the overall deadline.
    station: {
      ...stationConfig,
      link: { ...stationConfig.link, commandTimeoutSeconds: DOCTOR_COMMAND_TIMEOUT_S },
    },
    profile,
    site: { timeZone: config.site.timezone, ambient: config.site.ambient },
  });
  const stopTimer = new AbortController();
  const timeout = clock.sleep(CONNECT_TIMEOUT_MS, stopTimer.signal).then(() => {
    throw new Error(
      `no answer within ${CONNECT_TIMEOUT_MS / 1000} s on ${stationConfig.port}; is the printer on, and is it the right port?`,
    );
  });
  timeout.catch(() => undefined);
  try {
    const identity = await Promise.race([driver.connect(), timeout]);
    const problems = driver.status().problems;
    const seen =
      proof ||
      `${stationConfig.port}: passed, ${identity.model}, serial ${identity.serial}, firmware ${identity.firmware}`;
    return {
      what,
      ok: true,
      detail: `${seen}${problems.length > 0 ? `; needs attention: ${problems.join(', ')}` : ''}`,
    };
  } catch (error) {
    return { what, ok: false, detail: isCetakError(error) ? error.message : (error as Error).message };
  } finally {
    stopTimer.abort();
    await driver.close().catch(() => undefined);
  }
}

function stationCount(config: Readonly<Config>): number {
  return config.kecamatan.reduce((n, k) => n + k.stations.length, 0);
}

function report(io: CliIo, json: boolean, checks: readonly Check[]): void {
  if (json) {
    printJson(io, checks);
    return;
  }
  for (const check of checks)
    io.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.what}: ${check.detail}\n`);
}
