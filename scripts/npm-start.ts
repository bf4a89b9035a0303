/**
 * Starts the daemon exactly as an office does, `npm start -- …`, for benchmarks that measure the
 * daemon's own process: npm and the shell it runs are parents, so their memory is not the daemon's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildDist } from './build-dist.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StartedDaemon {
  /** The `npm` process. */
  readonly npm: ChildProcess;
  /** The daemon's own node process (a child or grandchild of npm). */
  readonly pid: number;
  readonly url: string;
  /** The bearer token from the data dir. */
  readonly token: string;
  readonly output: () => string;
  /** SIGTERM to the daemon; resolves when npm has exited. */
  stop(): Promise<void>;
}

/** `npm start -- <args>` in the repository, freshly built; resolves once the status port listens. */
export async function npmStart(
  args: readonly string[],
  dataDir: string,
  timeoutMs = 30_000,
): Promise<StartedDaemon> {
  buildDist();
  const npm = spawn('npm', ['start', '--silent', '--', ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CETAK_LOG_LEVEL: 'info' },
  });
  let output = '';
  const collect = (chunk: unknown) => {
    output += String(chunk);
  };
  npm.stdout?.on('data', collect);
  npm.stderr?.on('data', collect);
  const exited = once(npm, 'exit');
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`daemon did not listen within ${timeoutMs} ms:\n${output}`);
    url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
    if (!url) await sleep(50);
  }
  const pid = daemonPid(npm.pid ?? -1);
  if (pid === undefined) throw new Error('the daemon process was not found under npm');
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  return {
    npm,
    pid,
    url,
    token,
    output: () => output,
    stop: async () => {
      process.kill(pid, 'SIGTERM');
      await exited;
    },
  };
}

/** The node process running `cetakd.js` among `root`'s descendants (Linux /proc). */
function daemonPid(root: number): number | undefined {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    try {
      // `sh -c "node … cetakd.js"` names the file too: the daemon is the node process itself.
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/node$/.test(argv[0] ?? '') && argv.some((arg) => arg.endsWith('cetakd.js'))) return pid;
    } catch {
      // Ended.
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}

/** Linux: a process's resident set now (`VmRSS`) and at its peak (`VmHWM`), in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Resident memory of a process by kind, in bytes (Linux `/proc/PID/smaps`): where the RSS is. */
export interface MemoryMap {
  /** Pages of the `node` executable itself: code and data read from the file. */
  readonly nodeExecutable: number;
  /** Other files: shared libraries (libvips, the SQLite addon), fonts, the store. */
  readonly otherFiles: number;
  /** glibc's main malloc arena (`[heap]`): the event loop's thread's `malloc`s, Buffers among them. */
  readonly mainArena: number;
  /** glibc's arenas of other threads (64 MB-aligned heaps): libuv's pool, V8's helpers, libvips. */
  readonly threadArenas: number;
  readonly threadArenaCount: number;
  /** Other anonymous memory: V8's heap and code space, large `mmap`ed blocks, thread stacks. */
  readonly otherAnonymous: number;
  readonly threads: number;
}

const ARENA_ALIGNMENT = 64 * 1024 * 1024;

export function memoryMapOf(pid: number): MemoryMap {
  const totals = { nodeExecutable: 0, otherFiles: 0, mainArena: 0, threadArenas: 0, otherAnonymous: 0 };
  let threadArenaCount = 0;
  let region: { start: number; writable: boolean; path: string } | undefined;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-[0-9a-f]+ (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      region = {
        start: Number.parseInt(header[1] ?? '0', 16),
        writable: header[2]?.[1] === 'w',
        path: header[3] ?? '',
      };
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss || !region) continue;
    const bytes = Number(rss[1]) * 1024;
    const { start, writable, path } = region;
    if (path === '[heap]') totals.mainArena += bytes;
    else if (path.startsWith('/')) totals[/\/node$/.test(path) ? 'nodeExecutable' : 'otherFiles'] += bytes;
    else if (path === '' && writable && start % ARENA_ALIGNMENT === 0) {
      totals.threadArenas += bytes;
      threadArenaCount++;
    } else totals.otherAnonymous += bytes;
  }
  return { ...totals, threadArenaCount, threads: readdirSync(`/proc/${pid}/task`).length };
}
