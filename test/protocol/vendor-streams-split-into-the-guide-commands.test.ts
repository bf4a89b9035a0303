import { describe, expect, it } from 'vitest';
import { CommandStreamParser } from '../../drivers/evolis/protocol/index.js';
import { type GuideCommand, splitStream } from './guide-decoder.js';
import {
  comparable,
  comparableFrame,
  everyByte,
  feed,
  perlFixture,
  randomCuts,
  VENDOR_STREAMS,
  vendorStream,
} from './stream-feeding.js';

/**
 * The production framing, fed third-party streams cut anywhere, finds the same commands as the
 * decoder written from the guide: names, parameters and every data byte.
 */

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

function summary(commands: GuideCommand[]): string[] {
  return commands.map((c) => [c.name, ...c.params].join(';'));
}

function splitEverywhere(bytes: Uint8Array, commands: GuideCommand[]): void {
  const expected = commands.map(comparable);
  for (const seed of SEEDS) {
    const cuts = randomCuts(bytes.length, 300, seed);
    const frames = feed(new CommandStreamParser(), bytes, cuts);
    expect(frames.map(comparableFrame), `seed ${seed}`).toEqual(expected);
  }
  const parser = new CommandStreamParser();
  expect(feed(parser, bytes, everyByte(bytes.length)).map(comparableFrame)).toEqual(expected);
  expect(parser.inData).toBe(false);
}

describe('the vendor driver streams', () => {
  it.each(VENDOR_STREAMS)('%s splits into the guide commands wherever it is cut', (name) => {
    const bytes = vendorStream(name);
    const expected = splitStream(bytes);

    // What the fixtures' README says the Windows driver sent, read by the guide decoder.
    expect(summary(expected).map((s) => s.replace(/^(Ppws|Dbc;k;2);\d+$/, '$1;<n>'))).toEqual([
      'Pr;k',
      'Pmi;F;s',
      'Pc;k;=;10',
      'Pdt;DU',
      'Mr;s',
      'Ppws;<n>',
      'Ss',
      'Sr',
      'Dbc;k;2;<n>',
      'Se;1',
    ]);
    const dbc = expected[8] as GuideCommand;
    expect(dbc.data?.length).toBe(Number(dbc.params[2]));
    expect(dbc.terminated).toBe(true);

    splitEverywhere(bytes, expected);
  });
});

describe("the Perl driver's stream", () => {
  const bytes = perlFixture('perl-driver.stream');
  const expected = splitStream(bytes);

  it('is the README sequence with an uncompressed 82 296-byte picture', () => {
    expect(summary(expected)).toEqual(['Pr;k', 'Pmi;F;s', 'Pc;k;=;10', 'Ss', 'Sr', 'Db;k;2', 'Se']);
    const picture = expected[5]?.data ?? new Uint8Array();
    expect(picture.length).toBe(82_296);
    // The picture holds the bytes that would break a framing by stop character.
    expect(picture.filter((b) => b === 0x0d).length).toBeGreaterThan(0);
    expect(picture.filter((b) => b === 0x1b).length).toBeGreaterThan(0);
    expect(picture.filter((b) => b === 0x00).length).toBeGreaterThan(0);
    // And the stream ends with the driver's NUL padding, which is no command.
    expect(bytes.subarray(bytes.length - 64).every((b) => b === 0)).toBe(true);
  });

  it('splits into the same commands wherever it is cut', () => {
    splitEverywhere(bytes, expected);
  });
});
