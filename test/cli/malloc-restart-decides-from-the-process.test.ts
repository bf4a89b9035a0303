import { expect, it } from 'vitest';
import {
  describeMalloc,
  MALLOC_TUNING,
  mallocRestart,
  type ProcessFacts,
} from '../../src/bin/malloc-tuning.js';

const linux: ProcessFacts = {
  platform: 'linux',
  env: { PATH: '/usr/bin', CETAK_TOKEN: 't' },
  canReplaceItself: true,
  glibc: () => '2.36',
};

it('restarts a glibc Linux daemon with the settings added to its whole environment', () => {
  expect(mallocRestart(linux)).toEqual({
    env: { PATH: '/usr/bin', CETAK_TOKEN: 't', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' },
  });
  expect(MALLOC_TUNING).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' });
});

it.each([
  [{ platform: 'win32' as const }, 'not Linux: no glibc'],
  [{ env: { MALLOC_ARENA_MAX: '8' } }, 'MALLOC_ARENA_MAX is set by the environment'],
  // Set, even empty, is a choice; and a restarted daemon sees its own setting: it never loops.
  [{ env: { MALLOC_ARENA_MAX: '' } }, 'MALLOC_ARENA_MAX is set by the environment'],
  [{ canReplaceItself: false }, 'this node cannot restart itself in place (Node 20)'],
  [{ glibc: () => undefined }, 'not glibc'],
])('stays as it is where %o', (change, reason) => {
  expect(mallocRestart({ ...linux, ...change })).toEqual({ stay: reason });
});

it('does not ask for glibc where it would not restart anyway', () => {
  let asked = 0;
  const glibc = () => {
    asked++;
    return '2.36';
  };
  mallocRestart({ ...linux, env: { MALLOC_ARENA_MAX: '2' }, glibc });
  mallocRestart({ ...linux, canReplaceItself: false, glibc });
  expect(asked).toBe(0);
});

it('describes what malloc runs with, for the start-up log line', () => {
  expect(describeMalloc({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' })).toBe(
    'MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=16384',
  );
  expect(describeMalloc({ MALLOC_ARENA_MAX: '4' })).toBe('MALLOC_ARENA_MAX=4');
  expect(describeMalloc({})).toMatch(/^glibc defaults/);
});
