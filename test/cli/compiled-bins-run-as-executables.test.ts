import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DAEMON_ENTRY, spawnDaemon } from '../helpers/spawn-daemon.js';

// What `npm ci` leaves (vitest's global setup ran the same build): package.json's bins run as
// programs, through their shebangs and run bits, with no tsx, and the compiled daemon serves the
// dashboard from dist/.
const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  bin: Record<string, string>;
};
const binPath = (name: string) => new URL(pkg.bin[name] ?? 'missing', ROOT).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'cetak-compiled-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('the compiled bins', () => {
  it.each(['cetak', 'cetakd'])('%s is an executable file with a node shebang', async (name) => {
    const path = binPath(name);
    expect(path).toMatch(new RegExp(`/dist/src/bin/${name}\\.js$`));
    expect(() => accessSync(path, constants.X_OK)).not.toThrow();
    expect(readFileSync(path, 'utf8')).toMatch(/^#!\/usr\/bin\/env (-S )?node[ \n]/);
    expect(readFileSync(path, 'utf8')).not.toContain('tsx');
    const { stdout } = await run(path, ['--help']);
    expect(stdout).toContain(name === 'cetak' ? 'npm run cetak -- <command> --help' : '--data-dir');
  });

  it('cetakd from dist serves /healthz and the dashboard, and cetak status --json reads it', async () => {
    const daemon = await spawnDaemon(['--data-dir', dataDir, '--port', '0']);
    try {
      expect(daemon.child.spawnargs).toContain(DAEMON_ENTRY);
      expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
      const page = await fetch(`${daemon.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync(new URL('src/dashboard/index.html', ROOT), 'utf8'));
      const script = await fetch(`${daemon.url}/dashboard/app.js`);
      expect(await script.text()).toBe(readFileSync(new URL('src/dashboard/app.js', ROOT), 'utf8'));

      const { stdout } = await run(binPath('cetak'), ['status', '--json', '--data-dir', dataDir]);
      const status = JSON.parse(stdout) as { stations: Array<{ id: string }> };
      expect(status.stations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await daemon.stop();
    }
  });
});
