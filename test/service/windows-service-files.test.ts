import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { servicePaths } from '../../src/cli/data-dir-lookup.js';
import { only, parseXml, type XmlElement } from './tiny-xml.js';

// CI has no Windows: what can be checked here is that the files parse, use WinSW v2's element
// names as its XML reference documents them, and agree with each other and with the CLI.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = 'scripts/service/windows';
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const xmlFile = `${DIR}/cetakd.xml`;
const service = parseXml(read(xmlFile));
const install = read(`${DIR}/install.ps1`);
const uninstall = read(`${DIR}/uninstall.ps1`);

/** WinSW v2's top-level elements (its xmlConfigFile reference). */
const WINSW_V2_ELEMENTS = new Set([
  'id',
  'name',
  'description',
  'executable',
  'arguments',
  'startarguments',
  'stopexecutable',
  'stoparguments',
  'workingdirectory',
  'priority',
  'stoptimeout',
  'stopparentprocessfirst',
  'startmode',
  'delayedAutoStart',
  'depend',
  'log',
  'logpath',
  'env',
  'onfailure',
  'resetfailure',
  'serviceaccount',
  'interactive',
  'beeponshutdown',
  'download',
  'hidewindow',
  'waithint',
  'sleeptime',
  'securityDescriptor',
  'extensions',
]);

const text = (name: string) => only(service, name).text;
/** A `$Name = 'value'` constant of a PowerShell script. */
function psConstant(script: string, name: string): string {
  const match = new RegExp(`^\\$${name} = '([^']*)'$`, 'm').exec(script);
  if (!match) throw new Error(`no $${name} = '…' in the script`);
  return match[1] as string;
}
function argument(flag: string): string {
  const match = new RegExp(`${flag} (\\S+)`).exec(text('arguments'));
  if (!match) throw new Error(`no ${flag} in <arguments>`);
  return match[1] as string;
}

describe('the WinSW service definition', () => {
  it('uses only WinSW v2 elements, each where WinSW expects it', () => {
    expect(service.name).toBe('service');
    const unknown = service.children.map((c) => c.name).filter((n) => !WINSW_V2_ELEMENTS.has(n));
    expect(unknown).toEqual([]);
    for (const required of ['id', 'executable']) expect(text(required)).not.toBe('');
    expect(['Automatic', 'Manual', 'Boot', 'System', 'Disabled']).toContain(text('startmode'));
    expect(text('stoptimeout')).toMatch(/^\d+ (sec|secs|min|mins|hour|hours)$/);
    const failures = service.children.filter((c) => c.name === 'onfailure');
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(['restart', 'reboot', 'none']).toContain(failure.attributes.action);
      expect(failure.attributes.delay ?? '0 sec').toMatch(/^\d+ (sec|secs|min|mins|hour|hours|day|days)$/);
    }
    const log = only(service, 'log');
    expect(log.attributes.mode).toBe('roll-by-size');
    expect(log.children.map((c: XmlElement) => c.name).sort()).toEqual(['keepFiles', 'sizeThreshold']);
  });

  it('has the id WinSW derives from its own file name, and the wrapper copied under that name', () => {
    // WinSW looks for <its own base name>.xml beside itself: cetakd.exe reads cetakd.xml.
    expect(text('id')).toBe(basename(xmlFile, '.xml'));
    expect(text('id')).toMatch(/^[A-Za-z0-9]+$/);
    expect(psConstant(install, 'ServiceId')).toBe(text('id'));
    expect(psConstant(uninstall, 'ServiceId')).toBe(text('id'));
    expect(install).toContain('Join-Path $PSScriptRoot "$ServiceId.exe"');
    expect(read('.gitignore')).toContain(`${DIR}/${text('id')}.exe`);
  });

  it("runs as the service's own virtual account, without a password", () => {
    const account = only(service, 'serviceaccount');
    expect(account.children.map((c) => c.name).sort()).toEqual(['domain', 'user']);
    expect(only(account, 'domain').text).toBe('NT SERVICE');
    // A virtual account is always named after its service.
    expect(only(account, 'user').text).toBe(text('id'));
    expect(psConstant(install, 'ServiceAccount')).toBe(`NT SERVICE\\${text('id')}`);
  });

  it('keeps config, data and logs where install.ps1 makes them and where cetak looks', () => {
    const windows = servicePaths({
      platform: 'win32',
      env: { ProgramData: psConstant(install, 'ProgramDataDir') },
    });
    expect(argument('--data-dir')).toBe(windows?.dataDir);
    expect(argument('--config')).toBe(windows?.configFile);
    expect(psConstant(install, 'DataDir')).toBe(windows?.dataDir);
    expect(psConstant(install, 'ConfigFile')).toBe(windows?.configFile);
    expect(text('logpath')).toBe(psConstant(install, 'LogDir'));
    expect(psConstant(install, 'CetakRoot')).toBe(`${psConstant(install, 'ProgramDataDir')}\\Cetak`);
    expect(psConstant(uninstall, 'CetakRoot')).toBe(psConstant(install, 'CetakRoot'));
    for (const dir of ['DataDir', 'LogDir', 'ConfigFile']) {
      expect(psConstant(install, dir).startsWith(`${psConstant(install, 'CetakRoot')}\\`)).toBe(true);
    }
    expect(text('workingdirectory')).toBe(psConstant(install, 'InstallDir'));
    expect(text('executable')).toBe(psConstant(install, 'NodeExe'));
  });

  it('limits the folder to the service and Administrators, after the service exists', () => {
    const acl = install.split('\n').filter((line) => line.includes('icacls.exe $CetakRoot /'));
    expect(acl).toHaveLength(1);
    const line = acl[0] as string;
    expect(line).toContain('/inheritance:r');
    // PowerShell's "${Name}:…" is the constant Name followed by a colon.
    const grants = [...line.matchAll(/"\$\{(\w+)\}:\(OI\)\(CI\)F"/g)].map((m) =>
      psConstant(install, m[1] as string),
    );
    expect(grants).toEqual(['*S-1-5-32-544', 'NT SERVICE\\cetakd']);
    expect(line.match(/:\(OI\)\(CI\)/g)).toHaveLength(2);
    // The virtual account's name resolves only once the service is registered.
    expect(install.indexOf('& $wrapper install')).toBeLessThan(install.indexOf(line));
  });

  it.each([
    ['install.ps1', install],
    ['uninstall.ps1', uninstall],
  ])('%s has balanced brackets and quotes', (_name, script) => {
    // No PowerShell here to parse it; unbalanced blocks are the usual slip in an edited script.
    // One pass left to right, so a quote inside a comment or a # inside a string is no trap.
    const code = script.replace(/<#[\s\S]*?#>|#[^\n]*|'[^']*'|"(?:`.|[^"`])*"/g, (token) =>
      token.startsWith('#') || token.startsWith('<#') ? '' : 'S',
    );
    // A quote left over is a string that never closes.
    expect(code).not.toMatch(/["']/);
    const stack: string[] = [];
    const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
    for (const char of code) {
      if ('({['.includes(char)) stack.push(char);
      else if (char in pairs) expect(stack.pop()).toBe(pairs[char]);
    }
    expect(stack).toEqual([]);
  });
});
