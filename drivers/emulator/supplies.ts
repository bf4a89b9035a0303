import type { ProfileConfig } from '../../src/config/profile-schema.js';
import type { Stock } from './emulator-schema.js';
import { type Counters, PROBLEMS, type Problem } from './machine-types.js';

/**
 * Consumables and the problems latched on them: counters go down as cards use them, a problem is
 * latched when one runs out and stays until the operator acts. Problems stack.
 */
export class Supplies {
  readonly #capacity: ProfileConfig['capacity'];
  readonly #problems = new Set<Problem>();
  #cards = 0;
  #cleanings = 0;
  #cleanedAtCard = 0;
  #ribbon: number;
  #film: number;
  #feeder: number;
  #hopperFree: number;

  constructor(capacity: ProfileConfig['capacity'], stock: Stock = {}) {
    this.#capacity = capacity;
    this.#ribbon = Math.min(stock.ribbon ?? capacity.ribbon, capacity.ribbon);
    this.#film = Math.min(stock.film ?? capacity.film, capacity.film);
    this.#feeder = Math.min(stock.feeder ?? capacity.feeder, capacity.feeder);
    this.#hopperFree = Math.max(0, capacity.hopper - (stock.hopperUsed ?? 0));
    this.#latchEmpties();
  }

  get counters(): Counters {
    return {
      cards: this.#cards,
      ribbon: this.#ribbon,
      film: this.#film,
      feeder: this.#feeder,
      hopper: this.#hopperFree,
      cleanings: this.#cleanings,
      sinceCleaning: this.#cards - this.#cleanedAtCard,
    };
  }

  /** A cleaning cycle (`Scp`) ran. */
  cleaned(): void {
    this.#cleanings += 1;
    this.#cleanedAtCard = this.#cards;
  }

  /** Latched problems in report order. */
  get problems(): Problem[] {
    return PROBLEMS.filter((p) => this.#problems.has(p));
  }

  has(problem: Problem): boolean {
    return this.#problems.has(problem);
  }

  /** The first of `among` that is latched, in report order. */
  first(among: readonly Problem[] = PROBLEMS): Problem | undefined {
    return PROBLEMS.find((p) => among.includes(p) && this.#problems.has(p));
  }

  latch(problem: Problem): void {
    this.#problems.add(problem);
  }

  clear(problem: Problem): void {
    this.#problems.delete(problem);
  }

  /** A blank leaves the feeder. */
  takeBlank(): void {
    this.#feeder = Math.max(0, this.#feeder - 1);
    this.#latchEmpties();
  }

  /** One print uses a ribbon set of panels and a film frame. */
  usePrint(): void {
    this.#cards += 1;
    this.#ribbon = Math.max(0, this.#ribbon - 1);
    this.#film = Math.max(0, this.#film - 1);
    this.#latchEmpties();
  }

  /** A broken ribbon is as good as none. */
  breakRibbon(): void {
    this.#ribbon = 0;
    this.#latchEmpties();
  }

  /** A good card drops into the output hopper. */
  fillHopper(): void {
    this.#hopperFree = Math.max(0, this.#hopperFree - 1);
    this.#latchEmpties();
  }

  /** The operator's restocking actions. */
  restock(action: 'load-blanks' | 'replace-ribbon' | 'replace-film' | 'empty-hopper', count?: number): void {
    if (action === 'load-blanks') this.loadBlanks(count);
    else if (action === 'replace-ribbon') this.replaceRibbon();
    else if (action === 'replace-film') this.replaceFilm();
    else this.emptyHopper();
  }

  /** Adds `count` blanks (default: fills the feeder), never beyond its capacity. */
  loadBlanks(count?: number): void {
    this.#feeder = Math.min(this.#capacity.feeder, count === undefined ? Infinity : this.#feeder + count);
    if (this.#feeder > 0) this.clear('feeder-empty');
  }

  replaceRibbon(): void {
    this.#ribbon = this.#capacity.ribbon;
    this.clear('ribbon-out');
  }

  replaceFilm(): void {
    this.#film = this.#capacity.film;
    this.clear('film-out');
  }

  emptyHopper(): void {
    this.#hopperFree = this.#capacity.hopper;
    this.clear('hopper-full');
  }

  #latchEmpties(): void {
    if (this.#feeder === 0) this.latch('feeder-empty');
    if (this.#ribbon === 0) this.latch('ribbon-out');
    if (this.#film === 0) this.latch('film-out');
    if (this.#hopperFree === 0) this.latch('hopper-full');
  }
}
