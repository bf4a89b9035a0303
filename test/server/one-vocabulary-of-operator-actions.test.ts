import { afterEach, describe, expect, it } from 'vitest';
import {
  OPERATOR_ACTION_KINDS,
  type OperatorAction,
  operatorActionSchema,
  PLAIN_ACTIONS,
} from '../../src/operations/operator-action.js';
import { parseAction } from '../../src/operations/station-controls.js';
import { machineOf, oneStationFleet, stationView } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

describe('one vocabulary of operator actions', () => {
  it('lists every kind of the union once, and each plain kind is also a route of its own', () => {
    const kinds = operatorActionSchema.options.map((option) => option.shape.kind.value);
    expect([...OPERATOR_ACTION_KINDS].sort()).toEqual([...kinds].sort());
    for (const kind of PLAIN_ACTIONS) expect(parseAction({ kind })).toEqual({ kind });
  });

  it('reads the deprecated { action } body as at-printer, and names a stray field or a bad kind', () => {
    expect(parseAction({ action: 'cover-closed' })).toEqual({ kind: 'at-printer', did: 'cover-closed' });
    expect(() => parseAction({ kind: 'kick-it' })).toThrow(/kind/);
    expect(() => parseAction({ kind: 'pause', surprise: 1 })).toThrow(/surprise/);
    expect(() => parseAction({ surprise: 1 })).toThrow(/surprise/);
    expect(() => parseAction({ kind: 'at-printer', did: 'kicked' })).toThrow(/did/);
  });

  it('pauses, resumes and clears a jam through POST /actions, and writes each action to the audit log', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const act = (action: OperatorAction) => test.post('/api/stations/sbu1-a/actions', action);

    const paused = await act({ kind: 'pause' });
    expect(paused.status).toBe(200);
    expect(paused.body.pausedSince).toBe(new Date(test.clock.now()).toISOString());
    expect(paused.body.nextAction).toMatchObject({ kind: 'paused' });
    const id = String((await test.submit(resident(1))).body.id);
    await test.clock.advance(10 * 60_000);
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('queued');
    expect((await act({ kind: 'resume' })).body.pausedSince).toBeNull();
    expect((await waitForJob(test, id, ['printed'])).state).toBe('printed');

    machineOf(test, 'sbu1-a').trigger('card-jam');
    const second = String((await test.submit(resident(2))).body.id);
    await test.clock.until(
      async () => (await stationView(test, 'sbu1-a')).problems.includes('card-jam'),
      600_000,
    );
    expect(test.daemon.stations[0]?.snapshot().nextAction.kind).toBe('wait-for-operator');
    const cleared = await act({ kind: 'at-printer', did: 'jam-cleared' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.problems).not.toContain('card-jam');
    expect((await waitForJob(test, second, ['printed', 'spoiled'])).state).toMatch(/printed|spoiled/);

    const audit = test.logs
      .map((line) => JSON.parse(line) as { msg: string; station?: string; action?: string })
      .filter((entry) => entry.msg === 'operator action');
    expect(audit.map((entry) => `${entry.station} ${entry.action}`)).toEqual([
      'sbu1-a pause',
      'sbu1-a resume',
      'sbu1-a at-printer:jam-cleared',
    ]);
  });
});
