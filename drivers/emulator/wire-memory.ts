import type { Reply, ReplyStyle } from '../evolis/protocol/index.js';
import { PrinterSettings } from './printer-settings.js';

/** What `Rlr` reads after a card was lost to a shut-off or a restart: a mechanical time-out. */
const LOST_CARD: Reply = Object.freeze({ kind: 'error', reason: 'TIMEOUT' });

/**
 * What the printer keeps for its link, whichever host connects: the `P` settings the `R`
 * commands read back, the reply form (CR, NUL or ACK/NACK), and its last answer (`Rlr`).
 */
export class WireMemory {
  readonly settings = new PrinterSettings();
  /** The last answer to a command other than `Rlr`. */
  lastAnswer: Reply | undefined;
  #style: ReplyStyle;
  readonly #startStyle: ReplyStyle;

  constructor(style: ReplyStyle) {
    this.#style = style;
    this.#startStyle = style;
  }

  get replyStyle(): ReplyStyle {
    return this.#style;
  }

  /** `Pem`/`Pcom`: ACK/NACK, or back to text replies (NUL if it started so, else CR). */
  setReplyStyle(style: 'ack-nack' | 'text'): void {
    this.#style = style === 'ack-nack' ? style : this.#startStyle === 'nul' ? 'nul' : 'cr';
  }

  /**
   * A restart (a reset, a shut-off): the protocol is the standard one again (the guide: unless
   * saved, which the emulator does not do), and a card lost with it is the last answer.
   */
  restarted(cardLost: boolean): void {
    this.#style = this.#startStyle;
    if (cardLost) this.lastAnswer = LOST_CARD;
  }
}
