import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { NEEDS_SOCAT, SOCAT_INSTALLED, startPtyPair } from '../helpers/pty-pair.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';
import { runCli } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-doctor-proof-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `cetak doctor` on one evolis station at `port`: its exit code and the station's one line. */
async function doctor(port: string): Promise<{ code: number; line: string; lines: number }> {
  const config = join(dir, `doctor-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    config,
    [
      'kecamatan:',
      '  - id: a',
      '    name: A',
      '    stations:',
      `      - { id: s1, driver: evolis, port: "${port}" }`,
    ].join('\n'),
  );
  const result = await runCli(['doctor', '--config', config, '--data-dir', join(dir, 'data')]);
  const stationLines = result.stdout.split('\n').filter((line) => line.includes('station s1'));
  return { code: result.code, line: stationLines[0] ?? '', lines: stationLines.length };
}

/**
 * A pseudo-terminal at `link` whose far end is `far` (a socat address): what a USB serial
 * adapter with that device behind it looks like to doctor. socat runs in its own process group,
 * so a `far` program is stopped with it.
 */
async function ptyTo(name: string, far: string): Promise<string> {
  const link = join(dir, name);
  const child: ChildProcess = spawn('socat', ['-d', '-d', `PTY,link=${link},raw,echo=0`, far], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const exited = once(child, 'exit');
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    await exited;
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat did not start:\n${stderr}`)), 5_000);
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      if (stderr.includes('starting data transfer loop') || stderr.includes('PTY is')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return `serial:${link}`;
}

const ESC = String.fromCharCode(0x1b);

/** A TCP device that answers every command line with `answer(n)` (n counts the lines). */
async function tcpDevice(answer: (line: string, n: number) => string): Promise<string> {
  let count = 0;
  const server: Server = createServer((socket) => {
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let end = pending.indexOf('\r');
      while (end >= 0) {
        const line = pending.slice(0, end);
        socket.write(answer(line.startsWith(ESC) ? line.slice(1) : line, count++));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\r');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A failing station's line must never offer the word an operator skims for. */
function expectFailure(result: { code: number; line: string; lines: number }, says: RegExp): void {
  expect(result.code).toBe(69);
  expect(result.lines).toBe(1);
  expect(result.line).toMatch(/^FAIL {2}station s1: /);
  expect(result.line).toMatch(says);
  expect(result.line).not.toMatch(/\bok\b/i);
}

it.skipIf(!SOCAT_INSTALLED)(
  `a port that babbles random bytes fails as garbage, with the byte count${NEEDS_SOCAT}`,
  async () => {
    const port = await ptyTo('urandom', 'OPEN:/dev/urandom');
    const result = await doctor(port);
    expectFailure(result, /answered garbage on serial:.* \(\d+ bytes, not the Evolis reply format\).*baud/);
  },
  30_000,
);

it.skipIf(!SOCAT_INSTALLED)(
  `a silent far end fails as nothing answered${NEEDS_SOCAT}`,
  async () => {
    const port = await ptyTo('silent', 'EXEC:sleep 600');
    expectFailure(await doctor(port), /nothing answered on serial:.*: no byte came back to Rtp within 4 s/);
  },
  30_000,
);

it.skipIf(!SOCAT_INSTALLED)(
  `an echoing far end fails as another device${NEEDS_SOCAT}`,
  async () => {
    const port = await ptyTo('echo', 'PIPE');
    expectFailure(await doctor(port), /another device on serial:.*sends back the commands it is given/);
  },
  30_000,
);

it.skipIf(!SOCAT_INSTALLED)(
  `the real emulator on a serial pair passes, saying so${NEEDS_SOCAT}`,
  async () => {
    const pty = await startPtyPair();
    const emulator = await spawnEmulator(['--serial', pty.a, '--serial-number', 'SN-PROOF-7']);
    cleanups.push(() => pty.kill());
    cleanups.push(async () => {
      await emulator.stop();
    });
    const result = await doctor(`serial:${pty.b}`);
    expect(result.code).toBe(0);
    expect(result.lines).toBe(1);
    expect(result.line).toMatch(
      /^ok {4}station s1: serial:\/dev\/pts\/\d+: passed, Cetak Retransfer Emulator, serial SN-PROOF-7, firmware EMU-2\.0 \(the same in 3 identity reads\)$/,
    );
  },
  40_000,
);

it('a device that answers well-formed lines but no Evolis identity fails as another device, even when it says OK', async () => {
  const port = await tcpDevice(() => 'OK\r');
  expectFailure(
    await doctor(port),
    /another device on tcp:.*well-formed lines, but not with an Evolis identity \(Rtp answered a bare acknowledgement/,
  );
  const talker = await tcpDevice(() => 'PRINTER READY\r');
  expectFailure(
    await doctor(talker),
    /another device on tcp:.*Rsn answered "PRINTER READY" where a printer gives a serial number/,
  );
}, 30_000);

it('a printer-like device whose serial changes between reads fails as inconsistent', async () => {
  const answers: Record<string, (n: number) => string> = {
    Rtp: () => 'Evolis Primacy',
    Rsn: (n) => `SN${String(n).padStart(6, '0')}`,
    Rfv: () => '1.2.3',
  };
  const port = await tcpDevice((line, n) => `${answers[line]?.(n) ?? 'ERR CMD'}\r`);
  expectFailure(
    await doctor(port),
    /answers inconsistent on tcp:.*Rsn said "SN000001", then "SN000004" in read 2 of 3/,
  );
}, 30_000);
