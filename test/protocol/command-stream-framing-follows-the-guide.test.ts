import { describe, expect, it } from 'vitest';
import {
  type CommandFrame,
  CommandStreamParser,
  DEFAULT_CHARACTERS,
  MAX_LINE_BYTES,
} from '../../drivers/evolis/protocol/index.js';
import { splitStream } from './guide-decoder.js';
import {
  comparable,
  comparableFrame,
  concat,
  everyByte,
  feed,
  latin1,
  randomCuts,
  seededRandom,
} from './stream-feeding.js';

/**
 * The printer-side framing (section 3, the `D` pages, `Psc`) on hand-made streams: each is cut
 * at every byte and at random places, and where the guide decoder reads the stream the same way,
 * production must give what it gives.
 */

/** Frames for `bytes`, the same whether it arrives whole, a byte at a time or in random pieces. */
function framesWhereverCut(bytes: Uint8Array): CommandFrame[] {
  const whole = feed(new CommandStreamParser(), bytes, []);
  expect(feed(new CommandStreamParser(), bytes, everyByte(bytes.length))).toEqual(whole);
  for (let seed = 1; seed <= 5; seed++) {
    const cuts = randomCuts(bytes.length, Math.min(12, bytes.length - 1), seed);
    expect(feed(new CommandStreamParser(), bytes, cuts), `seed ${seed}`).toEqual(whole);
  }
  return whole;
}

/** And the guide decoder reads the same commands. */
function framesAsTheGuideReads(bytes: Uint8Array): CommandFrame[] {
  const frames = framesWhereverCut(bytes);
  expect(frames.map(comparableFrame)).toEqual(splitStream(bytes).map(comparable));
  return frames;
}

/** Picture-like data: every byte value, so CR, ESC, NUL, `;` and digits among them. */
function awkwardData(length: number, seed = 7): Uint8Array {
  const next = seededRandom(seed);
  const data = new Uint8Array(length).map(() => Math.floor(next() * 256));
  data.set(latin1('12;\r\x1b\x00;'), 0);
  return data;
}

