import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MALLOC_TUNING } from '../../src/bin/malloc-tuning.js';
import { servicePaths } from '../../src/cli/data-dir-lookup.js';

// No systemd as PID 1 here: what can be checked is systemd's own verdict on the unit file
// (systemd-analyze verify needs no running systemd), the directives that matter, and that the
// install script parses and agrees with the unit and with where the CLI looks.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = 'scripts/service/linux';
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const unitText = read(`${DIR}/cetakd.service`);
const installScript = read(`${DIR}/install.sh`);
const uninstallScript = read(`${DIR}/uninstall.sh`);

/** The unit as section → key → values (a key may repeat); comments and blank lines dropped. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1] as string, current);
      continue;
    }
    const entry = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!entry || !current) throw new Error(`line ${index + 1} is not Key=value inside a section: ${line}`);
    const values = current.get(entry[1] as string) ?? [];
    values.push(entry[2] as string);
    current.set(entry[1] as string, values);
  }
  return sections;
}

const unit = parseUnit(unitText);
const service = unit.get('Service') ?? new Map<string, string[]>();
const one = (key: string): string => {
  const values = service.get(key);
  if (values?.length !== 1) throw new Error(`[Service] has ${values?.length ?? 0} ${key}=, expected 1`);
  return values[0] as string;
};
/** A `NAME=value` constant of a shell script. */
function shConstant(script: string, name: string): string {
  const match = new RegExp(`^${name}=(\\S+)$`, 'm').exec(script);
  if (!match) throw new Error(`no ${name}= in the script`);
  return match[1] as string;
}
const execStart = one('ExecStart').split(' ');
const argument = (flag: string) => execStart[execStart.indexOf(flag) + 1];

const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe('the systemd unit', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cetak-unit-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.skipIf(!systemdAnalyze)(
    `passes systemd-analyze verify without a warning${systemdAnalyze ? '' : ' (skipped: no systemd-analyze on this machine)'}`,
    () => {
      // verify insists the program exists; on a machine whose node lives elsewhere, point at it.
      const text = existsSync(execStart[0] as string)
        ? unitText
        : unitText.replace(`ExecStart=${execStart[0]}`, `ExecStart=${process.execPath}`);
      const file = join(scratch, 'cetakd.service');
      writeFileSync(file, text);
      const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(run.stderr + run.stdout).toBe('');
      expect(run.status).toBe(0);
    },
  );

  it('runs as a dynamic user in the serial and USB-printer groups, with owner-only files', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(service.has('User')).toBe(false);
    expect(one('SupplementaryGroups').split(' ').sort()).toEqual(['dialout', 'lp']);
    expect(one('UMask')).toBe('0077');
    expect(one('StateDirectoryMode')).toBe('0700');
    for (const key of ['ProtectSystem', 'ProtectHome', 'PrivateTmp', 'NoNewPrivileges', 'RestrictSUIDSGID']) {
      expect(service.has(key), key).toBe(true);
    }
    expect(one('ProtectSystem')).toBe('strict');
    // PrivateDevices would hide /dev/ttyUSB0 and /dev/usb/lp0.
    expect(service.has('PrivateDevices')).toBe(false);
    expect(one('RestartPreventExitStatus').split(' ').sort()).toEqual(['75', '78']);
  });

  it("sets glibc's malloc exactly as the daemon tunes itself where it can", () => {
    // Under systemd the daemon leaves malloc to the unit (MALLOC_ARENA_MAX is set): a unit with
    // other values would silently run the service differently from what was measured.
    const environment = Object.fromEntries(
      (service.get('Environment') ?? []).flatMap((line) => line.split(' ')).map((pair) => pair.split('=')),
    );
    expect(environment).toMatchObject(MALLOC_TUNING);
  });

  it('keeps its data and config where systemd makes them and where cetak looks', () => {
    const linux = servicePaths({ platform: 'linux', env: {} });
    expect(argument('--data-dir')).toBe(`/var/lib/${one('StateDirectory')}`);
    expect(argument('--data-dir')).toBe(linux?.dataDir);
    expect(argument('--config')).toBe(linux?.configFile);
    expect(argument('--config')).toBe(`/etc/${one('ConfigurationDirectory')}/cetak.yaml`);
    expect(shConstant(installScript, 'DATA_DIR')).toBe(linux?.dataDir);
    expect(shConstant(installScript, 'CONFIG_FILE')).toBe(linux?.configFile);
    expect(shConstant(uninstallScript, 'DATA_DIR')).toBe(linux?.dataDir);
    expect(one('WorkingDirectory')).toBe(shConstant(installScript, 'INSTALL_DIR'));
    expect(execStart[0]).toBe(shConstant(installScript, 'NODE'));
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('is installed under the name the scripts start and stop', () => {
    expect(existsSync(join(ROOT, DIR, `${shConstant(installScript, 'SERVICE')}.service`))).toBe(true);
    expect(shConstant(uninstallScript, 'SERVICE')).toBe(shConstant(installScript, 'SERVICE'));
  });
});

describe('the install scripts', () => {
  it.each(['install.sh', 'uninstall.sh'])('%s parses (bash -n)', (name) => {
    execFileSync('bash', ['-n', join(ROOT, DIR, name)]);
  });

  it.skipIf(!shellcheck).each(['install.sh', 'uninstall.sh'])(
    `%s passes shellcheck${shellcheck ? '' : ' (skipped: shellcheck is not installed)'}`,
    (name) => {
      const run = spawnSync('shellcheck', [join(ROOT, DIR, name)], { encoding: 'utf8' });
      expect(run.stdout).toBe('');
    },
  );

  it('refuses to run as anyone but root before touching anything', () => {
    const rootCheck = installScript.indexOf('[ "$(id -u)" -eq 0 ]');
    expect(rootCheck).toBeGreaterThan(0);
    for (const action of ['install -d', 'install -m', 'systemctl']) {
      expect(installScript.indexOf(action), action).toBeGreaterThan(rootCheck);
    }
    // Idempotent: an existing config is kept.
    expect(installScript).toContain('if [ ! -e "$CONFIG_FILE" ]; then');
  });
});
