import type { PrinterIdentity } from '../../src/drivers/driver.js';
import { CetakError } from '../../src/errors.js';
import type { Logger } from '../../src/log/logger.js';
import type { CommandChannel } from './command-channel.js';
import { describeReply } from './reply.js';

export interface Handshake {
  readonly identity: PrinterIdentity;
  /** Whether the printer answered `Xv`: heater control, temperatures and chip encoding. */
  readonly extensions: boolean;
}

/**
 * Who is on the other end: `Rtp`, `Rsn`, `Rfv`, then `Xv`. A printer that answers `ERR UNKNOWN`
 * to `Xv` has no extensions; any other odd answer is taken the same way, with a warning.
 */
export async function handshake(channel: CommandChannel, log: Logger): Promise<Handshake> {
  const identity: PrinterIdentity = {
    model: await readText(channel, 'Rtp'),
    serial: await readText(channel, 'Rsn'),
    firmware: await readText(channel, 'Rfv'),
  };
  const reply = await channel.send('Xv');
  if (reply.kind === 'value') return { identity, extensions: true };
  if (reply.kind !== 'error' || reply.reason !== 'UNKNOWN') {
    log.warn({ reply: describeReply(reply) }, 'Xv answered oddly; working without extensions');
  }
  return { identity, extensions: false };
}

async function readText(channel: CommandChannel, command: string): Promise<string> {
  const reply = await channel.send(command);
  if (reply.kind === 'value') return reply.text;
  throw new CetakError(
    'REPLY_INVALID',
    `${command} answered ${describeReply(reply)} where a printer of the escape-command dialect names itself; is it a supported card printer?`,
  );
}
