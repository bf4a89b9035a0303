import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { retentionMs } from '../../src/config/privacy-schema.js';
import { isCetakError } from '../../src/errors.js';
import { TEST_FLEET } from '../helpers/test-daemon.js';

function problemsOf(privacy: unknown): readonly string[] {
  try {
    parseConfig({ ...TEST_FLEET, privacy });
  } catch (error) {
    if (isCetakError(error, 'CONFIG_INVALID')) return error.details;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('privacy.retainPersonalData', () => {
  it('erases at the end of a job unless an office says otherwise', () => {
    expect(parseConfig(TEST_FLEET).privacy).toEqual({
      retainPersonalData: 'until-job-ends',
      sweepEveryMinutes: 10,
    });
    expect(retentionMs('until-job-ends')).toBe(0);
    expect(retentionMs('P7D')).toBe(7 * 24 * 3600_000);
    expect(retentionMs('PT12H')).toBe(12 * 3600_000);
    expect(
      parseConfig({ ...TEST_FLEET, privacy: { retainPersonalData: 'P30D' } }).privacy.retainPersonalData,
    ).toBe('P30D');
  });

  it('refuses anything else, naming the field and the value', () => {
    expect(problemsOf({ retainPersonalData: '7 days' })).toEqual([
      'privacy.retainPersonalData: must be "until-job-ends" or a duration in days or hours such as "P7D" or "PT12H" (at most P366D), not "7 days"',
    ]);
    expect(problemsOf({ retainPersonalData: 'P400D' })[0]).toMatch(
      /^privacy\.retainPersonalData: .*not "P400D"$/,
    );
    expect(problemsOf({ keepForever: true })).toEqual(['privacy: unknown key "keepForever"']);
  });
});
