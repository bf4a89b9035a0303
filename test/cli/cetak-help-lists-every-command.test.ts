import { describe, expect, it } from 'vitest';
import { runCli } from '../import/cli-harness.js';

const COMMANDS = [
  'status',
  'jobs',
  'submit',
  'preview',
  'import',
  'promote',
  'resolve',
  'reprint',
  'cancel',
  'station',
  'stock',
  'alerts',
  'report',
  'backup',
  'dashboard',
  'doctor',
];

describe('cetak --help', () => {
  it('lists every command, each with its own usage, and the exit codes scripts rely on', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}([a-z]+) {2,}\S/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMANDS);
    expect(help.stdout).toContain('67 not found');
    for (const name of COMMANDS) {
      const own = await runCli([name, '--help']);
      expect(own.code, name).toBe(0);
      expect(own.stdout, name).toMatch(new RegExp(`^Usage: npm run cetak -- ${name}`));
      expect(own.stdout, name).toContain('--json');
    }
  });

  it.each([
    [['jobs', 'queued'], 'unexpected argument "queued"'],
    [['jobs', '--priority', 'urgent'], '--priority must be one of walk-in, backlog'],
    [['submit'], 'missing FILE'],
    [['promote'], 'missing NIK'],
    [['station'], 'missing ID'],
    [['station', 'sbu1-a', 'blanks'], 'missing N'],
    [['station', 'sbu1-a', 'pause', 'now'], 'unexpected argument "now"'],
    [['dashboard', 'now'], 'unexpected argument "now"'],
  ])('refuses %j with exit 64 before asking any daemon', async (argv, why) => {
    const run = await runCli([...argv, '--url', 'http://127.0.0.1:9', '--token', 'x'.repeat(16)]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(why);
    expect(run.stderr).toContain('--help for more');
  });
});
