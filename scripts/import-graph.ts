import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run graph:imports`: the shape of the import graph the boundary rules guard
 * (`.dependency-cruiser.cjs`), for an issue's before/after note: cycles (strongly connected
 * components, counted with and without type-only imports), how many modules import each hub, and
 * the rule violations. Reads dependency-cruiser's JSON, so it counts exactly what `npm run lint` sees.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HUBS = [
  'src/station/station.ts',
  'src/config/schema.ts',
  'src/drivers/registry.ts',
  'drivers/evolis/evolis-driver.ts',
];

interface Dependency {
  readonly resolved: string;
  readonly dependencyTypes: readonly string[];
}
interface CruisedModule {
  readonly source: string;
  readonly dependencies: readonly Dependency[];
}
interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}
interface CruiseResult {
  readonly modules: readonly CruisedModule[];
  readonly summary: { readonly violations: readonly Violation[] };
}

const cruiser = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const output = execFileSync(
  process.execPath,
  [
    cruiser,
    'src',
    'drivers',
    'scripts',
    'test',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
  ],
  { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
);
const result = JSON.parse(output) as CruiseResult;
const local = result.modules.filter((module) => /^(src|drivers|scripts|test)\//.test(module.source));

const isTypeOnly = (dependency: Dependency) =>
  dependency.dependencyTypes.includes('type-only') || dependency.dependencyTypes.includes('type-import');

/** Tarjan's strongly connected components with more than one module: each is one tangle of cycles. */
function tangles(withTypes: boolean): string[][] {
  const edges = new Map(
    local.map((module) => [
      module.source,
      module.dependencies.filter((d) => withTypes || !isTypeOnly(d)).map((d) => d.resolved),
    ]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => b.length - a.length);
}

const lines: string[] = [];
lines.push(`${local.length} modules under src/, drivers/, scripts/, test/`);
for (const withTypes of [true, false]) {
  const found = tangles(withTypes);
  lines.push(
    '',
    `cycles (${withTypes ? 'type-only imports included' : 'runtime imports only'}): ${found.length}`,
  );
  for (const component of found) lines.push(`  ${component.length} modules: ${component.join(', ')}`);
}
lines.push('', 'importers per hub (src+drivers+scripts / test):');
for (const hub of HUBS) {
  const importers = local.filter((module) => module.dependencies.some((d) => d.resolved === hub));
  const inTests = importers.filter((module) => module.source.startsWith('test/')).length;
  lines.push(`  ${hub}: ${importers.length - inTests} / ${inTests}`);
}
const boundaryViolations = result.summary.violations.filter((v) => v.rule.name !== 'no-circular');
lines.push('', `boundary violations (other than cycles): ${boundaryViolations.length}`);
for (const v of boundaryViolations) lines.push(`  ${v.rule.name}: ${v.from} → ${v.to}`);
process.stdout.write(`${lines.join('\n')}\n`);
