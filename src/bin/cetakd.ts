#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=2
// The daemon's V8 flags (./node-flags.ts) are in this line because `env -S` passes them on Linux
// and macOS, and npm's Windows shim (cmd-shim) copies a shebang's arguments into the `.cmd` it
// writes. An `env` without `-S` (busybox) cannot run this line: start the daemon with `npm start`
// or the service files there. Wherever the flags are lost, the daemon says so in its log.
//
// Only the malloc check is imported before the daemon: a process that starts itself again with
// glibc's settings (./malloc-tuning.ts) should not have loaded anything first.
import { glibcVersion, mallocRestart } from './malloc-tuning.js';

// Node ≥ 22.15 (Linux, macOS); @types/node is Node 20's, the oldest node the daemon runs on.
const { execve } = process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never };
const restart = mallocRestart({
  platform: process.platform,
  env: process.env,
  canReplaceItself: typeof execve === 'function',
  glibc: glibcVersion,
});
if ('env' in restart) {
  // Same PID, arguments and environment, plus glibc's settings: npm, systemd or the shell that
  // started the daemon keep waiting on the same process. Does not return.
  execve?.call(
    process,
    process.execPath,
    [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    restart.env,
  );
}
const { runDaemon } = await import('./cetakd-main.js');
runDaemon();
