import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { renderCard } from '../../src/render/render-card.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  DOTS_PER_LINE,
  LINES,
  monoPanelToCardRows,
} from '../protocol/guide-decoder.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-guide-tcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chipWriter = JSON.stringify({
  encoder: 'command',
  program: process.execPath,
  args: [fileURLToPath(new URL('../helpers/uid-from-job.mjs', import.meta.url))],
});

/** A binary PBM or PGM file's size and pixels. */
function image(path: string): { magic: string; width: number; height: number; pixels: Buffer } {
  const bytes = readFileSync(path);
  const header = /^(P[45])\n(\d+) (\d+)\n(?:(\d+)\n)?/.exec(bytes.toString('latin1', 0, 40));
  if (!header) throw new Error(`${path} is not a binary PBM/PGM`);
  return {
    magic: header[1] as string,
    width: Number(header[2]),
    height: Number(header[3]),
    pixels: bytes.subarray(header[0].length),
  };
}

// The daemon and the stand-alone emulator as two processes on TCP, the emulator speaking only the
// Programming Guide (no `--extensions`): no temperatures, no heater control, no status read. The
// card still prints, its chip is personalised by a program at the contactless station, and what
// the emulator printed — written to --cards-dir — is the face Cetak rendered, as the guide decodes it.
it('prints a resident’s card on an evolis station whose printer speaks only the guide', async () => {
  const cards = join(dir, 'cards');
  const emulator = await spawnEmulator([
    '--tcp',
    '127.0.0.1:0',
    '--speed',
    '60',
    '--ambient',
    '30',
    '--cards-dir',
    cards,
  ]);
  const config = join(dir, 'tcp.yaml');
  writeFileSync(
    config,
    [
      'site: { name: Guide-only test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
      'kecamatan:',
      '  - id: seberang-ulu-i',
      '    name: Seberang Ulu I',
      `    stations: [{ id: sbu1-net, driver: evolis, port: "${emulator.endpoint}", link: { pollSeconds: 1 }, chip: ${chipWriter} }]`,
    ].join('\n'),
  );
  const daemon = await spawnDaemon(['--config', config, '--data-dir', join(dir, 'data'), '--port', '0']);
  try {
    const resident = { ...syntheticResident(7), photo: syntheticPhoto(7, 'png') };
    const response = await daemon.post('/api/jobs', resident);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const job = await daemon.waitFor<{ state?: string; chipUid?: string; startedAt?: string }>(
      `/api/jobs/${id}`,
      (j) => j.state === 'printed' || j.state === 'spoiled' || j.state === 'uncertain',
    );
    expect(job.state).toBe('printed');
    expect(job.chipUid).toMatch(/^04[0-9A-F]{12}$/);

    const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as {
      stations: Array<{ printer: { serial: string } | null; temperatures?: Record<string, unknown> }>;
    };
    expect(status.stations[0]?.printer?.serial).toBe('EMU0001');

    expect(readdirSync(cards).sort()).toEqual(['1-c.pgm', '1-k.pbm', '1-m.pgm', '1-o.pbm', '1-y.pgm']);
    const k = image(join(cards, '1-k.pbm'));
    expect([k.magic, k.width, k.height]).toEqual(['P4', DOTS_PER_LINE, LINES]);
    const expected = renderCard({ ...resident, validUntil: 'SEUMUR HIDUP' } as Record<string, string>, {
      issuedAt: Date.parse(String(job.startedAt)),
      timeZone: 'Asia/Jakarta',
    });
    expect(expected.k.length).toBe((CARD_WIDTH / 8) * CARD_HEIGHT);
    expect(Buffer.from(monoPanelToCardRows(k.pixels)).equals(Buffer.from(expected.k))).toBe(true);
    // The photo is on the colour panels: some yellow ink where the face is.
    const y = image(join(cards, '1-y.pgm'));
    expect(y.magic).toBe('P5');
    expect(y.pixels.some((value) => value < 127)).toBe(true);
    expect(await daemon.stop('SIGTERM')).toBe(0);
  } finally {
    if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    await emulator.stop();
  }
}, 90_000);
