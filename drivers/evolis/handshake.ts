import type { Clock } from '../../src/clock/clock.js';
import type { PrinterIdentity } from '../../src/drivers/driver.js';
import { CetakError, isCetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { CommandChannel } from './command-channel.js';
import { describeReply } from './protocol/index.js';

export interface Handshake {
  readonly identity: PrinterIdentity;
  /** Whether the printer answered `Xv`: Cetak's temperature and heater extensions. */
  readonly extensions: boolean;
}

/** How long the extension probe waits: a printer that ignores unknown commands says nothing. */
export const PROBE_TIMEOUT_MS = 3_000;
/** After an unanswered probe, a late answer arriving within this is dropped as stray. */
const PROBE_GRACE_MS = 1_000;

/**
 * Who is on the other end (A5013 `R` pages): `Rtp` (model), `Rsn` (serial number), `Rfv`
 * (firmware), then one probe for Cetak's extensions, `Xv`. A printer that speaks only the guide
 * answers the probe with an error, or (the guide lets minor errors go unreported) not at all;
 * either way it simply has no extensions, and nothing in the print path needs them.
 */
export async function handshake(channel: CommandChannel, clock: Clock, log: Logger): Promise<Handshake> {
  const identity: PrinterIdentity = {
    model: await readText(channel, 'Rtp'),
    serial: await readText(channel, 'Rsn'),
    firmware: await readText(channel, 'Rfv'),
  };
  return { identity, extensions: await probeExtensions(channel, clock, log) };
}

async function probeExtensions(channel: CommandChannel, clock: Clock, log: Logger): Promise<boolean> {
  try {
    const reply = await channel.send('Xv', [], { timeoutMs: PROBE_TIMEOUT_MS });
    if (reply.kind === 'value') return true;
    if (reply.kind === 'ok') log.warn('Xv answered OK without a version; working without extensions');
    return false;
  } catch (error) {
    if (!isCetakError(error, 'LINK_TIMEOUT')) throw error;
    await clock.sleep(PROBE_GRACE_MS);
    return false;
  }
}

async function readText(channel: CommandChannel, command: string): Promise<string> {
  const reply = await channel.send(command);
  if (reply.kind === 'value') return reply.text;
  throw new CetakError(
    'REPLY_INVALID',
    `${command} answered ${describeReply(reply)} where an Evolis printer names itself; is it a supported card printer?`,
  );
}
