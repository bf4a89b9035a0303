/**
 * The V8 flags the daemon runs with, everywhere it runs: `npm start`, the systemd unit, the Windows
 * service, the compiled `cetakd` bin's shebang and the tests that start it as a process (a test
 * checks they all agree).
 *
 * V8 lets a busy process's heap grow far past what it keeps alive before collecting: under a
 * status-port load the daemon's resident memory doubled (130 → 250 MB) while its live heap stayed
 * near 30 MB. A bounded old space (128 MB, four times the live heap of an 18-printer fleet) and
 * small young-generation semi-spaces keep it near 130 MB on a print PC that has other work to do.
 *
 * V8 sizes its heap before any JavaScript runs, so the flags must be on node's command line (or in
 * NODE_OPTIONS); the daemon cannot set them for itself. `cetakd` warns when they are missing.
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=2'];

/** The daemon's flags that neither node's arguments nor NODE_OPTIONS gave this process. */
export function missingDaemonFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
  return DAEMON_NODE_FLAGS.filter((flag) => !given.has(flag));
}
