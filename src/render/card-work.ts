import type { RenderedPanels } from '../drivers/driver.js';
import { cardImageProblems } from './card-fit.js';
import type { IssueContext } from './card-values.js';
import type { CardFields } from './render-card.js';
import { renderCard } from './render-card.js';

/**
 * The heavy part of handling a card: decoding and checking its images, rendering its face. The
 * daemon hands cards with big photos to libvips ({@link BigCardWork}), so the event loop stays free
 * for the printers and the status port; tests and simulations on the virtual clock do it inline,
 * where libvips' real time would race the virtual one.
 */
export interface CardWork {
  /** One `field: reason` line per image field that is no usable image; empty when all are. */
  imageProblems(card: CardFields): Promise<string[]>;
  /** The card's face as printer panels; rejects with `CARD_DOES_NOT_FIT` as `renderCard` throws. */
  render(card: CardFields, issue: IssueContext): Promise<RenderedPanels>;
  /** Pending work is refused; resolves when work in progress is done. */
  close(): Promise<void>;
}

/** Card work on the calling thread: for tests, simulations and the CLI. */
export const inlineCardWork: CardWork = {
  imageProblems: async (card) => cardImageProblems(card),
  render: async (card, issue) => renderCard(card, issue),
  close: async () => undefined,
};
