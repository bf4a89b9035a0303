import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandParser, type Frame } from '../../drivers/emulator/command-parser.js';
import { protocolScene } from './emulator-scene.js';

const ESC = '\x1b';
/** Pieces of real traffic, so garbage often looks almost right: truncated commands, headers, noise. */
const fragment = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .constantFrom(
      'Rst',
      'Rsn',
      'Rco',
      'Xt',
      'Pr;K',
      'Db;k;1;',
      'Db;k;1;82296;',
      'Db;y;8;12;',
      ';;;',
      'Xce;0A',
    )
    .map((text) => Buffer.from(`${ESC}${text}`, 'latin1')),
  fc.constantFrom('\r', ESC, '\r\r', `${ESC}\r`).map((text) => Buffer.from(text, 'latin1')),
);
const garbage = fc.array(fragment, { maxLength: 12 }).map((parts) => Buffer.concat(parts));

function parseAll(chunks: readonly Uint8Array[]): Frame[] {
  const parser = new CommandParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('line noise never stops the printer answering', () => {
  it('the parser never throws, and frames the same however the stream is chunked', () => {
    fc.assert(
      fc.property(garbage, fc.array(fc.nat({ max: 200 }), { maxLength: 8 }), (bytes, cuts) => {
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const cut of cuts) {
          chunks.push(bytes.subarray(at, at + cut));
          at += cut;
        }
        chunks.push(bytes.subarray(at));
        expect(parseAll(chunks)).toEqual(parseAll([bytes]));
      }),
      { numRuns: 300 },
    );
  });

  it('a well-formed command after any garbage (and a pause) still gets its reply', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (noise) => {
        const { client, clock } = protocolScene();
        await client.write(noise);
        // A pause longer than the download idle timeout: a half-sent Db cannot swallow the command.
        await clock.advance(6_000);
        expect(await client.request('Rsn', 10_000)).toBe('EMU0001');
        expect(client.lines.at(-1)).toBe('EMU0001');
      }),
      { numRuns: 150 },
    );
  });

  it('garbage without a Db header needs no pause at all', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (noise) => {
        fc.pre(!noise.includes('Db;'));
        const { client, clock } = protocolScene();
        await client.write(Buffer.concat([noise, Buffer.from(`${ESC}Rsn\r`)]));
        await clock.settle();
        await clock.advance(1);
        expect(client.lines.at(-1)).toBe('EMU0001');
      }),
      { numRuns: 150 },
    );
  });

  it('an ESC mid-line drops the unfinished command without a reply', async () => {
    const { client, clock } = protocolScene();
    await client.write(`noise${ESC}Xh;1${ESC}Rst\r\x00\x7f${ESC}Rpb\r`);
    await clock.advance(1);
    expect(client.lines).toEqual(['STANDBY', 'NONE']);
  });
});
