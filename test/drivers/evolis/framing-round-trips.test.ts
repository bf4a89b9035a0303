import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeDownload, ReplyParser } from '../../../drivers/evolis/framing.js';
import { blankPanel, MONO_ROW_BYTES, PANEL_BITS, panelBytes } from '../../../drivers/evolis/panels.js';
import { CommandDecoder } from './command-decoder.js';

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}$/);
const param = fc.stringMatching(/^[\x20-\x3a\x3c-\x7e]{0,20}$/);

describe('framing', () => {
  it('encodes a command as ESC name;params CR in Latin-1', () => {
    expect(encodeCommand('Pr', ['YMCKO'])).toEqual(Buffer.from('\x1bPr;YMCKO\r', 'latin1'));
    expect(encodeCommand('Xh', [1])).toEqual(Buffer.from('\x1bXh;1\r', 'latin1'));
    expect(encodeCommand('Rst')).toEqual(Buffer.from('\x1bRst\r', 'latin1'));
  });

  it('round-trips any command through the printer-side decoder', () => {
    fc.assert(
      fc.property(name, fc.array(param, { maxLength: 4 }), (n, params) => {
        const decoded = new CommandDecoder().push(encodeCommand(n, params));
        expect(decoded).toEqual([{ name: n, params }]);
      }),
    );
  });

  it('round-trips a Db download with its binary data, CR and ESC bytes included', () => {
    const data = Buffer.from([0x1b, 0x0d, 0x00, 0xff, 0x3b, 0x0a]);
    const frame = encodeDownload('k', 1, data);
    expect(frame.subarray(0, 10).toString('latin1')).toBe('\x1bDb;k;1;6;');
    expect(new CommandDecoder().push(frame)).toEqual([{ name: 'Db', params: ['k', '1', '6'], data }]);
  });

  it('sends a blank k panel of the dialect size', () => {
    expect(panelBytes('k')).toBe(82_296);
    expect(panelBytes('y')).toBe(658_368);
    expect(MONO_ROW_BYTES).toBe(127);
    const frame = encodeDownload('k', PANEL_BITS.k, blankPanel('k'));
    const [decoded] = new CommandDecoder().push(frame);
    expect(decoded?.params).toEqual(['k', '1', '82296']);
    expect(decoded?.data?.every((byte) => byte === 0)).toBe(true);
  });

  it('round-trips reply lines through the reply parser', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[\x20-\x7e]{1,40}$/), { maxLength: 10 }), (lines) => {
        const parser = new ReplyParser();
        const wire = Buffer.from(lines.map((line) => `${line}\r`).join(''), 'latin1');
        // Spaces-only lines are still lines to the parser; the classifier trims them later.
        expect(parser.push(wire)).toEqual(lines);
      }),
    );
  });

  it('refuses what the dialect cannot carry', () => {
    expect(() => encodeCommand('P r')).toThrow(RangeError);
    expect(() => encodeCommand('Pr', ['A;B'])).toThrow(RangeError);
    expect(() => encodeCommand('Pr', ['\r'])).toThrow(RangeError);
    expect(() => encodeCommand('Pr', [Number.NaN])).toThrow(RangeError);
    expect(() => encodeCommand('Xce', ['A'.repeat(4094)])).toThrow(RangeError);
    expect(() => encodeDownload('K', 1, Buffer.alloc(1))).toThrow(RangeError);
  });
});
