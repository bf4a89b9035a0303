import { describe, expect, it } from 'vitest';
import { isRealDate, maskNik, NIK_PATTERN, parseNik } from '../../src/jobs/nik.js';

// Local noon, so the calendar date is the same in every time zone the tests run in.
const TODAY = new Date(2025, 5, 15, 12);

/** Builds a NIK from its parts; defaults are a valid Palembang male. */
function nik(parts: { prov?: string; reg?: string; dist?: string; ddmmyy?: string; serial?: string } = {}) {
  const { prov = '16', reg = '71', dist = '01', ddmmyy = '150590', serial = '0001' } = parts;
  return `${prov}${reg}${dist}${ddmmyy}${serial}`;
}

function reasonFor(value: string, today: Date = TODAY): string {
  const result = parseNik(value, today);
  if (result.ok) throw new Error('expected the NIK to be rejected');
  if (value !== '') expect(result.reason).not.toContain(value);
  return result.reason;
}

describe('parseNik', () => {
  it('parses a valid male NIK', () => {
    expect(parseNik('1671011505900001', TODAY)).toEqual({
      ok: true,
      parts: {
        province: '16',
        regency: '71',
        district: '01',
        birthDate: '1990-05-15',
        sex: 'L',
        serial: '0001',
      },
    });
  });

  it('parses a valid female NIK, taking 40 off the day', () => {
    expect(parseNik('1671025505900002', TODAY)).toEqual({
      ok: true,
      parts: {
        province: '16',
        regency: '71',
        district: '02',
        birthDate: '1990-05-15',
        sex: 'P',
        serial: '0002',
      },
    });
  });

  describe('day + 40 rule', () => {
    it.each([
      ['010190', 'L', '1990-01-01'],
      ['310190', 'L', '1990-01-31'],
      ['410190', 'P', '1990-01-01'],
      ['710190', 'P', '1990-01-31'],
    ] as const)('%s is sex %s born %s', (ddmmyy, sex, birthDate) => {
      const result = parseNik(nik({ ddmmyy }), TODAY);
      expect(result.ok && result.parts).toMatchObject({ sex, birthDate });
    });

    it.each(['000190', '320190', '400190', '720190', '990190'])('rejects day field of %s', (ddmmyy) => {
      expect(reasonFor(nik({ ddmmyy }))).toBe('birth date part is not a real date');
    });

    it('applies month lengths to the female day too', () => {
      expect(reasonFor(nik({ ddmmyy: '710490' }))).toBe('birth date part is not a real date');
      expect(parseNik(nik({ ddmmyy: '700490' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '1990-04-30' },
      });
    });
  });

  describe('calendar dates', () => {
    it('accepts Feb 29 in leap years', () => {
      expect(parseNik(nik({ ddmmyy: '290296' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '1996-02-29' },
      });
      expect(parseNik(nik({ ddmmyy: '690204' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '2004-02-29', sex: 'P' },
      });
      // 2000 is a leap year even though it is a century year.
      expect(parseNik(nik({ ddmmyy: '290200' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '2000-02-29' },
      });
    });

    it('rejects Feb 29 in non-leap years', () => {
      expect(reasonFor(nik({ ddmmyy: '290299' }))).toBe('birth date part is not a real date');
      expect(reasonFor(nik({ ddmmyy: '690201' }))).toBe('birth date part is not a real date');
      // Before 2000-02-29 has happened, "00" means 1900, which was not a leap year.
      expect(reasonFor(nik({ ddmmyy: '290200' }), new Date(1999, 11, 31, 12))).toBe(
        'birth date part is not a real date',
      );
    });

    it('rejects the 31st of a 30-day month and month 00/13', () => {
      for (const ddmmyy of ['310490', '310690', '310990', '311190', '150090', '151390']) {
        expect(reasonFor(nik({ ddmmyy }))).toBe('birth date part is not a real date');
      }
    });
  });

  describe('century', () => {
    it('uses 20YY when that date is not after today', () => {
      expect(parseNik(nik({ ddmmyy: '150625' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '2025-06-15' },
      });
      expect(parseNik(nik({ ddmmyy: '010108' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '2008-01-01' },
      });
    });

    it('uses 19YY when 20YY would be after today', () => {
      expect(parseNik(nik({ ddmmyy: '160625' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '1925-06-16' },
      });
      expect(parseNik(nik({ ddmmyy: '010150' }), TODAY)).toMatchObject({
        ok: true,
        parts: { birthDate: '1950-01-01' },
      });
    });
  });

  describe('region codes and serial', () => {
    it.each(['00', '07', '10'])('rejects province %s', (prov) => {
      expect(reasonFor(nik({ prov }))).toBe(`province code ${prov} is not valid`);
    });

    it.each(['11', '16', '99'])('accepts province %s', (prov) => {
      expect(parseNik(nik({ prov }), TODAY).ok).toBe(true);
    });

    it('rejects regency 00', () => {
      expect(reasonFor(nik({ reg: '00' }))).toBe('regency code 00 is not valid');
    });

    it('rejects district 00', () => {
      expect(reasonFor(nik({ dist: '00' }))).toBe('district code 00 is not valid');
    });

    it('rejects serial 0000 but accepts 9999', () => {
      expect(reasonFor(nik({ serial: '0000' }))).toBe('serial 0000 is not valid');
      expect(parseNik(nik({ serial: '9999' }), TODAY).ok).toBe(true);
    });
  });

  describe('shape', () => {
    it.each([
      ['15 digits', '167101150590001'],
      ['17 digits', '16710115059000011'],
      ['empty', ''],
      ['letters', '16710115059000A1'],
      ['spaces', '1671 0115 0590 0001'],
      ['padding', ' 1671011505900001'],
      ['trailing newline', '1671011505900001\n'],
      ['full-width digits', '１６７１０１１５０５９０００１'],
    ])('rejects %s', (_label, value) => {
      expect(NIK_PATTERN.test(value)).toBe(false);
      expect(reasonFor(value)).toBe('must be 16 digits');
    });
  });
});

describe('maskNik', () => {
  it('keeps the region prefix and hides the rest', () => {
    const masked = maskNik('1671015505900002');
    expect(masked).toBe('167101**********');
    expect(masked).toHaveLength(16);
  });

  it.each([
    '',
    '123',
    '167101150590000',
    '16710115059000011',
    '16710115059000A1',
    'Budi Contoh',
    ' 1671011505900001',
  ])('never echoes bad input %j', (value) => {
    const masked = maskNik(value);
    expect(masked).toBe('[invalid-nik]');
  });

  it('copes with non-string input from untyped callers', () => {
    expect(maskNik(1671011505900001 as unknown as string)).toBe('[invalid-nik]');
    expect(maskNik(undefined as unknown as string)).toBe('[invalid-nik]');
  });
});

describe('isRealDate', () => {
  it('follows the Gregorian leap-year rules', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2023, 12, 31)).toBe(true);
    expect(isRealDate(2023, 11, 31)).toBe(false);
  });
});
