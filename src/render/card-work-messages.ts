import type { RenderedPanels } from '../drivers/driver.js';
import type { ErrorCode } from '../errors.js';
import type { IssueContext } from './card-values.js';
import type { CardFields } from './render-card.js';

/** What the daemon asks a card-work thread. Image bytes are transferred, not copied. */
export type CardTask =
  | { readonly id: number; readonly kind: 'check'; readonly images: ReadonlyArray<[string, Uint8Array]> }
  | { readonly id: number; readonly kind: 'render'; readonly card: CardFields; readonly issue: IssueContext };

/** A thread's answer; a failure carries a `CetakError`'s code and details when it was one. */
export type CardTaskReply =
  | { readonly id: number; readonly ok: true; readonly problems: string[] }
  | { readonly id: number; readonly ok: true; readonly panels: RenderedPanels }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code?: ErrorCode;
      readonly message: string;
      readonly details?: string[];
    };
