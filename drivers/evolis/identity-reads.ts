import type { Clock } from '../../src/clock/clock.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { encodeCommand, encodeReply, type Reply, ReplyParser } from './protocol/index.js';

/** The guide's identity pages: model, serial number, firmware (A5013 p. 38, 32). */
export const IDENTITY_COMMANDS = ['Rtp', 'Rsn', 'Rfv'] as const;
export type IdentityCommand = (typeof IDENTITY_COMMANDS)[number];

/** One round: each command's reply, or `undefined` where none came in time. */
export type IdentityRound = Readonly<Record<IdentityCommand, Reply | undefined>>;

/** Everything seen on the port while the identity was read: the verdict is drawn from it. */
export interface IdentityTrace {
  readonly rounds: readonly IdentityRound[];
  /** Every byte that arrived. */
  readonly bytesReceived: number;
  /** Bytes that made up the replies taken (one per command): the rest is noise or chatter. */
  readonly replyBytes: number;
  /** Whether our own command bytes came back: a loopback, a modem or a terminal. */
  readonly echoed: boolean;
  readonly timeoutMs: number;
}

/** Kept of the incoming bytes to look for an echo: a real printer answers in a few bytes. */
const KEEP_BYTES = 64 * 1024;

/**
 * Reads `Rtp`, `Rsn`, `Rfv` `rounds` times, one command at a time, waiting up to `timeoutMs` for
 * each reply; stops at the first unanswered one. Raw bytes are counted apart from the replies, so
 * a port that babbles (a wrong baud rate, another device) is told apart from one that answers.
 */
export async function readIdentityRounds(
  link: ByteLink,
  clock: Clock,
  options: { readonly rounds: number; readonly timeoutMs: number },
): Promise<IdentityTrace> {
  const parser = new ReplyParser();
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bytesReceived = 0;
  let replyBytes = 0;
  let waiting: ((reply: Reply) => void) | undefined;
  const stop = link.onData((chunk) => {
    bytesReceived += chunk.length;
    if (keptBytes < KEEP_BYTES) {
      kept.push(chunk);
      keptBytes += chunk.length;
    }
    for (const reply of parser.push(chunk)) {
      const take = waiting;
      waiting = undefined;
      take?.(reply);
    }
  });
  const rounds: IdentityRound[] = [];
  const frames = IDENTITY_COMMANDS.map((command) => encodeCommand(command));
  try {
    for (let round = 0; round < options.rounds; round++) {
      const replies: Partial<Record<IdentityCommand, Reply | undefined>> = {};
      let unanswered = false;
      for (const [i, command] of IDENTITY_COMMANDS.entries()) {
        parser.reset();
        const reply = await new Promise<Reply | undefined>((resolve) => {
          const timer = clock.setTimeout(() => {
            waiting = undefined;
            resolve(undefined);
          }, options.timeoutMs);
          waiting = (answer) => {
            clock.clearTimeout(timer);
            resolve(answer);
          };
          link.write(frames[i] as Buffer).catch(() => undefined);
        });
        replies[command] = reply;
        if (reply === undefined) {
          unanswered = true;
          break;
        }
        replyBytes += encodeReply(reply, parser.style === 'ack-nack' ? 'ack-nack' : 'cr').length;
      }
      rounds.push(replies as IdentityRound);
      if (unanswered) break;
    }
  } finally {
    stop();
  }
  const received = Buffer.concat(kept);
  return {
    rounds,
    bytesReceived,
    replyBytes,
    echoed: frames.some((frame) => received.includes(frame)),
    timeoutMs: options.timeoutMs,
  };
}
