/**
 * `npm run audit`: fails when what ships (production dependencies) has a high or critical advisory.
 * When the registry's advisory service cannot be reached (some networks refuse it), it says so and
 * passes: CI must not fail for a service outage, but it must never hide a finding.
 */
import { spawnSync } from 'node:child_process';

interface AuditReport {
  readonly error?: { readonly summary?: string; readonly detail?: string };
  /** Set, with `statusCode`, when the advisory service answered with an HTTP error. */
  readonly message?: string;
  readonly statusCode?: number;
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
  readonly vulnerabilities?: Record<string, { readonly severity: string; readonly via: unknown[] }>;
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  console.log(`npm audit: no report (${run.stderr.trim().split('\n').at(-1) ?? 'no output'}); not checked`);
  process.exit(0);
}
if (report.error || report.statusCode !== undefined) {
  const why = report.message ?? report.error?.summary ?? 'unknown error';
  console.log(`npm audit: the advisory service could not be reached (${why}); not checked`);
  process.exit(0);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
  ['high', 'critical'].includes(v.severity),
);
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `npm audit (production dependencies): ${['critical', 'high', 'moderate', 'low'].map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`,
);
for (const [name, v] of serious) console.log(`  ${v.severity}: ${name}`);
process.exit(serious.length > 0 ? 1 : 0);
