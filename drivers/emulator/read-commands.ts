import type { Reply } from '../evolis/protocol/index.js';
import { type Answer, error, OK_ANSWER, value } from './answers.js';
import type { EmulatedMachine } from './machine.js';
import type { PrinterSettings } from './printer-settings.js';

export interface ReadContext {
  readonly machine: EmulatedMachine;
  readonly settings: PrinterSettings;
  /** The printer's last answer to a command other than `Rlr` (what `Rlr` reads back). */
  readonly lastAnswer: Reply | undefined;
}

/** Cards between cleanings before `Rlr;r` asks for one. */
export const CLEANING_INTERVAL_CARDS = 1000;

/**
 * The guide's read commands (A5013, `R` pages). Values the guide does not format are Cetak's
 * choice and listed in `drivers/evolis/PROTOCOL.md`; none of them is needed to print.
 */
export function readCommand(name: string, params: readonly string[], context: ReadContext): Answer {
  const { machine, settings } = context;
  const [first = ''] = params;
  switch (name) {
    case 'Rtp':
      return value(machine.model);
    case 'Rsn':
      return value(machine.serial);
    case 'Rfv':
      return value(machine.firmware);
    case 'Rck':
      return value('5A3C');
    case 'Rks':
      return value('0');
    case 'Rfn':
      return value(first === '1' ? 'Arial Bold 100' : 'Arial Normal 100');
    case 'Rco':
      return counter(first, machine);
    case 'Rcr':
      // "OK if we are not on the black mark" (the ribbon's end).
      return machine.status().problems.includes('ribbon-out') ? error('RIBBON') : OK_ANSWER;
    case 'Rlr':
      return lastReply(first, context);
    case 'Rse':
      return sensor(first, machine);
    case 'Rps':
      return /^[cmopr]$/.test(first) ? value(settings.read('Rps', params) ?? '128') : error('PARAM');
    case 'Rcom':
      return /^[12]$/.test(first)
        ? value(settings.read('Rcom', params) ?? '115200;N;8;1;NONE;E')
        : error('PARAM');
    default: {
      const stored = settings.read(name, params);
      return stored === undefined ? error('CMD') : value(stored);
    }
  }
}

/** `Rco;p` printed panels, `c` inserted cards, `a`/`m`/`n` cleaning, `l` (or `I`) ribbon left. */
function counter(which: string, machine: EmulatedMachine): Answer {
  const { counters } = machine.status();
  switch (which) {
    case 'p':
      return value(String(machine.panelsPrinted));
    case 'c':
      return value(String(machine.cardsInserted));
    case 'a':
    case 'm':
      return value(String(CLEANING_INTERVAL_CARDS));
    case 'n':
      return value(String(counters.cleanings));
    case 'l':
    case 'I':
      return value(String(counters.ribbon));
    default:
      return error('PARAM');
  }
}

/**
 * `Rlr`: the last answer. `Rlr;p`: `NO CARD`, or `ERR CARD` with a card in the printing module
 * (the guide also names the feeder, which always holds cards here, so it is not counted).
 * `Rlr;r`: `ERR NEED CLEANING` once the cleaning interval has passed, else the last answer.
 */
function lastReply(option: string, context: ReadContext): Answer {
  const { machine, lastAnswer } = context;
  if (option === 'p') return machine.card ? guideError('CARD') : value('NO CARD');
  if (option === 'r' && machine.status().counters.sinceCleaning >= CLEANING_INTERVAL_CARDS)
    return guideError('NEED CLEANING');
  if (option !== '' && option !== 'r') return error('PARAM');
  return { reply: lastAnswer ?? { kind: 'ok' } };
}

/** `Rse`: a sensor's voltage (volts, two decimals): low when its beam is blocked. */
function sensor(which: string, machine: EmulatedMachine): Answer {
  const { problems } = machine.status();
  switch (which) {
    case 'o':
      return value(problems.includes('cover-open') ? '4.80' : '0.35');
    case 'p':
      return value(machine.card ? '0.40' : '4.70');
    case 'm':
      return value(problems.includes('feeder-empty') ? '4.75' : '0.45');
    case 'c':
    case 'r':
      return value('2.50');
    default:
      return error('PARAM');
  }
}

/** `Rlr`'s own texts, which the guide gives word for word. */
function guideError(reason: 'CARD' | 'NEED CLEANING'): Answer {
  return { reply: { kind: 'error', reason } };
}
