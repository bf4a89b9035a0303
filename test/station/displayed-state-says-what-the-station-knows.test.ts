import { describe, expect, it } from 'vitest';
import { displayedState, type StationFacts } from '../../src/station/displayed-state.js';

const idle: StationFacts = { printer: 'ready', cardInPrinter: false, pacing: false, blocking: [] };

describe('the state operators are shown', () => {
  it('is printing while a card of the station is in the printer, whatever the printer said last', () => {
    for (const printer of ['ready', 'warming', 'standby'] as const)
      expect(displayedState({ ...idle, printer, cardInPrinter: true })).toBe('printing');
  });

  it('waits for the operator while a problem holds the printer, and says cooling in the paced wait', () => {
    expect(displayedState({ ...idle, blocking: ['feeder-empty'] })).toBe('waiting-for-operator');
    expect(displayedState({ ...idle, pacing: true })).toBe('cooling');
    expect(displayedState({ ...idle, pacing: true, blocking: ['card-jam'] })).toBe('waiting-for-operator');
  });

  it('leaves what the station cannot know better to the printer and the link', () => {
    expect(displayedState(idle)).toBe('ready');
    expect(displayedState({ ...idle, printer: 'warming' })).toBe('warming');
    for (const printer of ['offline', 'connecting', 'stopped', 'overheated'] as const)
      expect(displayedState({ ...idle, printer, cardInPrinter: true, pacing: true })).toBe(printer);
  });
});
