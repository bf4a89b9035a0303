import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cetak-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.ts', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CETAK_LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  return { child, output: () => output };
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A raw TCP host: writes `ESC command CR`, collects CR-terminated lines. */
function rawHost(
  port: number,
): Promise<{ socket: Socket; ask: (command: string) => Promise<string>; closed: Promise<unknown> }> {
  const socket = connect(port, '127.0.0.1');
  const lines: string[] = [];
  let partial = '';
  socket.on('data', (chunk) => {
    const parts = (partial + chunk.toString('latin1')).split('\r');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  const ask = async (command: string) => {
    const before = lines.length;
    socket.write(`\x1b${command}\r`, 'latin1');
    return waitFor(() => lines[before], `a reply to ${command}`);
  };
  return once(socket, 'connect').then(() => ({ socket, ask, closed: once(socket, 'close') }));
}

describe('scripts/emulator.ts as a real process', () => {
  it('listens on TCP, answers the guide and its extensions, takes console actions, writes cards, drops on request, exits 0 on SIGTERM', async () => {
    const faults = join(dir, 'faults.yaml');
    const cards = join(dir, 'cards');
    writeFileSync(
      faults,
      'seed: 5\nstock: { feeder: 7 }\nfaults:\n  - { fault: cover-open, afterSeconds: 36000 }\n',
    );
    const { child, output } = start([
      ...['--tcp', '127.0.0.1:0', '--speed', '200', '--faults', faults],
      ...['--extensions', '--cards-dir', cards],
    ]);
    const exited = once(child, 'exit');
    try {
      const port = Number(
        await waitFor(
          () => /emulator listening on tcp:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1],
          'the listening line',
        ),
      );
      const host = await rawHost(port);
      expect(await host.ask('Rsn')).toBe('EMU0001');
      expect(await host.ask('Rfv')).toBe('EMU-2.0');
      expect(await host.ask('Rco;c')).toBe('0');
      expect(await host.ask('Xco')).toBe('feeder=7;hopper=100;ribbon=500;film=1000');
      expect(await host.ask('Xh;1')).toBe('OK');
      // 162.5 s of warm-up at 200× is under a second of wall time.
      const roller = async () => Number(/roller=([\d.]+)/.exec(await host.ask('Xt'))?.[1]);
      let rollerC = await roller();
      for (let i = 0; i < 100 && rollerC < 160; i++) {
        await sleep(50);
        rollerC = await roller();
      }
      expect(rollerC).toBeGreaterThanOrEqual(160);

      child.stdin?.write('fault cover-open\n');
      await waitFor(() => (output().includes('fault cover-open') ? true : undefined), 'the console answer');
      expect(await host.ask('Ss')).toBe('ERR COVER OPEN');
      child.stdin?.write('close-cover\nload-blanks\n');
      await waitFor(() => (output().includes('load-blanks: done') ? true : undefined), 'the console answer');
      expect(await host.ask('Xco')).toBe('feeder=100;hopper=100;ribbon=500;film=1000');

      expect(await host.ask('Pr;k')).toBe('OK');
      expect(await host.ask('Ss')).toBe('OK');
      expect(await host.ask('Se')).toBe('OK');
      expect(readdirSync(cards)).toEqual(['1-k.pbm']);

      expect(await host.ask('Xdbg;drop-connection')).toBe('OK');
      await host.closed;
      const again = await rawHost(port); // a new connection to the same printer
      expect(await again.ask('Rco;c')).toBe('1');
      again.socket.destroy();

      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a bad command line with exit 64 and a bad faults file with exit 78', async () => {
    const bad = start(['--tcp', 'nowhere']);
    expect((await once(bad.child, 'exit'))[0]).toBe(64);
    expect(bad.output()).toContain('--tcp must be HOST:PORT');
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- { fault: meteor, atCard: 1 }\n');
    const worse = start(['--tcp', '127.0.0.1:0', '--faults', file]);
    expect((await once(worse.child, 'exit'))[0]).toBe(78);
    expect(worse.output()).toContain('faults[0].fault');
  });
});
