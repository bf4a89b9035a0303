import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protocolScene } from './emulator-scene.js';

const ESC = '\x1b';
/**
 * Pieces of real traffic, so garbage often looks almost right: truncated commands, data headers of
 * every kind, noise. (Nothing that holds the printer long, like `Se`, nor what changes the framing
 * or the reply form for good, like `Psc` or `Pem;4`: a real printer obeys those too.)
 */
const fragment = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .constantFrom(
      'Rfv',
      'Rsn',
      'Rco;c',
      'Rlr;p',
      'Pr;k',
      'Zz;1',
      'Db;k;2;',
      'Db;y;128;',
      'Dbc;k;2;',
      'Dbc;k;2;1016;',
      'Dbc;k;2;5;',
      'Dbc;y;32;12;40;',
      'Dbp;y;128;0;1;',
      'Dbmp;k;0;0;0;BM',
      ';;;',
    )
    .map((text) => Buffer.from(`${ESC}${text}`, 'latin1')),
  fc.constantFrom('\r', ESC, '\r\r', `${ESC}\r`, '\0').map((text) => Buffer.from(text, 'latin1')),
);
const garbage = fc.array(fragment, { maxLength: 12 }).map((parts) => Buffer.concat(parts));

/** The replies a fresh printer gives to `bytes` written in the chunks `cuts` makes. */
async function repliesTo(bytes: Buffer, cuts: readonly number[]): Promise<string[]> {
  const { client, clock } = protocolScene();
  let at = 0;
  for (const cut of cuts) {
    await client.write(bytes.subarray(at, at + cut));
    at += cut;
  }
  await client.write(bytes.subarray(at));
  await clock.advance(6_000);
  return client.replies;
}

describe('line noise never stops the printer answering', () => {
  it('answers the same however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, fc.array(fc.nat({ max: 200 }), { maxLength: 8 }), async (bytes, cuts) => {
        expect(await repliesTo(bytes, cuts)).toEqual(await repliesTo(bytes, []));
      }),
      { numRuns: 100 },
    );
  });

  it('a well-formed command after any garbage (and a pause) still gets its reply', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (noise) => {
        const { client, clock } = protocolScene();
        await client.write(noise);
        // A pause longer than the download idle time: a half-sent download cannot swallow the command.
        await clock.advance(6_000);
        expect(await client.request('Rsn', 10_000)).toBe('EMU0001');
        expect(client.lines.at(-1)).toBe('EMU0001');
      }),
      { numRuns: 150 },
    );
  });

  it('garbage without a data header needs no pause at all', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (noise) => {
        fc.pre(!noise.toString('latin1').includes('Db'));
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
    await client.write(`noise${ESC}Pr;k${ESC}Rfv\r\x00\x7f${ESC}Rsn\r`);
    await clock.advance(1);
    expect(client.lines).toEqual(['EMU-2.0', 'EMU0001']);
    expect(await client.request('Rr')).toBe('ymcko'); // the Pr;k was never carried out
  });
});
