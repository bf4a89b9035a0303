import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { NEEDS_SOCAT, SOCAT_INSTALLED, startPtyPair } from '../helpers/pty-pair.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';
import { runCli } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configWith(stations: string[]): string {
  const file = join(dir, `doctor-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    ['kecamatan:', '  - id: a', '    name: A', '    stations:', ...stations.map((s) => `      - ${s}`)].join(
      '\n',
    ),
  );
  return file;
}

it('passes an emulated fleet and names a missing printer port with what to do', async () => {
  const good = await runCli([
    'doctor',
    '--config',
    configWith(['{ id: emu, driver: emulator }']),
    '--data-dir',
    dir,
  ]);
  expect(good.code).toBe(0);
  expect(good.stdout).toContain('ok    station emu');

  const missing = configWith([
    '{ id: emu, driver: emulator }',
    '{ id: real, driver: evolis, port: "serial:/dev/ttyCETAK9" }',
  ]);
  const bad = await runCli(['doctor', '--config', missing, '--data-dir', dir]);
  expect(bad.code).toBe(69);
  expect(bad.stdout).toMatch(/FAIL {2}station real: .*\/dev\/ttyCETAK9 does not exist/);

  const invalid = await runCli([
    'doctor',
    '--config',
    configWith(['{ id: x, driver: evolsi }']),
    '--data-dir',
    dir,
  ]);
  expect(invalid.code).toBe(78);
  expect(invalid.stdout).toContain('unknown driver "evolsi"');
});

it.skipIf(!SOCAT_INSTALLED)(
  `identifies a printer on a serial port${NEEDS_SOCAT}`,
  async () => {
    const pty = await startPtyPair();
    const emulator = await spawnEmulator(['--serial', pty.a, '--serial-number', 'SN-DOCTOR-1']);
    try {
      const result = await runCli([
        'doctor',
        '--config',
        configWith([`{ id: real, driver: evolis, port: "serial:${pty.b}" }`]),
        '--data-dir',
        dir,
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /ok {4}station real: serial:\/dev\/pts\/\d+: passed, .*serial SN-DOCTOR-1/,
      );
    } finally {
      await emulator.stop();
      await pty.kill();
    }
  },
  30_000,
);

it('tells a device that answers in another dialect from a silent one', async () => {
  // Something on the port that talks, but not the escape-command dialect (another printer model,
  // a wrong baud rate garbling every byte).
  const server = createServer((socket) =>
    socket.on('data', () => socket.write('\x02PRINTER READY 00\x03\r\n')),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await runCli([
      'doctor',
      '--config',
      configWith([`{ id: other, driver: evolis, port: "tcp://127.0.0.1:${port}" }`]),
      '--data-dir',
      dir,
    ]);
    expect(result.code).toBe(69);
    expect(result.stdout).toMatch(/FAIL {2}station other: answered garbage .*not the Evolis reply format/);
    expect(result.stdout).toContain('baud');
  } finally {
    server.close();
  }
}, 30_000);
