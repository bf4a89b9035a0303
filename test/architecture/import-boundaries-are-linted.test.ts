import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of issue 16 are dependency-cruiser rules (`.dependency-cruiser.cjs`), run
 * by `npm run lint`. These tests run the same command: on the real tree, which must be clean, and
 * on a copy of it with forbidden imports planted, which each rule must catch.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs the rules as `npm run lint` does (the `err` report, whose exit code counts the errors). */
function cruise(cwd: string, paths: readonly string[]): { status: number | null; violations: string[] } {
  const run = spawnSync(process.execPath, [CRUISER, ...paths, '--config', '.dependency-cruiser.cjs'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  // `  error no-circular: a.ts →\n      b.ts →` : the rule, the importer and what it imports.
  const violations = [...run.stdout.matchAll(/\berror ([\w-]+): (\S+) →\s+(\S+)/g)].map(
    ([, rule, from, to]) => `${rule}: ${from} → ${to}`,
  );
  return { status: run.status, violations };
}

/** Planted files: each imports what one rule forbids, or (`allowed`) what the rules allow. */
const PLANTED: Record<string, string> = {
  'drivers/emulator/planted-cross-driver.ts':
    "import { EvolisDriver } from '../evolis/evolis-driver.js';\nexport const driver = EvolisDriver;\n",
  'drivers/emulator/planted-re-export.ts': "export * as evolis from '../evolis/index.js';\n",
  'drivers/evolis/planted-type-import.ts':
    "import type { EmulatedMachine } from '../emulator/machine.js';\nexport type Machine = EmulatedMachine;\n",
  'drivers/emulator/planted-allowed.ts':
    "import { describeReply } from '../evolis/protocol/index.js';\nimport { emulatedEncoder } from '../../src/chip/emulated-encoder.js';\nexport const both = [describeReply, emulatedEncoder];\n",
  'src/station/planted-driver-import.ts':
    "import type { EvolisDriver } from '../../drivers/evolis/evolis-driver.js';\nexport type Driver = EvolisDriver;\n",
  'src/util/planted-script-import.ts':
    "import { syntheticResident } from '../../scripts/synthetic-residents.js';\nexport const resident = syntheticResident;\n",
  'src/util/planted-cycle-a.ts':
    "import type { B } from './planted-cycle-b.js';\nexport type A = { b?: B };\n",
  'src/util/planted-cycle-b.ts':
    "import type { A } from './planted-cycle-a.js';\nexport type B = { a?: A };\n",
};

describe('import boundaries (npm run lint: dependency-cruiser)', () => {
  it('finds no violation in the tree: no cross-driver import, src/ into drivers/ only by the registry, nothing importing scripts/, no cycle', () => {
    const { status, violations } = cruise(ROOT, ['src', 'drivers', 'scripts']);
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });

  it('catches each kind of forbidden import planted in a copy of the tree', () => {
    const copy = mkdtempSync(join(tmpdir(), 'cetak-boundaries-'));
    try {
      for (const dir of ['src', 'drivers', 'scripts'])
        cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
      for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json'])
        cpSync(join(ROOT, file), join(copy, file));
      symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
      for (const [file, source] of Object.entries(PLANTED)) writeFileSync(join(copy, file), source);

      const { status, violations: found } = cruise(copy, Object.keys(PLANTED));
      expect(found).toEqual(
        expect.arrayContaining([
          'no-cross-driver-imports: drivers/emulator/planted-cross-driver.ts → drivers/evolis/evolis-driver.ts',
          'no-cross-driver-imports: drivers/emulator/planted-re-export.ts → drivers/evolis/index.ts',
          'no-cross-driver-imports: drivers/evolis/planted-type-import.ts → drivers/emulator/machine.ts',
          'src-reaches-drivers-only-through-the-registry: src/station/planted-driver-import.ts → drivers/evolis/evolis-driver.ts',
          'nothing-imports-scripts: src/util/planted-script-import.ts → scripts/synthetic-residents.ts',
          'no-circular: src/util/planted-cycle-a.ts → src/util/planted-cycle-b.ts',
        ]),
      );
      // The shared protocol module and src/ stay open to drivers.
      expect(found.filter((line) => line.includes('planted-allowed'))).toEqual([]);
      expect(status).toBe(found.length);
      expect(status).toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
