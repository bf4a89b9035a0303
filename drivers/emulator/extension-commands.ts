import { type Answer, answerOf, error, OK_ANSWER, value } from './answers.js';
import { isFaultName } from './emulator-schema.js';
import type { EmulatedMachine } from './machine.js';
import { isOperatorAction } from './machine-types.js';

/**
 * Cetak's extensions, answered only when the emulator runs with them (`--extensions`, or
 * `extensions: true` in an emulated station's settings); without, each is `ERR CMD` like any
 * command the printer does not know. Nothing in Cetak's print path needs them.
 * - `Xv`: the extension set's version (`1`); the driver asks it once at connect.
 * - `Xt`: `internal=35.2;roller=165.0;heater=1` (°C; the roller heater on or off); `ERR CMD` from
 *   a printer whose `printer:` block says `reportsTemperatures: false`.
 * - `Xco`: `feeder=88;hopper=12;ribbon=412;film=912` — blanks in the feeder, free hopper slots,
 *   cards left on ribbon and film (the guide's `Rco` counts cards and panels, not stock).
 * - `Xh;1` / `Xh;0`: roller heater on / off (`Xh;1` also restarts the idle timer).
 * - `Xdbg;<fault>[;<seconds>]` and `Xop;<action>[;<count>]`: trigger a fault from the emulator's
 *   catalogue, or do what an operator would, for tests and training.
 */
export function extensionCommand(
  name: string,
  params: readonly string[],
  machine: EmulatedMachine,
  reportsTemperatures: boolean,
): Answer {
  const [first = '', second] = params;
  switch (name) {
    case 'Xv':
      return params.length === 0 ? value('1') : error('PARAM');
    case 'Xt': {
      // A printer modelled as blind keeps its temperatures to itself, like one without the extension.
      if (!reportsTemperatures) return error('CMD');
      if (params.length > 0) return error('PARAM');
      const s = machine.status();
      return value(
        `internal=${s.internalC.toFixed(1)};roller=${s.rollerC.toFixed(1)};heater=${s.heaterOn ? 1 : 0}`,
      );
    }
    case 'Xco': {
      if (params.length > 0) return error('PARAM');
      const c = machine.status().counters;
      return value(`feeder=${c.feeder};hopper=${c.hopper};ribbon=${c.ribbon};film=${c.film}`);
    }
    case 'Xh':
      return params.length === 1 && (first === '0' || first === '1')
        ? answerOf(machine.setHeater(first === '1'))
        : error('PARAM');
    case 'Xdbg': {
      if (params.length > 2 || !isFaultName(first)) return error('PARAM');
      if (second !== undefined && !/^\d{1,6}(?:\.\d{1,3})?$/.test(second)) return error('PARAM');
      const seconds = second === undefined ? undefined : Number(second);
      return { ...OK_ANSWER, afterwards: () => machine.trigger(first, seconds) };
    }
    case 'Xop': {
      if (params.length > 2 || !isOperatorAction(first)) return error('PARAM');
      if (second !== undefined && (first !== 'load-blanks' || !/^\d{1,6}$/.test(second)))
        return error('PARAM');
      if (first === 'power-off') return { ...OK_ANSWER, afterwards: () => machine.operate('power-off') };
      return answerOf(machine.operate(first, second === undefined ? undefined : Number(second)));
    }
    default:
      return error('CMD');
  }
}
