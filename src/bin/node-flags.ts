/**
 * The V8 flags the daemon runs with, everywhere it runs: `npm start`, the systemd unit, the Windows
 * service and the tests that start it as a process (a test checks they all agree).
 *
 * V8 lets a busy process's heap grow far past what it keeps alive before collecting: under a
 * status-port load the daemon's resident memory doubled (130 → 250 MB) while its live heap stayed
 * near 30 MB. A bounded old space (128 MB, four times the live heap of an 18-printer fleet) and
 * small young-generation semi-spaces keep it near 130 MB on a print PC that has other work to do.
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=2'];
