import { expect, it } from 'vitest';
import { DAEMON_NODE_FLAGS, missingDaemonFlags } from '../../src/bin/node-flags.js';

it('names the memory flags node was started without, from its arguments or NODE_OPTIONS', () => {
  expect(missingDaemonFlags([])).toEqual(DAEMON_NODE_FLAGS);
  expect(missingDaemonFlags([...DAEMON_NODE_FLAGS])).toEqual([]);
  expect(missingDaemonFlags(['--max-old-space-size=128'])).toEqual(['--max-semi-space-size=2']);
  expect(missingDaemonFlags(['--inspect'], ` ${DAEMON_NODE_FLAGS.join('  ')} `)).toEqual([]);
  expect(missingDaemonFlags(['--max-old-space-size=4096'])).toEqual(DAEMON_NODE_FLAGS);
});
