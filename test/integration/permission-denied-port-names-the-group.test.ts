import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { NEEDS_SOCAT, SOCAT_INSTALLED, startPtyPair } from '../helpers/pty-pair.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Root can open any device: the check needs an unprivileged user, which only root can become. */
const NOBODY = 65534;
/** …and that user must be able to read this checkout (not so when it lives under /root). */
const AS_ROOT =
  process.getuid?.() === 0 &&
  spawnSync(
    process.execPath,
    ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'src/cli/cetak.ts'))})`],
    {
      uid: NOBODY,
      gid: NOBODY,
      stdio: 'ignore',
    },
  ).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'cetak-permission-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.skipIf(!SOCAT_INSTALLED || !AS_ROOT)(
  `a serial port the user may not open is reported with the group to join${NEEDS_SOCAT}${AS_ROOT ? '' : ' [SKIPPED: needs root, and a checkout other users can read, to run the check as another user]'}`,
  async () => {
    const pty = await startPtyPair();
    try {
      // The pseudo-terminal belongs to root (group tty, 0620), like a USB adapter's /dev/ttyUSB0
      // belongs to root:dialout: an ordinary user is refused.
      const config = join(dir, 'printer.yaml');
      writeFileSync(
        config,
        `kecamatan:\n  - id: a\n    name: A\n    stations:\n      - { id: real, driver: evolis, port: "serial:${pty.b}" }\n`,
      );
      chmodSync(dir, 0o777);
      chmodSync(config, 0o644);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/cetak.ts',
          'doctor',
          '--config',
          config,
          '--data-dir',
          join(dir, 'data'),
        ],
        {
          cwd: ROOT,
          uid: NOBODY,
          gid: NOBODY,
          env: { ...process.env, HOME: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout?.on('data', (chunk) => (output += String(chunk)));
      child.stderr?.on('data', (chunk) => (output += String(chunk)));
      const [code] = (await once(child, 'exit')) as [number];
      expect(code, output).toBe(69);
      expect(output).toMatch(/FAIL {2}station real: .*permission/i);
      expect(output).toContain('usermod -aG dialout');
    } finally {
      await pty.kill();
    }
  },
  30_000,
);
