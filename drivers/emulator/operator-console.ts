import { FAULT_NAMES, isFaultName } from './emulator-schema.js';
import type { EmulatedMachine } from './machine.js';
import { isOperatorAction, OPERATOR_ACTIONS } from './machine-types.js';

export const CONSOLE_HELP = [
  'operator actions: load-blanks [N], replace-ribbon, replace-film, empty-hopper, close-cover, clear-jam, power-on, power-off',
  `faults: fault NAME [SECONDS] (${FAULT_NAMES.join(', ')})`,
  'status, help',
].join('\n');

/**
 * One line of the emulator's operator console (its stdin): an operator action, `fault NAME
 * [SECONDS]`, `status` or `help`. Returns the line to print; never throws.
 */
export function consoleCommand(machine: EmulatedMachine, line: string): string {
  const [word, ...args] = line.trim().split(/\s+/);
  if (!word) return '';
  if (word === 'help') return CONSOLE_HELP;
  if (word === 'status') return describeStatus(machine);
  if (word === 'fault') {
    const [name = '', seconds] = args;
    if (!isFaultName(name)) return `unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`;
    const duration = seconds === undefined ? undefined : Number(seconds);
    if (duration !== undefined && !(duration > 0)) return `bad seconds "${seconds}"`;
    machine.trigger(name, duration);
    return `fault ${name}${duration === undefined ? '' : ` for ${duration} s`}`;
  }
  if (isOperatorAction(word)) {
    const count = args[0] === undefined ? undefined : Number(args[0]);
    if (count !== undefined && !(Number.isInteger(count) && count >= 0)) return `bad count "${args[0]}"`;
    const outcome = machine.operate(word, count);
    return outcome.ok ? `${word}: done` : `${word}: refused (${outcome.reason})`;
  }
  return `unknown command "${word}" (known: ${[...OPERATOR_ACTIONS, 'fault', 'status', 'help'].join(', ')})`;
}

function describeStatus(machine: EmulatedMachine): string {
  const s = machine.status();
  const c = s.counters;
  return [
    `state=${s.state}`,
    `problems=${s.problems.join(',') || 'none'}`,
    `internal=${s.internalC.toFixed(1)}`,
    `roller=${s.rollerC.toFixed(1)}`,
    `heater=${s.heaterOn ? 'on' : 'off'}`,
    `cards=${c.cards} ribbon=${c.ribbon} film=${c.film} feeder=${c.feeder} hopper=${c.hopper}`,
  ].join(' ');
}
