import type { PrinterIdentity } from '../../src/drivers/driver.js';
import type { IdentityCheckResult } from '../../src/drivers/identity-check.js';
import { IDENTITY_COMMANDS, type IdentityCommand, type IdentityTrace } from './identity-reads.js';
import type { Reply } from './protocol/index.js';

/**
 * What a well-formed identity reply looks like (PROTOCOL.md, "Identity"): the guide leaves the
 * texts open, so these are wide enough for every Evolis model and firmware seen, and narrow
 * enough that noise or another device's words do not pass.
 */
export const IDENTITY_SHAPES: Readonly<Record<IdentityCommand, { pattern: RegExp; what: string }>> = {
  Rtp: { pattern: /^[A-Za-z][A-Za-z0-9 ._()/+-]{2,39}$/, what: 'a model name' },
  Rsn: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{3,23}$/, what: 'a serial number' },
  Rfv: { pattern: /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$/, what: 'a firmware version' },
};

/**
 * Bytes beyond the replies a printer may send without being called a babbler: an LF after each
 * CR (a CR LF adapter), a NUL of padding.
 */
const SLACK_BYTES_PER_REPLY = 2;

/** Judges an identity trace: passed only on identical, well-formed identities in every round. */
export function identityVerdict(port: string, trace: IdentityTrace, rounds: number): IdentityCheckResult {
  const seconds = trace.timeoutMs / 1000;
  if (trace.bytesReceived === 0) {
    return failed(
      `nothing answered on ${port}: no byte came back to Rtp within ${seconds} s; is the printer switched on and cabled, and is this its port?`,
    );
  }
  if (trace.echoed) {
    return failed(
      `another device on ${port}: it sends back the commands it is given (${trace.bytesReceived} bytes) instead of answering them; a loopback plug, a modem or a terminal, not an Evolis printer`,
    );
  }
  const replies = trace.rounds.flatMap((round) =>
    IDENTITY_COMMANDS.map((command) => round[command]).filter((reply) => reply !== undefined),
  );
  const garbage = trace.bytesReceived - trace.replyBytes - replies.length * SLACK_BYTES_PER_REPLY;
  if (replies.length === 0 || garbage > 0) {
    return failed(
      `answered garbage on ${port} (${trace.bytesReceived} bytes, not the Evolis reply format); is it a supported card printer, and is the port's speed (baud) right?`,
    );
  }
  const first = trace.rounds[0];
  for (const command of IDENTITY_COMMANDS) {
    const reply = first?.[command];
    if (reply === undefined) break;
    const shape = IDENTITY_SHAPES[command];
    if (reply.kind !== 'value' || !shape.pattern.test(reply.text)) {
      return failed(
        `another device on ${port}: it answers in well-formed lines, but not with an Evolis identity (${command} answered ${described(reply)} where a printer gives ${shape.what})`,
      );
    }
  }
  for (const [index, round] of trace.rounds.entries()) {
    for (const command of IDENTITY_COMMANDS) {
      const reply = round[command];
      if (reply === undefined) {
        return failed(
          `answers inconsistent on ${port}: ${command} went unanswered for ${seconds} s in read ${index + 1} of ${rounds}, though it answered before; a loose cable, or a device that is not a printer?`,
        );
      }
      const expected = first?.[command];
      if (!sameReply(reply, expected)) {
        return failed(
          `answers inconsistent on ${port}: ${command} said ${described(expected)}, then ${described(reply)} in read ${index + 1} of ${rounds}; a printer always gives the same; a noisy line, or two devices on it?`,
        );
      }
    }
  }
  if (trace.rounds.length < rounds) return failed(`answers inconsistent on ${port}`);
  const identity = identityOf(first);
  return {
    passed: true,
    identity,
    detail: `${port}: passed, ${identity.model}, serial ${identity.serial}, firmware ${identity.firmware} (the same in ${rounds} identity reads)`,
  };
}

function failed(detail: string): IdentityCheckResult {
  return { passed: false, detail };
}

function identityOf(round: IdentityTrace['rounds'][number] | undefined): PrinterIdentity {
  const text = (command: IdentityCommand) => {
    const reply = round?.[command];
    return reply?.kind === 'value' ? reply.text : '';
  };
  return { model: text('Rtp'), serial: text('Rsn'), firmware: text('Rfv') };
}

function sameReply(a: Reply, b: Reply | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A reply in a failure line. Never the word "ok": an operator skimming for it must not find it on
 * a failing station, so a bare acknowledgement is named, and a text holding it is described.
 */
function described(reply: Reply | undefined): string {
  if (reply === undefined) return 'nothing';
  if (reply.kind === 'ok') return 'a bare acknowledgement';
  const text = reply.kind === 'error' ? `ERR ${reply.reason}` : reply.text;
  const shown = text.length <= 40 ? text : `${text.slice(0, 40)}…`;
  if (/\bok\b/i.test(shown)) return `a ${text.length}-character line`;
  return JSON.stringify(shown);
}
