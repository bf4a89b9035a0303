import { afterEach, describe, expect, it } from 'vitest';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

describe('cetak alerts and cetak stock', () => {
  it('lists alerts with their age and acknowledges one under a name', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    await daemon.clock.advance(3 * 60_000);
    const list = await runCli(['alerts', ...args, '--json']);
    expect(list.code).toBe(0);
    const alerts = JSON.parse(list.stdout).alerts as Array<{ id: number; code: string; active: boolean }>;
    const empty = alerts.find((a) => a.code === 'FEEDER-EMPTY' && a.active);
    expect(empty).toBeDefined();
    const table = await runCli(['alerts', ...args]);
    expect(table.stdout).toMatch(/^ID +STATE +LEVEL +CODE +STATION +AGE +SEEN BY +MESSAGE\n/);
    expect(table.stdout).toMatch(
      new RegExp(`\\n${empty?.id} +active +warning +FEEDER-EMPTY +sbu1-\\w +3 min +- `),
    );

    expect((await runCli(['alerts', 'ack', String(empty?.id), ...args])).code).toBe(64);
    expect((await runCli(['alerts', 'ack', '99999', '--by', 'Siti', ...args])).code).toBe(67);
    const ack = await runCli(['alerts', 'ack', String(empty?.id), '--by', 'Siti Rahma', ...args]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toBe(`alert ${empty?.id} (FEEDER-EMPTY) acknowledged by Siti Rahma\n`);
    const after = JSON.parse((await runCli(['alerts', ...args, '--json'])).stdout).alerts as Array<{
      id: number;
      acknowledgedBy: string | null;
    }>;
    expect(after.find((a) => a.id === empty?.id)?.acknowledgedBy).toBe('Siti Rahma');
  });

  it('records who counted the blanks, how many and when, and lists it', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    expect((await runCli(['stock', 'count', 'sbu1-a', 'forty', '--by', 'Budi', ...args])).code).toBe(64);
    expect((await runCli(['stock', 'count', 'sbu1-a', '40', ...args])).code).toBe(64);
    expect((await runCli(['stock', 'count', 'no-such', '40', '--by', 'Budi', ...args])).code).toBe(67);
    const count = await runCli(['stock', 'count', 'sbu1-a', '40', '--by', 'Budi', ...args]);
    expect(count.code).toBe(0);
    // As the office's clock shows it: Jakarta is UTC+7 all year (WIB).
    const at = `${new Date(daemon.clock.now() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} WIB`;
    expect(count.stdout).toBe(`sbu1-a: 40 blanks counted by Budi at ${at}; the books said 0 (+40)\n`);
    const list = await runCli(['stock', ...args]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`\\nsbu1-a +0 +0 +40 by Budi at ${at.replace(/\./g, '\\.')}\\n`));
  });
});
