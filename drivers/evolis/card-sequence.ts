import type { CardToPrint, PrintOutcome, RenderedPanels, SpoilReason } from '../../src/drivers/driver.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { CommandChannel } from './command-channel.js';
import { MAX_LINE_BYTES } from './framing.js';
import { blankPanel, DOWNLOAD_ORDER, panelDownload } from './panels.js';
import { describeReply, parseChipUid, type Reply, spoilReasonFor } from './reply.js';

export interface CardSequenceOptions {
  readonly channel: CommandChannel;
  /** With extensions the chip is personalised (`Sic`, `Xce`); without, those steps are skipped. */
  readonly extensions: boolean;
  readonly log: Logger;
  /** Checked until the blank is fed; a card once started is finished. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One card's cycle (PROTOCOL.md, "Sequence commands"): `Pr`, a `Db`/`Dbc` per panel, `Ss`, `Sr`,
 * [`Sic`, `Xce`], `Se`.
 *
 * - Until `Ss` is sent no blank can have moved, so a refusal or a link failure is `not-started`.
 * - A step refused after `Ss` spoils the card: `Ser` sends it to the reject tray.
 * - A link failure from `Ss` on, or an `Ss` answer that is neither `OK` nor `ERR`, rejects: whether
 *   a card came out is unknown, and nothing is resent.
 *
 * Card fields are personal data: this never logs them.
 */
export async function runCardSequence(
  card: CardToPrint,
  options: CardSequenceOptions,
): Promise<PrintOutcome> {
  const { channel, extensions, log, signal } = options;
  const chipData = extensions ? chipDataFor(card.jobId) : '';
  // A card sent without its face still runs its cycle on a blank black panel.
  const panels: RenderedPanels = card.panels ?? { k: blankPanel('k') };
  const downloads = DOWNLOAD_ORDER.flatMap((panel) => {
    const data = panels[panel];
    if (!data) return [];
    const { name, frame } = panelDownload(panel, data);
    return [[name, () => channel.sendFrame(name, frame)] as const];
  });
  const beforeFeed: ReadonlyArray<readonly [string, () => Promise<Reply>]> = [
    ['Pr', () => channel.send('Pr', ['YMCKO'])],
    ...downloads,
  ];
  for (const [name, send] of beforeFeed) {
    if (signal?.aborted) return notStarted('aborted before the blank was fed');
    let reply: Reply;
    try {
      reply = await send();
    } catch (error) {
      if (isCetakError(error, 'LINK_TIMEOUT') || isCetakError(error, 'LINK_LOST')) {
        return notStarted(error.message);
      }
      throw error;
    }
    if (reply.kind !== 'ok') return notStarted(`${name} refused: ${describeReply(reply)}`);
  }
  if (signal?.aborted) return notStarted('aborted before the blank was fed');

  const fed = await channel.send('Ss');
  if (fed.kind === 'error') return notStarted(`Ss refused: ${describeReply(fed)}`);
  if (fed.kind === 'value') {
    // Neither OK nor a refusal: a blank may or may not have been fed.
    throw new CetakError(
      'REPLY_INVALID',
      `Ss answered ${describeReply(fed)}; whether a blank was fed is unknown`,
    );
  }

  let chipUid: string | undefined;
  const steps: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['Sr', []],
    ...(extensions
      ? ([
          ['Sic', []],
          ['Xce', [chipData]],
        ] as const)
      : []),
    ['Se', []],
  ];
  for (const [name, params] of steps) {
    const reply = await channel.send(name, params);
    if (name === 'Xce' && reply.kind === 'value') {
      try {
        chipUid = parseChipUid(reply.text);
        continue;
      } catch {
        // A UID we cannot read ties no chip to the resident's record: the card is no good.
        log.warn({ step: name }, 'chip UID reply not understood; spoiling the card');
        return spoil(channel, 'chip-error', chipUid, log);
      }
    }
    if (reply.kind === 'ok') {
      if (name === 'Xce') log.warn('Xce answered OK without a chip UID; the UID stays unknown');
      continue;
    }
    log.warn({ step: name, reply: describeReply(reply) }, 'card step failed; spoiling the card');
    return spoil(
      channel,
      reply.kind === 'error' ? spoilReasonFor(reply.reason) : 'printer-error',
      chipUid,
      log,
    );
  }
  return chipUid === undefined ? { result: 'printed' } : { result: 'printed', chipUid };
}

/** `Xce` data: the job id's bytes in hex, so the chip can be traced back to the job. */
export function chipDataFor(jobId: string): string {
  const hex = Buffer.from(jobId, 'utf8').toString('hex').toUpperCase();
  if (hex.length + 6 > MAX_LINE_BYTES) {
    throw new CetakError('JOB_INVALID', `job id of ${jobId.length} characters is too long for the chip data`);
  }
  return hex;
}

function notStarted(reason: string): PrintOutcome {
  return { result: 'not-started', reason };
}

/** Sends the card to the reject tray. `Ser`'s own answer changes nothing: the card is spoiled. */
async function spoil(
  channel: CommandChannel,
  reason: SpoilReason,
  chipUid: string | undefined,
  log: Logger,
): Promise<PrintOutcome> {
  try {
    const reply = await channel.send('Ser');
    if (reply.kind !== 'ok')
      log.warn({ reply: describeReply(reply) }, 'Ser refused; the operator must clear the card');
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'Ser got no answer');
  }
  return chipUid === undefined ? { result: 'spoiled', reason } : { result: 'spoiled', reason, chipUid };
}
