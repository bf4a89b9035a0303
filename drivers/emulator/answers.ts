import type { Reply, ErrorReason as WireReason } from '../evolis/protocol/index.js';
import type { Outcome } from './machine-types.js';

/** What to answer a command, and what to do once the answer is on its way. */
export interface Answer {
  /** `undefined`: no reply at all (the printer went silent under the command). */
  readonly reply: Reply | undefined;
  readonly afterwards?: () => void;
}

export const OK_ANSWER: Answer = Object.freeze({ reply: Object.freeze({ kind: 'ok' }) as Reply });

export const value = (text: string): Answer => ({ reply: { kind: 'value', text } });
export const error = (reason: WireReason): Answer => ({ reply: { kind: 'error', reason } });
export const SILENT: Answer = Object.freeze({ reply: undefined });

/** A machine outcome as a reply: `OK`, a value, `ERR …`, or silence (off, reset, shut off). */
export function answerOf(outcome: Outcome): Answer {
  if (outcome.ok) return outcome.value === 'OK' ? OK_ANSWER : value(outcome.value);
  switch (outcome.reason) {
    case 'off':
    case 'reset':
    case 'overheat':
      return SILENT;
    case 'CHIP':
      return error('TIMEOUT'); // the chip station has no reply of its own on the wire
    default:
      return error(outcome.reason);
  }
}
