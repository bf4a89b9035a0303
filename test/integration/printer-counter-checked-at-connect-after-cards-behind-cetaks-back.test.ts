import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { RawPrinterClient } from '../helpers/raw-printer-client.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-stock-at-connect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Alert = {
  code: string;
  station: string | null;
  active: boolean;
  detail: { printerCounted: number; booksCounted: number; jobIds: string[] } | null;
};

const command = (text: string) => Buffer.from(`\x1b${text}\r`, 'latin1');

// The printer is a separate process that outlives the daemon, as a real one does: while Cetak is
// stopped someone feeds a blank with another tool (`Si`, then `Ser` to the reject box). The next
// start compares the books with the printer's own counter (`Rco;c`) at connect and says so.
it('a blank fed while Cetak was stopped is found at the next connect, with both counts', async () => {
  const emulator = await spawnEmulator(['--tcp', '127.0.0.1:0', '--speed', '60', '--ambient', '30']);
  const config = join(dir, 'tcp.yaml');
  writeFileSync(
    config,
    [
      'site: { name: Stock test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
      'kecamatan:',
      '  - id: seberang-ulu-i',
      '    name: Seberang Ulu I',
      `    stations: [{ id: sbu1-net, driver: evolis, port: "${emulator.endpoint}", link: { pollSeconds: 1 } }]`,
    ].join('\n'),
  );
  const args = ['--config', config, '--data-dir', join(dir, 'data'), '--port', '0'];
  let daemon = await spawnDaemon(args);
  try {
    const response = await daemon.post('/api/jobs', syntheticResident(11));
    const { id } = (await response.json()) as { id: string };
    const job = await daemon.waitFor<{ state?: string }>(`/api/jobs/${id}`, (j) => j.state === 'printed');
    expect(job.state).toBe('printed');
    expect(await daemon.stop('SIGTERM')).toBe(0);

    const client = await RawPrinterClient.connect(emulator.endpoint);
    try {
      expect(await client.exchange(command('Si'), 5000)).toBe('OK');
      expect(await client.exchange(command('Ser'), 5000)).toBe('OK');
    } finally {
      client.close();
    }

    daemon = await spawnDaemon(args);
    const { alerts } = await daemon.waitFor<{ alerts: Alert[] }>('/api/alerts', (body) =>
      body.alerts.some((a) => a.code === 'STOCK_MISMATCH' && a.active),
    );
    const mismatch = alerts.find((a) => a.code === 'STOCK_MISMATCH');
    expect(mismatch).toMatchObject({ station: 'sbu1-net', active: true });
    expect(mismatch?.detail).toMatchObject({ printerCounted: 2, booksCounted: 1, jobIds: [id] });
  } finally {
    await daemon.stop('SIGTERM');
    await emulator.stop();
  }
}, 60_000);
