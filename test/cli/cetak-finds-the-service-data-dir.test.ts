import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/commands/cli-support.js';
import { doctorConfigFile, doctorDataDir } from '../../src/cli/commands/doctor.js';
import { locateDaemon } from '../../src/cli/daemon-locator.js';
import {
  findDataDir,
  type HostFacts,
  type Probe,
  realHost,
  servicePaths,
} from '../../src/cli/data-dir-lookup.js';
import { DEFAULT_CONFIG_PATH } from '../../src/config/load-config.js';

/** A host whose file system is a set of paths: `found` ones exist, `denied` ones refuse a look. */
function fakeHost(
  platform: NodeJS.Platform,
  options: { cwd: string; env?: Record<string, string>; found?: string[]; denied?: string[] },
): HostFacts {
  const probe = (path: string): Probe =>
    options.found?.includes(path) ? 'found' : options.denied?.includes(path) ? 'denied' : 'missing';
  return { platform, env: options.env ?? {}, cwd: options.cwd, probe };
}

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('where cetak looks for the data dir without --data-dir', () => {
  it('takes --data-dir first, then CETAK_DATA_DIR, whatever the other places hold', () => {
    const host = fakeHost('linux', {
      cwd: '/home/op/cetak',
      env: { CETAK_DATA_DIR: '/srv/cetak' },
      found: ['/home/op/cetak/data/daemon.json', '/var/lib/cetak/daemon.json'],
    });
    expect(findDataDir('mine', 'daemon.json', host)).toEqual({
      dir: '/home/op/cetak/mine',
      source: 'option',
    });
    expect(findDataDir(undefined, 'daemon.json', host)).toEqual({ dir: '/srv/cetak', source: 'env' });
  });

  it('prefers ./data with a running daemon over the service, and falls back to the service', () => {
    const both = fakeHost('linux', {
      cwd: '/home/op/cetak',
      found: ['/home/op/cetak/data/daemon.json', '/var/lib/cetak/daemon.json'],
    });
    expect(findDataDir(undefined, 'daemon.json', both)).toEqual({
      dir: '/home/op/cetak/data',
      source: 'local',
    });
    const serviceOnly = fakeHost('linux', { cwd: '/home/op/cetak', found: ['/var/lib/cetak/daemon.json'] });
    expect(findDataDir(undefined, 'daemon.json', serviceOnly)).toEqual({
      dir: '/var/lib/cetak',
      source: 'service',
    });
  });

  it("on Windows, finds the service's data under %ProgramData%", () => {
    const host = fakeHost('win32', {
      cwd: 'C:\\Users\\op',
      env: { ProgramData: 'D:\\ProgramData' },
      found: ['D:\\ProgramData\\Cetak\\data\\daemon.json'],
    });
    expect(findDataDir(undefined, 'daemon.json', host)).toEqual({
      dir: 'D:\\ProgramData\\Cetak\\data',
      source: 'service',
    });
    expect(servicePaths({ platform: 'win32', env: {} })).toEqual({
      dataDir: 'C:\\ProgramData\\Cetak\\data',
      configFile: 'C:\\ProgramData\\Cetak\\cetak.yaml',
    });
  });

  it('names every place it looked, and says when a place needs root', () => {
    const host = fakeHost('linux', { cwd: '/home/op', denied: ['/var/lib/cetak/daemon.json'] });
    const error = failure(() => findDataDir(undefined, 'daemon.json', host));
    expect(error.exitCode).toBe(69);
    expect(error.message).toBe(
      [
        'no running daemon found; looked in:',
        '  --data-dir: not given',
        '  CETAK_DATA_DIR: not set',
        '  ./data /home/op/data: no daemon.json',
        "  the service's data dir /var/lib/cetak: permission denied (only the service and administrators may read it: run cetak as root (sudo))",
        'Start the daemon (npm start, or the cetakd service), or give --data-dir DIR, or --url URL with --token T',
      ].join('\n'),
    );
  });

  it('on Windows, tells a user without elevation to run as administrator', () => {
    const host = fakeHost('win32', {
      cwd: 'C:\\Cetak',
      env: { PROGRAMDATA: 'C:\\ProgramData' },
      denied: ['C:\\ProgramData\\Cetak\\data\\cetak.db'],
    });
    const message = failure(() => findDataDir(undefined, 'cetak.db', host)).message;
    expect(message).toContain('no data dir with a cetak.db found');
    expect(message).toContain('./data C:\\Cetak\\data: no cetak.db');
    expect(message).toContain('C:\\ProgramData\\Cetak\\data: permission denied');
    expect(message).toContain('run the command prompt as administrator');
  });

  it('has no service place on a system without service files', () => {
    const host = fakeHost('darwin', { cwd: '/Users/op', found: ['/var/lib/cetak/daemon.json'] });
    const message = failure(() => findDataDir(undefined, 'daemon.json', host)).message;
    expect(message).not.toContain('/var/lib/cetak');
    expect(message).toContain('./data /Users/op/data: no daemon.json');
  });
});