describe('command framing', () => {
  it('needs no start character at the stream start or after a stop character', () => {
    const frames = framesAsTheGuideReads(latin1('Pr;k\rSs\r\x1bSr\r'));
    expect(frames).toEqual([
      { kind: 'command', name: 'Pr', params: ['k'] },
      { kind: 'command', name: 'Ss', params: [] },
      { kind: 'command', name: 'Sr', params: [] },
    ]);
  });

  it('ignores NUL padding, and LF as well (not in the guide; CR LF senders exist)', () => {
    expect(framesAsTheGuideReads(latin1('\x00\x00\x1bPr;\x00k\r\x00\x00Ss\r'))).toHaveLength(2);
    expect(framesWhereverCut(latin1('\x1bPr;k\n\r\nSs\r\n'))).toEqual([
      { kind: 'command', name: 'Pr', params: ['k'] },
      { kind: 'command', name: 'Ss', params: [] },
    ]);
  });

  it('drops an unfinished command when a start character arrives', () => {
    expect(framesAsTheGuideReads(latin1('\x1bPr;k\x1bSs\r'))).toEqual([
      { kind: 'command', name: 'Ss', params: [] },
    ]);
  });

  it('refuses an over-long line as bad and reads on', () => {
    const frames = framesWhereverCut(latin1(`\x1bWt;${'A'.repeat(MAX_LINE_BYTES + 100)}\r\x1bSs\r`));
    expect(frames).toMatchObject([
      { kind: 'bad', name: 'Wt', why: expect.stringContaining('longer') },
      { kind: 'command', name: 'Ss' },
    ]);
  });

  it("takes Psc's decimal codes as in the guide's example, and Psc alone restores the defaults", () => {
    const bytes = latin1('\x1bPsc;60;47 ;62\r<Pco/=/10>Pco/+><Psc>\x1bPr;k\r');
    expect(framesAsTheGuideReads(bytes)).toEqual([
      { kind: 'command', name: 'Psc', params: ['60', '47 ', '62'] },
      { kind: 'command', name: 'Pco', params: ['=', '10'] },
      { kind: 'command', name: 'Pco', params: ['+'] },
      { kind: 'command', name: 'Psc', params: [] },
      { kind: 'command', name: 'Pr', params: ['k'] },
    ]);
    const parser = new CommandStreamParser();
    parser.push(latin1('\x1bPsc;60;47;62\r'));
    expect(parser.characters).toEqual({ start: 60, separator: 47, stop: 62 });
    parser.push(latin1('<Psc>'));
    expect(parser.characters).toEqual(DEFAULT_CHARACTERS);
  });

  it("frames rev. E's Dbc;k;2;first;n; and section 4's Dbc;k;2;n; by their byte counts", () => {
    const data = awkwardData(1016);
    const revE = framesAsTheGuideReads(concat('\x1bDbc;k;2;0;1016;', data, '\r\x1bSe\r'));
    expect(revE).toMatchObject([{ kind: 'data', params: ['k', '2', '0', '1016'], terminated: true }, {}]);
    const section4 = framesAsTheGuideReads(concat('\x1bDbc;k;2;1016;', data, '\rSe\r'));
    expect(section4).toMatchObject([{ kind: 'data', params: ['k', '2', '1016'], data }, { name: 'Se' }]);
  });

  it('reads a short section 4 Dbc (third parameter below 1016) whose data is not digits then ;', () => {
    const frames = framesWhereverCut(concat('\x1bDbc;k;2;3;', Uint8Array.of(0x00, 0xff, 0x0d), '\r\x1bSe\r'));
    expect(frames).toEqual([
      {
        kind: 'data',
        name: 'Dbc',
        params: ['k', '2', '3'],
        data: Uint8Array.of(0, 0xff, 0x0d),
        terminated: true,
      },
      { kind: 'command', name: 'Se', params: [] },
    ]);
  });

  it('discards a Db of unknown resolution until the host pauses, then answers it as bad', () => {
    const parser = new CommandStreamParser();
    expect(parser.push(concat('\x1bDb;k;3;', awkwardData(500), '\r\x1bSe\r'))).toEqual([]);
    expect(parser.inData).toBe(true);
    expect(parser.idle()).toMatchObject([{ kind: 'bad', name: 'Db', why: expect.stringContaining('"3"') }]);
    expect(parser.push(latin1('\x1bSe\r'))).toEqual([{ kind: 'command', name: 'Se', params: [] }]);
  });

  it("frames a Dbmp by its BMP header's size field", () => {
    const bmp = awkwardData(90);
    bmp.set([0x42, 0x4d, 90, 0, 0, 0], 0);
    const frames = framesAsTheGuideReads(concat('\x1bDbmp;k;10;20;0;', bmp, '\r\x1bSe\r'));
    expect(frames).toEqual([
      { kind: 'data', name: 'Dbmp', params: ['k', '10', '20', '0'], data: bmp, terminated: true },
      { kind: 'command', name: 'Se', params: [] },
    ]);
    const notBmp = new CommandStreamParser();
    expect(notBmp.push(concat('\x1bDbmp;k;10;20;0;', awkwardData(90), '\r'))).toEqual([]);
    expect(notBmp.idle()).toMatchObject([{ kind: 'bad', name: 'Dbmp' }]);
  });

  it('reports data not followed by a stop character, and reads that byte again', () => {
    const data = awkwardData(1016);
    const frames = framesAsTheGuideReads(concat('\x1bDbc;k;2;1016;', data, 'Se\r'));
    expect(frames).toEqual([
      { kind: 'data', name: 'Dbc', params: ['k', '2', '1016'], data, terminated: false },
      { kind: 'command', name: 'Se', params: [] },
    ]);
  });

  it('delivers data that is complete when the host pauses before its stop character', () => {
    const parser = new CommandStreamParser();
    const data = awkwardData(1016);
    expect(parser.push(concat('\x1bDbc;k;2;1016;', data))).toEqual([]);
    expect(parser.inData).toBe(true);
    expect(parser.idle()).toEqual([
      { kind: 'data', name: 'Dbc', params: ['k', '2', '1016'], data, terminated: false },
    ]);
    expect(parser.push(latin1('\r\x1bSe\r'))).toEqual([{ kind: 'command', name: 'Se', params: [] }]);
  });

  it('gives up a download that stalls half-way', () => {
    const parser = new CommandStreamParser();
    expect(parser.push(concat('\x1bDb;k;2;', awkwardData(1000)))).toEqual([]);
    expect(parser.idle()).toMatchObject([{ kind: 'bad', name: 'Db' }]);
    expect(parser.inData).toBe(false);
  });
});
