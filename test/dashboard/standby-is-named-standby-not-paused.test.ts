import { describe, expect, it } from 'vitest';

/** The dashboard's own module (browser JavaScript without types), run here as the browser runs it. */
interface Words {
  stateLabel(station: object): string;
  stateReason(station: object, cutOffC?: number): string;
}
const WORDS: string = '../../src/dashboard/words.js';
const { stateLabel, stateReason } = (await import(WORDS)) as Words;

const SINCE = '2026-12-07T03:00:00.000Z';

describe('the dashboard badge of a station an operator put in standby', () => {
  it('says standby (Siaga) with the heater off, not paused (Dijeda)', () => {
    const standby = { id: 's1', state: 'standby', pausedSince: SINCE, problems: [] };
    expect(stateLabel(standby)).toBe('Siaga');
    expect(stateReason(standby)).toMatch(/^Siaga sejak .+, pemanas mati/);
  });

  it('still says paused for a station paused with its printer warm', () => {
    const paused = { id: 's1', state: 'ready', pausedSince: SINCE, problems: [] };
    expect(stateLabel(paused)).toBe('Dijeda');
    expect(stateReason(paused)).toMatch(/^Dijeda sejak/);
  });
});
