/**
 * glibc's malloc, tuned for a daemon that runs for months beside the SIAK client.
 *
 * glibc gives each thread that allocates its own arena (up to 8 per core) and keeps in it what the
 * thread freed; and after a large block is freed it raises its `mmap` threshold, so later blocks
 * of that size land in the arenas too, where they stay. libvips decoding a photo on libuv's pool
 * touches several threads: at the end of a photo batch the daemon held ~60 MB in a dozen arenas.
 * Two arenas and a fixed 16 KiB threshold (blocks from 16 KiB up are `mmap`ed and given back when
 * freed) took ~50–65 MB off the end of the batch (`docs/performance.md`): libvips reads a PNG in
 * 115 kB strips, which a 128 KiB threshold left in the arenas, and libjpeg allocates its work in
 * pools of ~16 kB, which a 64 KiB one left there (5–7 MB after ten JPEGs in a bare process; none
 * at 16 KiB, for ~0.3 s more CPU per ten photos, off the event loop).
 *
 * glibc reads these settings from the environment once, when the process starts: the daemon cannot
 * change its own. Where node can replace its process in place (`process.execve`, Node ≥ 22.15 and
 * 24 on Linux) the daemon starts itself again with them, keeping its PID, arguments and the rest of
 * its environment; systemd's unit sets them itself. Whoever sets `MALLOC_ARENA_MAX` chooses for
 * the daemon, which then leaves malloc alone.
 */

export const MALLOC_TUNING: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '16384',
};

export interface ProcessFacts {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** Whether node can replace this process (`process.execve`). */
  readonly canReplaceItself: boolean;
  /** glibc's version, from node's report; undefined on musl and elsewhere. */
  readonly glibc: () => string | undefined;
}

/** The environment to start again with, or why the process stays as it is. */
export function mallocRestart(facts: ProcessFacts): { env: NodeJS.ProcessEnv } | { stay: string } {
  if (facts.platform !== 'linux') return { stay: 'not Linux: no glibc' };
  if (facts.env.MALLOC_ARENA_MAX !== undefined) return { stay: 'MALLOC_ARENA_MAX is set by the environment' };
  if (!facts.canReplaceItself) return { stay: 'this node cannot restart itself in place (Node 20)' };
  if (facts.glibc() === undefined) return { stay: 'not glibc' };
  return { env: { ...facts.env, ...MALLOC_TUNING } };
}

/** For the start-up log line: what malloc runs with. */
export function describeMalloc(env: NodeJS.ProcessEnv): string {
  const arenas = env.MALLOC_ARENA_MAX;
  if (arenas === undefined) return 'glibc defaults (set MALLOC_ARENA_MAX=2: docs/performance.md)';
  const threshold = env.MALLOC_MMAP_THRESHOLD_;
  return `MALLOC_ARENA_MAX=${arenas}${threshold === undefined ? '' : ` MALLOC_MMAP_THRESHOLD_=${threshold}`}`;
}

/** glibc's version as node's diagnostic report gives it (what `detect-libc` reads too). */
export function glibcVersion(): string | undefined {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime;
}
