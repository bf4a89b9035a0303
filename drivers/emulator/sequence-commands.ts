import type { Clock } from '../../src/clock/clock.js';
import { type Answer, answerOf, error, OK_ANSWER, value } from './answers.js';
import type { EmulatedMachine } from './machine.js';
import type { Outcome } from './machine-types.js';

/** How long `Scp` (a cleaning cycle) takes. */
export const CLEANING_SECONDS = 30;

/**
 * The guide's sequence commands (A5013, `S` pages) on the emulated machine:
 * - `Ss`, `Si`, `Sib` feed a blank unless a card is already inside; `Sic` / `Sis` also take it to
 *   the contactless / contact chip station, where outside software personalises the chip;
 * - `Sr` selects the front for the downloads that follow (this printer has no back: `Sv` is
 *   refused by the command table);
 * - `Se` prints the card from the bitmaps with the loaded ribbon and ejects it: it is answered when
 *   the card is out, after the roller has warmed if it was cold (the sequence is held, not refused);
 * - `Ser` and `Seb` put the card in the reject box; `Sie` feeds a blank and puts it there unprinted;
 * - `Sc`, `St` and `Stt` print a card from the bitmaps as they are (a copy, a test card);
 * - `Srs` restarts the printer, `Scp` cleans it, `Sdm`/`Sdu` wait.
 */
export async function sequenceCommand(
  name: string,
  params: readonly string[],
  machine: EmulatedMachine,
  clock: Clock,
): Promise<Answer> {
  const [first = ''] = params;
  switch (name) {
    case 'Ss':
    case 'Si':
    case 'Sib':
      return answerOf(machine.insert());
    case 'Sic':
    case 'Sis':
      return answerOf(
        then(machine.insert(), () => machine.toStation(name === 'Sic' ? 'contactless' : 'contact')),
      );
    case 'Sr':
    case 'Sa':
    case 'Scs':
    case 'Scom':
    case 'Ssd':
      return OK_ANSWER;
    case 'Sp':
      return machine.card ? OK_ANSWER : error('NO CARD');
    case 'Se':
      return answerOf(await machine.printCard());
    case 'Ser':
    case 'Seb':
      return answerOf(machine.reject());
    case 'Sie':
      return answerOf(then(machine.insert(), () => machine.reject()));
    case 'Sc':
    case 'St':
    case 'Stt': {
      const fed = machine.insert();
      return answerOf(fed.ok ? await machine.printCard() : fed);
    }
    case 'Srs':
      return { ...OK_ANSWER, afterwards: () => machine.restart() };
    case 'Scp':
      await clock.sleep(CLEANING_SECONDS * 1000);
      machine.cleaned();
      return OK_ANSWER;
    case 'Sdm':
    case 'Sdu': {
      if (!/^\d{1,7}$/.test(first)) return error('PARAM');
      await clock.sleep(name === 'Sdm' ? Number(first) : Number(first) / 1000);
      return OK_ANSWER;
    }
    case 'Sk':
      return feeder(first, machine);
    default:
      return error('CMD');
  }
}

function then(outcome: Outcome, next: () => Outcome): Outcome {
  return outcome.ok ? next() : outcome;
}

/** `Sk;f` finish sensor (0 not empty, 1 feeder 1 empty), `Sk;w` warning, `Sk;s` status. */
function feeder(which: string, machine: EmulatedMachine): Answer {
  if (which === 'f') return value(machine.status().problems.includes('feeder-empty') ? '1' : '0');
  if (which === 'w') return value('0');
  if (which === 's') return OK_ANSWER;
  return error('PARAM');
}
