import { describe, expect, it } from 'vitest';
import {
  classifyReply,
  parseChipUid,
  parseCounters,
  parseProblems,
  parseState,
  parseTemperatures,
  spoilReasonFor,
} from '../../../drivers/evolis/reply.js';
import { isCetakError } from '../../../src/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCetakError(error) ? error.code : `not a CetakError: ${String(error)}`;
  }
  return undefined;
}

describe('reply lines', () => {
  it('classify as ok, error with its reason, or value', () => {
    expect(classifyReply('OK')).toEqual({ kind: 'ok' });
    expect(classifyReply('ERR FEEDER EMPTY')).toEqual({ kind: 'error', reason: 'FEEDER EMPTY' });
    expect(classifyReply('ERR')).toEqual({ kind: 'error', reason: '' });
    expect(classifyReply(' READY ')).toEqual({ kind: 'value', text: 'READY' });
    expect(classifyReply('ERRATIC')).toEqual({ kind: 'value', text: 'ERRATIC' });
  });

  it('parse Rco counters in any order, ignoring unknown keys', () => {
    expect(parseCounters('cards=12;ribbon=488;film=988;feeder=88;hopper=0')).toEqual({
      cards: 12,
      ribbon: 488,
      film: 988,
      feeder: 88,
      hopper: 0,
    });
    expect(parseCounters('hopper=5;dust=3;feeder=1')).toEqual({ hopper: 5, feeder: 1 });
    for (const bad of ['cards=-1', 'feeder=1.5', 'feeder=', 'hello', 'dust=3', 'ribbon=1e3']) {
      expect(
        codeOf(() => parseCounters(bad)),
        bad,
      ).toBe('REPLY_INVALID');
    }
  });

  it('map every Rst state word', () => {
    expect(['OFF', 'STANDBY', 'WARMING', 'READY', 'PRINTING', 'OVERHEAT'].map(parseState)).toEqual([
      'off',
      'standby',
      'warming',
      'ready',
      'printing',
      'overheated',
    ]);
    expect(codeOf(() => parseState('SLEEPING'))).toBe('REPLY_INVALID');
  });

  it('map Rpb problems and set unknown tokens apart', () => {
    expect(parseProblems('NONE')).toEqual({ problems: [], unknown: [] });
    expect(
      parseProblems('FEEDER EMPTY,RIBBON OUT,FILM OUT,HOPPER FULL,COVER OPEN,JAM,CHIP,GREMLINS'),
    ).toEqual({
      problems: [
        'feeder-empty',
        'ribbon-out',
        'film-out',
        'hopper-full',
        'cover-open',
        'card-jam',
        'chip-error',
      ],
      unknown: ['GREMLINS'],
    });
    expect(codeOf(() => parseProblems(' , '))).toBe('REPLY_INVALID');
  });

  it('parse Xt temperatures', () => {
    expect(parseTemperatures('internal=35.2;roller=165.0')).toEqual({ internalC: 35.2, rollerC: 165 });
    expect(parseTemperatures('roller=-3.5')).toEqual({ rollerC: -3.5 });
    for (const bad of ['internal=hot', 'internal=NaN', 'fan=3', 'roller']) {
      expect(
        codeOf(() => parseTemperatures(bad)),
        bad,
      ).toBe('REPLY_INVALID');
    }
  });

  it('parse a 14-digit chip UID', () => {
    expect(parseChipUid('04a1b2c3d4e5f6')).toBe('04A1B2C3D4E5F6');
    expect(codeOf(() => parseChipUid('04A1'))).toBe('REPLY_INVALID');
    expect(codeOf(() => parseChipUid('04A1B2C3D4E5FG'))).toBe('REPLY_INVALID');
  });

  it('map step errors to spoil reasons', () => {
    expect(['OVERHEAT', 'JAM', 'CHIP', 'RIBBON OUT', 'FILM OUT', 'NO CARD', ''].map(spoilReasonFor)).toEqual([
      'overheat',
      'card-jam',
      'chip-error',
      'ribbon-break',
      'printer-error',
      'printer-error',
      'printer-error',
    ]);
  });
});