describe('doctor, run with the daemon stopped, checks the install it is meant for', () => {
  it("picks the service's config when the service's dir holds the store, or before its first start", () => {
    const stored = fakeHost('linux', { cwd: '/opt/cetak', found: ['/var/lib/cetak/cetak.db'] });
    const dir = doctorDataDir(undefined, stored);
    expect(dir).toEqual({ dir: '/var/lib/cetak', source: 'service' });
    expect(doctorConfigFile(dir, stored)).toBe('/etc/cetak/cetak.yaml');

    const installedNotStarted = fakeHost('linux', { cwd: '/opt/cetak', found: ['/etc/cetak/cetak.yaml'] });
    expect(doctorDataDir(undefined, installedNotStarted)).toEqual({
      dir: '/var/lib/cetak',
      source: 'service',
    });
  });

  it('keeps a clone with its own store, or with no service, on ./data and config/default.yaml', () => {
    const clone = fakeHost('linux', {
      cwd: '/home/dev/cetak',
      found: ['/home/dev/cetak/data/cetak.db', '/etc/cetak/cetak.yaml', '/var/lib/cetak/cetak.db'],
    });
    const dir = doctorDataDir(undefined, clone);
    expect(dir).toEqual({ dir: '/home/dev/cetak/data', source: 'local' });
    expect(doctorConfigFile(dir, clone)).toBe(DEFAULT_CONFIG_PATH);
    const fresh = fakeHost('linux', { cwd: '/home/dev/cetak' });
    expect(doctorDataDir(undefined, fresh)).toEqual({ dir: '/home/dev/cetak/data', source: 'local' });
  });
});

describe("cetak reaches the service's daemon with no flags", () => {
  const root = mkdtempSync(join(tmpdir(), 'cetak-service-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reads the service's daemon.json and token when ./data has no daemon", () => {
    const serviceDir = join(root, 'var/lib/cetak');
    mkdirSync(serviceDir, { recursive: true });
    writeFileSync(
      join(serviceDir, 'daemon.json'),
      JSON.stringify({ url: 'http://127.0.0.1:8787', pid: process.pid }),
    );
    writeFileSync(join(serviceDir, 'token'), 'service-token\n');
    const cwd = join(root, 'home/op');
    mkdirSync(join(cwd, 'data'), { recursive: true });
    const host = { ...realHost({}), platform: 'linux' as const, cwd, root };

    const target = locateDaemon({ dataDir: undefined, url: undefined, token: undefined }, {}, host);
    expect(target).toMatchObject({
      url: 'http://127.0.0.1:8787',
      token: 'service-token',
      tokenSource: { kind: 'file', path: join(serviceDir, 'token') },
      dataDir: serviceDir,
      dataDirSource: 'service',
    });
    const withEnvToken = locateDaemon(
      { dataDir: undefined, url: undefined, token: undefined },
      { CETAK_TOKEN: 'from-env' },
      host,
    );
    expect(withEnvToken).toMatchObject({
      token: 'from-env',
      tokenSource: { kind: 'env' },
      dataDir: serviceDir,
    });
  });

  it('says to start the service, not npm start, when the service stopped without cleaning up', () => {
    const serviceDir = join(root, 'stale/var/lib/cetak');
    mkdirSync(serviceDir, { recursive: true });
    const ended = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(
      join(serviceDir, 'daemon.json'),
      JSON.stringify({ url: 'http://127.0.0.1:8787', pid: ended }),
    );
    const host = { ...realHost({}), platform: 'linux' as const, cwd: root, root: join(root, 'stale') };
    const error = failure(() =>
      locateDaemon({ dataDir: undefined, url: undefined, token: undefined }, {}, host),
    );
    expect(error.message).toContain(`names process ${ended}, which has ended`);
    expect(error.message).toContain('Start the service with: sudo systemctl start cetakd');
  });
});
