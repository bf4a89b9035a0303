import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RawPrinterClient } from '../helpers/raw-printer-client.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';
import { decodeMonoPanel, type GuideCommand, splitStream } from '../protocol/guide-decoder.js';
import { perlFixture, VENDOR_STREAMS, vendorStream } from '../protocol/stream-feeding.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-vendor-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bound: every command answered within 30 s at --speed 60, from cold. */
const REPLY_WITHIN_MS = 30_000;

/**
 * The stream's own bytes, cut where each guide command ends (as the test's guide decoder reads
 * them): NUL padding goes out with the command after it, trailing padding with the last one.
 */
function commandsWithBytes(stream: Uint8Array): Array<{ command: GuideCommand; bytes: Uint8Array }> {
  const commands = splitStream(stream);
  const out: Array<{ command: GuideCommand; bytes: Uint8Array }> = [];
  let at = 0;
  for (const [i, command] of commands.entries()) {
    let start = at;
    while (stream[start] === 0) start++;
    const header = [command.name, ...command.params].join(';');
    const expected = command.data
      ? Buffer.concat([Buffer.from(`\x1b${header};`, 'latin1'), command.data, Buffer.of(0x0d)])
      : Buffer.from(`\x1b${header}\r`, 'latin1');
    const own = Buffer.from(stream.subarray(start, start + expected.length));
    if (!own.equals(expected))
      throw new Error(`command ${i} (${command.name}) is not where the decoder put it`);
    const end = i === commands.length - 1 ? stream.length : start + expected.length;
    out.push({ command, bytes: stream.subarray(at, end) });
    at = end;
  }
  return out;
}

/** A binary PBM's header and bits. */
function pbm(path: string): { header: string; bits: Buffer } {
  const bytes = readFileSync(path);
  const header = /^P4\n(\d+) (\d+)\n/.exec(bytes.toString('latin1', 0, 32));
  if (!header) throw new Error(`${path} is not a binary PBM`);
  return { header: `${header[1]}x${header[2]}`, bits: bytes.subarray(header[0].length) };
}

// Each stream goes to a freshly started, cold emulator with default options (no --profile, no
// --extensions), one command at a time, as the vendor's driver would on a serial line. Every
// command must get OK or a value — never an error, a NACK or silence — and one card must come out
// whose K panel is the stream's own picture, decoded by the guide.
describe('the vendor driver’s streams, and the Perl driver’s, on the stand-alone emulator', () => {
  const streams: Array<[string, Uint8Array]> = [
    ...VENDOR_STREAMS.map((name) => [name, vendorStream(name)] as [string, Uint8Array]),
    ['perl-driver.stream', perlFixture('perl-driver.stream')],
  ];
  for (const [name, stream] of streams) {
    it(`${name}: every command answered, one card out, its K panel the stream's picture`, async () => {
      const cards = join(dir, name);
      const emulator = await spawnEmulator(['--tcp', '127.0.0.1:0', '--speed', '60', '--cards-dir', cards]);
      const client = await RawPrinterClient.connect(emulator.endpoint);
      try {
        const sent = commandsWithBytes(stream);
        const answers: string[] = [];
        for (const { command, bytes } of sent) {
          const reply = await client.exchange(bytes, REPLY_WITHIN_MS);
          answers.push(`${command.name} → ${reply}`);
          // Never an error (the raw client splits replies at CR and NUL: a NACK would show as text).
          expect(
            reply.startsWith('ERR') || reply.includes(String.fromCharCode(0x15)),
            `${command.name} on ${name}`,
          ).toBe(false);
        }
        expect(answers.at(-1)).toMatch(/^Se → OK$/);

        const written = readdirSync(cards).sort();
        expect(written).toEqual(['1-k.pbm']);
        const picture = pbm(join(cards, '1-k.pbm'));
        expect(picture.header).toBe('648x1016');
        const download = sent.map((s) => s.command).find((c) => c.data !== undefined) as GuideCommand;
        const expected =
          download.name === 'Dbc'
            ? decodeMonoPanel(download.data as Uint8Array)
            : (download.data as Uint8Array);
        expect(Buffer.from(expected).equals(picture.bits)).toBe(true);
        expect(expected.some((byte) => byte !== 0)).toBe(true);
      } finally {
        client.close();
        await emulator.stop();
      }
    }, 60_000);
  }
});
