import { isFaultName } from '../../src/config/emulator-schema.js';
import { unpackBits } from '../evolis/packbits.js';
import type { Frame } from './command-parser.js';
import type { EmulatedMachine } from './machine.js';
import { isOperatorAction, type MachineState, type Outcome } from './machine-types.js';
import { isPanel, PANELS } from './panels.js';

/** What to answer, and what to do once the answer is on its way (a fault that follows an `OK`). */
export interface Answer {
  /** The reply line without its CR; `undefined` for no reply at all. */
  readonly text: string | undefined;
  readonly afterwards?: () => void;
}

export interface HandlerOptions {
  /** False emulates a printer without the `X…` extensions (`Xdbg`/`Xop` stay, for tests). */
  readonly extensions: boolean;
}

const STATE_TEXT: Readonly<Record<MachineState, string>> = {
  off: 'OFF',
  standby: 'STANDBY',
  warming: 'WARMING',
  ready: 'READY',
  printing: 'PRINTING',
  overheated: 'OVERHEAT',
};

const PROBLEM_TEXT = {
  'feeder-empty': 'FEEDER EMPTY',
  'ribbon-out': 'RIBBON OUT',
  'film-out': 'FILM OUT',
  'hopper-full': 'HOPPER FULL',
  'cover-open': 'COVER OPEN',
  'card-jam': 'JAM',
  'chip-error': 'CHIP',
} as const;

const EXTENSIONS = new Set(['Xt', 'Xv', 'Xh', 'Xce']);
const HEX = /^(?:[0-9A-Fa-f]{2})+$/;
const COUNT = /^\d{1,6}$/;
const SECONDS = /^\d{1,6}(?:\.\d{1,3})?$/;

const say = (text: string): Answer => ({ text });
const SYNTAX = say('ERR SYNTAX');

/** Reads need no parameters and never fail. */
const READS: Readonly<Record<string, (m: EmulatedMachine) => string>> = {
  Rfv: (m) => m.firmware,
  Rsn: (m) => m.serial,
  Rtp: (m) => m.model,
  Rco: (m) => {
    const c = m.status().counters;
    return `cards=${c.cards};ribbon=${c.ribbon};film=${c.film};feeder=${c.feeder};hopper=${c.hopper}`;
  },
  Rst: (m) => STATE_TEXT[m.state],
  Rpb: (m) =>
    m
      .status()
      .problems.map((p) => PROBLEM_TEXT[p])
      .join(',') || 'NONE',
  Xt: (m) => {
    const s = m.status();
    return `internal=${s.internalC.toFixed(1)};roller=${s.rollerC.toFixed(1)}`;
  },
  Xv: () => '1',
};

/** `ERR <REASON>`, `OK`, a value — or nothing when the printer went off or rebooted under it. */
export function answerOf(outcome: Outcome): Answer {
  if (outcome.ok) return say(outcome.value);
  if (outcome.reason === 'off' || outcome.reason === 'reset') return { text: undefined };
  return say(`ERR ${outcome.reason}`);
}

/** Carries out one frame on the machine (PROTOCOL.md, Commands) and says what to answer. */
export async function handleFrame(
  machine: EmulatedMachine,
  frame: Frame,
  options: HandlerOptions,
): Promise<Answer> {
  if (frame.kind === 'bad') return SYNTAX;
  if (frame.kind === 'download') {
    if (!frame.terminated || !/^\d$/.test(frame.bits)) return SYNTAX;
    const data = frame.compressed ? unpackDownload(frame.panel, frame.data) : frame.data;
    if (data === 'SYNTAX') return SYNTAX;
    // Packed data that does not come to the panel's size is the wrong size, like a short `Db`.
    if (data === 'SIZE') return say('ERR SIZE');
    return answerOf(machine.download(frame.panel, Number(frame.bits), data));
  }
  const { name, params } = frame;
  if (!options.extensions && EXTENSIONS.has(name)) return say('ERR UNKNOWN');
  const read = READS[name];
  if (read) return params.length === 0 ? say(read(machine)) : SYNTAX;
  const [first, second] = params;
  switch (name) {
    case 'Pr':
      return params.length === 1 ? answerOf(machine.selectRibbon(first as string)) : SYNTAX;
    case 'Xh':
      return params.length === 1 && (first === '0' || first === '1')
        ? answerOf(machine.setHeater(first === '1'))
        : SYNTAX;
    case 'Db':
    case 'Dbc':
      return SYNTAX; // a download line without its four `;` never reached the data
    case 'Ss':
    case 'Sr':
    case 'Sic':
    case 'Se':
    case 'Ser':
      return params.length === 0 ? answerOf(await sequence(machine, name)) : SYNTAX;
    case 'Xce':
      return params.length === 1 && HEX.test(first as string) ? answerOf(await machine.encode()) : SYNTAX;
    case 'Xdbg': {
      if (params.length < 1 || params.length > 2 || !isFaultName(first as string)) return SYNTAX;
      if (second !== undefined && !SECONDS.test(second)) return SYNTAX;
      const fault = first as Parameters<EmulatedMachine['trigger']>[0];
      const seconds = second === undefined ? undefined : Number(second);
      return { text: 'OK', afterwards: () => machine.trigger(fault, seconds) };
    }
    case 'Xop': {
      if (params.length < 1 || params.length > 2 || !isOperatorAction(first as string)) return SYNTAX;
      if (second !== undefined && (first !== 'load-blanks' || !COUNT.test(second))) return SYNTAX;
      if (first === 'power-off') return { text: 'OK', afterwards: () => machine.operate('power-off') };
      return answerOf(
        machine.operate(
          first as Parameters<EmulatedMachine['operate']>[0],
          second === undefined ? undefined : Number(second),
        ),
      );
    }
    default:
      return say('ERR UNKNOWN');
  }
}

/** A `Dbc` panel unpacked to the size its panel must have (PROTOCOL.md, Download). */
function unpackDownload(panel: string, packed: Uint8Array): Uint8Array | 'SYNTAX' | 'SIZE' {
  if (!isPanel(panel)) return 'SYNTAX';
  return unpackBits(packed, PANELS[panel].bytes) ?? 'SIZE';
}

function sequence(
  machine: EmulatedMachine,
  name: 'Ss' | 'Sr' | 'Sic' | 'Se' | 'Ser',
): Outcome | Promise<Outcome> {
  switch (name) {
    case 'Ss':
      return machine.feed();
    case 'Sr':
      return machine.print();
    case 'Sic':
      return machine.toEncoder();
    case 'Se':
      return machine.eject();
    case 'Ser':
      return machine.reject();
  }
}
