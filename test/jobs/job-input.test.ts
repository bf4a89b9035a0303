import { describe, expect, it } from 'vitest';
import { syntheticResident, syntheticResidents } from '../../scripts/synthetic-residents.js';
import { makeJobInputSchema, PERSONAL_FIELDS } from '../../src/jobs/job-input.js';

const TODAY = new Date(2025, 5, 15, 12);
const KECAMATAN_IDS = ['seberang-ulu-i', 'seberang-ulu-ii', 'ilir-barat-i'] as const;
const schema = makeJobInputSchema(KECAMATAN_IDS, () => TODAY);

function issuesOf(body: unknown) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('expected the body to be rejected');
  return result.error.issues;
}

function nikIssueMessages(body: unknown): string[] {
  return issuesOf(body)
    .filter((issue) => issue.path.length === 1 && issue.path[0] === 'nik')
    .map((issue) => issue.message);
}

describe('makeJobInputSchema', () => {
  it('accepts a generated resident and fills in defaults', () => {
    const resident = syntheticResident(1);
    const result = schema.safeParse(resident);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual({ ...resident, priority: 'backlog', validUntil: 'SEUMUR HIDUP' });
  });

  it('keeps explicit priority and validUntil', () => {
    const job = schema.parse(syntheticResident(2, { priority: 'walk-in', validUntil: '2030-12-31' }));
    expect(job.priority).toBe('walk-in');
    expect(job.validUntil).toBe('2030-12-31');
  });

  it('accepts 200 generated residents from different seeds', () => {
    const failures = Array.from({ length: 200 }, (_, i) => syntheticResident(i * 7919 + 3))
      .map((resident) => schema.safeParse(resident))
      .filter((result) => !result.success)
      .map((result) => result.error?.issues);
    expect(failures).toEqual([]);
  });

  it('trims free text', () => {
    const job = schema.parse(syntheticResident(4, { name: '  ZUKA REKAAN  ' }));
    expect(job.name).toBe('ZUKA REKAAN');
  });

  it('rejects unknown fields and names the key', () => {
    const issues = issuesOf({ ...syntheticResident(5), nama: 'x' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['nama'] });
    expect(issues[0]?.message).toContain('"nama"');
  });

  it('reports a NIK whose birth date differs from birthDate on path nik', () => {
    const resident = syntheticResident(6, { birthDate: '1980-03-04' });
    expect(nikIssueMessages({ ...resident, birthDate: '1980-03-05' })).toEqual([
      'birth date in NIK does not match birthDate',
    ]);
  });

  it('reports a NIK whose sex differs from sex on path nik', () => {
    const resident = syntheticResident(7, { sex: 'L' });
    expect(nikIssueMessages({ ...resident, sex: 'P' })).toEqual(['sex in NIK does not match sex']);
  });

  it('skips the cross-check while an identity field is itself invalid', () => {
    const resident = syntheticResident(8);
    expect(nikIssueMessages({ ...resident, birthDate: '2030-01-01' })).toEqual([]);
    expect(nikIssueMessages({ ...resident, sex: 'X' })).toEqual([]);
    expect(nikIssueMessages({ ...resident, nik: `07${resident.nik.slice(2)}` })).toEqual([
      'nik: province code 07 is not valid',
    ]);
  });

  it('lists the known kecamatan ids for an unknown one', () => {
    const issues = issuesOf(syntheticResident(9, { kecamatan: 'ilir-barat-x' }));
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ['kecamatan'],
        'unknown kecamatan "ilir-barat-x" (known: seberang-ulu-i, seberang-ulu-ii, ilir-barat-i)',
      ],
    ]);
  });

  it('truncates echoed values to 40 characters', () => {
    const [issue] = issuesOf({ ...syntheticResident(10), priority: `walk-${'u'.repeat(500)}` });
    expect(issue?.path).toEqual(['priority']);
    expect(issue?.message).toContain(`"walk-${'u'.repeat(35)}…"`);
    expect(issue?.message).not.toContain('u'.repeat(36));
  });

  it('never quotes a value that could be a name, even in a closed-set field', () => {
    const person = syntheticResident(12);
    const [issue] = issuesOf({ ...person, sex: person.name });
    expect(issue?.path).toEqual(['sex']);
    expect(issue?.message).not.toContain(person.name);
    expect(issue?.message).toContain('a value not shown here');
  });

  it('requires the core fields, including citizenship', () => {
    const { citizenship: _citizenship, nik: _nik, ...rest } = syntheticResident(11);
    const messages = issuesOf(rest).map((issue) => issue.message);
    expect(messages).toEqual(expect.arrayContaining(['nik is required', 'citizenship is required']));
  });

  it.each([
    ['birthDate', '1990-02-30', 'birthDate is not a real date'],
    ['birthDate', '15/05/1990', 'birthDate must be YYYY-MM-DD'],
    ['birthDate', '2025-06-16', 'birthDate must not be in the future'],
    ['validUntil', '2030-02-30', 'validUntil must be a real YYYY-MM-DD date or "SEUMUR HIDUP"'],
    ['rtRw', '1/2', 'rtRw must look like 001/002'],
    ['requestId', 'has space', 'requestId must be 1-100 characters of A-Z a-z 0-9 . _ : -'],
    ['name', ' ', 'name must be 1-80 characters'],
  ])('rejects %s %j', (field, value, message) => {
    expect(issuesOf({ ...syntheticResident(12), [field]: value })).toMatchObject([
      { path: [field], message },
    ]);
  });

  it('accepts a birth date of today and every listed blood type', () => {
    const resident = syntheticResident(13, { birthDate: '2025-06-15' });
    expect(schema.safeParse(resident).success).toBe(true);
    for (const bloodType of ['A', 'AB-', 'O+', '-'] as const) {
      expect(schema.safeParse({ ...resident, bloodType }).success).toBe(true);
    }
    expect(issuesOf({ ...resident, bloodType: 'C' })[0]?.path).toEqual(['bloodType']);
  });

  it('rejects a body that is not an object without throwing', () => {
    expect(issuesOf('nik=1').map((issue) => issue.message)).toEqual(['body must be a JSON object']);
    expect(issuesOf(null).map((issue) => issue.message)).toEqual(['body must be a JSON object']);
    expect(issuesOf([]).length).toBeGreaterThan(0);
  });

  it('reads the clock on every parse', () => {
    let now = new Date(2025, 5, 15, 12);
    const ticking = makeJobInputSchema(KECAMATAN_IDS, () => now);
    const resident = syntheticResident(14, { birthDate: '2025-06-16' });
    expect(ticking.safeParse(resident).success).toBe(false);
    now = new Date(2025, 5, 16, 12);
    expect(ticking.safeParse(resident).success).toBe(true);
  });
});

