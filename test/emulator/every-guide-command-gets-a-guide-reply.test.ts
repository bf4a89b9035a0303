import { describe, expect, it } from 'vitest';
import { GUIDE_COMMANDS } from '../../drivers/emulator/guide-commands.js';
import { ERROR_REASONS, isDataCommand } from '../../drivers/evolis/protocol/index.js';
import { protocolScene } from './emulator-scene.js';
import { compressKO, compressYMC, LINE_BYTES, LINES } from './guide-encoder.js';

/**
 * Parameters the guide's pages give as examples, for commands whose parameters the printer checks.
 * Every other command gets `0` as many times as it needs. None switches the reply form or the
 * command characters (`Pem;4`, `Pcom;…;ACK/NACK`, `Psc;a;b;c` are tested elsewhere).
 */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  Pcom: ['1', '9600', 'N', '8', '1'],
  Rcom: ['1'],
  Ase: ['c', '150'],
  Mc: ['+', '100'],
  Mf: ['+'],
  Mh: ['+'],
  Mr: ['+'],
  Pc: ['k', '=', '10'],
  Pl: ['y', '+'],
  Ps: ['k', '-'],
  Pmi: ['F'],
  Pms: ['=', '100'],
  Pnl: ['=', '1016'],
  Px: ['=', '0'],
  Py: ['+'],
  Pos: ['=', '1158'],
  Poc: ['-', '2'],
  Pr: ['ymcko'],
  Rc: ['k'],
  Rco: ['c'],
  Rl: ['y'],
  Rps: ['c'],
  Rs: ['k'],
  Rse: ['o'],
  Scom: ['1', '2', '3'],
  Sdm: ['1'],
  Sdu: ['1000'],
  Sp: ['k'],
  Ssd: ['k'],
  Sk: ['f'],
  Wcb: ['k'],
};

/** A data command with data of the right size, so it is taken. */
const DATA: Readonly<Record<string, [readonly (string | number)[], Uint8Array]>> = {
  Db: [['k', 2], new Uint8Array(LINES * LINE_BYTES)],
  Dbc: [['k', 2, LINES], compressKO(new Uint8Array(LINES * LINE_BYTES))],
  Dbp: [['y', 128, 10, 2], new Uint8Array(2 * 567)],
  Dbpc: [['y', 128, 10, 4], compressYMC(new Uint8Array(2 * 648), 128)],
  Dbmp: [['k', 0, 0, 0], Uint8Array.of(0x42, 0x4d, 8, 0, 0, 0, 1, 2)],
};

const REASONS = [...Object.keys(ERROR_REASONS), 'CARD', 'NEED CLEANING'];
/** `OK`, `ERR` and a reason of the protocol module (or `Rlr`'s own), or a printable value. */
const GUIDE_REPLY = new RegExp(`^(OK|ERR (${REASONS.join('|')})|(?!ERR)[\\x20-\\x7e]+)$`);
/** The sample's parameters, then `0`s up to `count`. */
function paramsFor(name: string, count: number): string[] {
  const sample = SAMPLES[name] ?? [];
  return [...sample, ...Array<string>(Math.max(0, count - sample.length)).fill('0')];
}
const line = (name: string, params: readonly string[]) => [name, ...params].join(';');
const entries = Object.entries(GUIDE_COMMANDS);

describe('every command of the guide table gets a guide-style reply, and the stream stays in step', () => {
  it('a command the printer has, with its parameters, is answered OK, a value or a guide error, never ERR CMD', async () => {
    const { client } = protocolScene();
    const answered: string[] = [];
    for (const [name, command] of entries) {
      if (command.missing) continue;
      const reply = isDataCommand(name)
        ? await client.download(name, ...(DATA[name] as [readonly (string | number)[], Uint8Array]))
        : await client.request(line(name, paramsFor(name, command.minParams)));
      answered.push(`${name} ${reply}`);
      expect(reply, name).toMatch(GUIDE_REPLY);
      // With its parameters right, nothing refuses it but a missing card (Se, Ser, Sp before any Ss).
      expect(reply, name).not.toMatch(/^ERR (?!NO CARD$)/);
      expect(await client.request('Rfv'), `Rfv after ${name}`).toBe('EMU-2.0');
    }
    expect(answered.length).toBeGreaterThan(90);
    expect(client.lines).toHaveLength(2 * answered.length);
  });

  it('one parameter too few or too many is ERR PARAM', async () => {
    const { client } = protocolScene();
    for (const [name, command] of entries) {
      if (command.missing) continue;
      const counts = [command.minParams - 1];
      // Data commands frame their data by the parameters: one too many would read it as data.
      if (!isDataCommand(name) && command.maxParams < 64) counts.push(command.maxParams + 1);
      for (const count of counts.filter((n) => n >= 0)) {
        const params = paramsFor(name, count).slice(0, count);
        expect(await client.request(line(name, params)), `${name} with ${count}`).toBe('ERR PARAM');
        expect(await client.request('Rfv')).toBe('EMU-2.0');
      }
    }
  });

  it('a command of hardware this printer lacks (magnetic stripe, Sv, Sds) is ERR CMD, whatever its parameters', async () => {
    const { client } = protocolScene();
    const missing = entries.filter(([, command]) => command.missing);
    expect(missing.map(([name]) => name)).toEqual(expect.arrayContaining(['Dm', 'Smw', 'Rmt', 'Sv', 'Sds']));
    for (const [name, command] of missing) {
      for (const count of [command.minParams, command.maxParams + 1]) {
        expect(await client.request(line(name, Array<string>(count).fill('1'))), name).toBe('ERR CMD');
        expect(await client.request('Rfv')).toBe('EMU-2.0');
      }
    }
  });

  it('an unknown command is ERR CMD: made-up names, the wrong case, control bytes', async () => {
    const { client } = protocolScene();
    for (const command of ['Zz', 'Qq;1;2', 'rfv', 'RFV', 'Rs\x01n', 'Sx', `Rsn${'x'.repeat(5000)}`]) {
      expect(await client.request(command), JSON.stringify(command.slice(0, 8))).toBe('ERR CMD');
      expect(await client.request('Rfv')).toBe('EMU-2.0');
    }
  });
});
