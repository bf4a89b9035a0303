import type { Logger } from '../../src/log/logger.js';
import type { CommandChannel } from './command-channel.js';
import { describeReply, type Reply } from './protocol/index.js';

/** Whether a card is in the printing module, as `Rlr;p` tells (A5013 p. 34). */
export type Presence = 'inside' | 'empty' | 'unknown';

/**
 * `Rlr;p` answers `NO CARD`, or `ERR CARD` with a card in the printing module. Anything else
 * (a printer without the option answering `ERR CMD`, say) is `unknown`, so a printer that lacks it
 * is never sent `Ser` on a guess.
 */
export function presenceOf(reply: Reply): Presence {
  if (reply.kind === 'value' && /NO CARD/i.test(reply.text)) return 'empty';
  if (reply.kind === 'error' && /^CARD\b/i.test(reply.reason.trim())) return 'inside';
  return 'unknown';
}

export async function readPresence(channel: CommandChannel): Promise<Presence> {
  return presenceOf(await channel.send('Rlr', ['p']));
}

/** A card known to be in the printing module goes to the reject box (`Ser`); true if one did. */
export async function rejectIfInside(channel: CommandChannel, log: Logger): Promise<boolean> {
  if ((await readPresence(channel)) !== 'inside') return false;
  const reply = await channel.send('Ser');
  if (reply.kind !== 'ok')
    log.warn({ reply: describeReply(reply) }, 'Ser refused; the operator must clear the card');
  return true;
}