describe('issue messages and personal data', () => {
  type Resident = ReturnType<typeof syntheticResident>;
  const mutations: ReadonlyArray<(r: Resident) => Record<string, unknown>> = [
    (r) => ({ ...r, nik: `07${r.nik.slice(2)}` }),
    (r) => ({ ...r, nik: r.nik.slice(0, 15) }),
    (r) => ({ ...r, nik: `${r.nik}9` }),
    (r) => ({ ...r, nik: `${r.nik.slice(0, 15)}X` }),
    (r) => ({ ...r, nik: ` ${r.nik} ` }),
    (r) => ({ ...r, nik: Number(r.nik) }),
    (r) => ({ ...r, nik: `${r.nik.slice(0, 12)}0000` }),
    (r) => ({ ...r, nik: `${r.nik.slice(0, 6)}32${r.nik.slice(8)}` }),
    (r) => ({ ...r, birthDate: '1949-12-31' }),
    (r) => ({ ...r, sex: r.sex === 'L' ? 'P' : 'L' }),
    (r) => ({ ...r, name: r.name.repeat(10) }),
    (r) => ({ ...r, name: '' }),
    (r) => ({ ...r, name: [r.name] }),
    (r) => ({ ...r, address: r.address.repeat(20) }),
    (r) => ({ ...r, address: undefined }),
    (r) => ({ ...r, birthPlace: r.birthPlace.repeat(20) }),
    (r) => ({ ...r, birthDate: '2099-01-01' }),
    (r) => ({ ...r, birthDate: '1990-02-30' }),
    (r) => ({ ...r, birthDate: r.birthDate.split('-').reverse().join('/') }),
    (r) => ({ ...r, nama: r.name, alamat: r.address }),
    (r) => ({ ...r, kecamatan: 'ilir-barat-x' }),
    (r) => ({ ...r, priority: 'urgent' }),
    (r) => ({ ...r, rtRw: 'RT 5 RW 10' }),
    (r) => ({ ...r, kelurahan: '' }),
    (r) => ({ ...r, nik: r.name, name: r.nik }),
    (r) => ({ ...r, address: r.nik.repeat(10) }),
  ];

  it('never contain the NIK, name, address, birth place or birth date', () => {
    const bodies = Array.from({ length: 50 }, (_, i) => {
      const resident = syntheticResident(1000 + i);
      const mutate = mutations[i % mutations.length];
      if (mutate === undefined) throw new Error('unreachable');
      return { resident, body: mutate(resident) };
    });

    for (const { resident, body } of bodies) {
      const secrets = new Set<string>();
      for (const source of [resident, body] as Record<string, unknown>[]) {
        for (const field of PERSONAL_FIELDS) {
          const value = source[field];
          // Very short values (e.g. an emptied field) would match by coincidence.
          if ((typeof value === 'string' || typeof value === 'number') && String(value).trim().length >= 4) {
            secrets.add(String(value).trim());
          }
        }
      }

      const issues = issuesOf(body);
      expect(issues.length).toBeGreaterThan(0);
      // Whole issues, not just messages: logs tend to serialise them as they are.
      const serialised = JSON.stringify(issues);
      for (const secret of secrets) {
        expect(
          serialised,
          `issues leaked a personal value for body ${JSON.stringify(Object.keys(body))}`,
        ).not.toContain(secret);
      }
    }
  });

  it('has the personal fields the privacy rule names', () => {
    expect(PERSONAL_FIELDS).toEqual([
      'nik',
      'name',
      'birthPlace',
      'birthDate',
      'address',
      'rtRw',
      'kelurahan',
      'photo',
      'signature',
      'frontImage',
    ]);
  });
});

describe('syntheticResidents', () => {
  it('is deterministic and matches syntheticResident for consecutive seeds', () => {
    const batch = syntheticResidents(3, 40, { kecamatan: 'ilir-barat-i' });
    expect(batch).toEqual(syntheticResidents(3, 40, { kecamatan: 'ilir-barat-i' }));
    expect(batch[2]).toEqual(syntheticResident(42, { kecamatan: 'ilir-barat-i' }));
    expect(new Set(batch.map((r) => r.nik)).size).toBe(3);
    for (const resident of batch) expect(schema.safeParse(resident).success).toBe(true);
  });

  it('keeps the NIK consistent with overridden birthDate and sex', () => {
    const resident = syntheticResident(50, { birthDate: '2004-02-29', sex: 'P' });
    expect(resident.nik.slice(0, 4)).toBe('1671');
    expect(resident.nik.slice(6, 12)).toBe('690204');
    expect(schema.safeParse(resident).success).toBe(true);
  });
});
