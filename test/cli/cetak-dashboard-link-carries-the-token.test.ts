import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-dashboard-'));
let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOTE = 'this link carries the daemon token: do not share it\n';

describe('cetak dashboard', () => {
  it("prints the daemon's address with the data dir's token in the fragment, and a warning", async () => {
    daemon = await startListeningDaemon();
    const token = readFileSync(join(daemon.dataDir, 'token'), 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    const run = await runCli(['dashboard', '--data-dir', daemon.dataDir]);
    expect(run).toEqual({ code: 0, stdout: `${daemon.url}/#token=${token}\n`, stderr: NOTE });

    const json = await runCli(['dashboard', '--data-dir', daemon.dataDir, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ url: `${daemon.url}/#token=${token}` });
    // The link's address is where that daemon answers.
    expect((await fetch(new URL('/api/status', run.stdout.trim()))).ok).toBe(true);
  });

  it('points a daemon listening on every address at loopback, and encodes a configured token', async () => {
    const data = join(dir, 'any-address');
    mkdirSync(data);
    writeFileSync(
      join(data, 'daemon.json'),
      JSON.stringify({ url: 'http://0.0.0.0:8787', pid: process.pid }),
    );
    const run = await runCli(['dashboard', '--data-dir', data, '--token', 'kunci rahasia&16+']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('http://127.0.0.1:8787/#token=kunci%20rahasia%2616%2B\n');
  });

  it('exits 77 without a token and 69 without a daemon', async () => {
    const data = join(dir, 'no-token');
    mkdirSync(data);
    writeFileSync(
      join(data, 'daemon.json'),
      JSON.stringify({ url: 'http://127.0.0.1:8787', pid: process.pid }),
    );
    const noToken = await runCli(['dashboard', '--data-dir', data]);
    expect(noToken.code).toBe(77);
    expect(noToken.stdout).toBe('');
    expect(noToken.stderr).toContain(`${join(data, 'token')} does not exist`);

    const noDaemon = await runCli(['dashboard', '--data-dir', join(dir, 'nothing')]);
    expect(noDaemon.code).toBe(69);
  });

  it.skipIf(process.platform === 'win32')('--open hands the link to $BROWSER', async () => {
    daemon = await startListeningDaemon();
    const opened = join(dir, 'opened.txt');
    const browser = join(dir, 'fake-browser.sh');
    writeFileSync(
      browser,
      `#!/bin/sh\nprintf '%s' "$1" > '${opened}.tmp' && mv '${opened}.tmp' '${opened}'\n`,
    );
    chmodSync(browser, 0o755);
    const run = await runCli(['dashboard', '--open', '--data-dir', daemon.dataDir], {
      env: { BROWSER: browser },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(NOTE);
    await vi.waitFor(() => expect(existsSync(opened)).toBe(true), { timeout: 5000, interval: 5 });
    expect(readFileSync(opened, 'utf8')).toBe(run.stdout.trim());
  });

  it('--open fails softly: the link is printed, the exit code is 0', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli(['dashboard', '--open', '--data-dir', daemon.dataDir], {
      env: { BROWSER: join(dir, 'no-such-browser') },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+\n$/);
    expect(run.stderr).toContain('could not open a browser (');
    expect(run.stderr).toContain('open the link above yourself');
  });
});
