/**
 * The values the guide's `P` commands set and its `R` commands read back (A5013, `P` and `R`
 * pages), kept as the printer would keep them. Numeric settings take the guide's `+`, `-` and `=`
 * forms (`Pc;m;+` adds one, `Pc;k;=;10` sets ten, `Pc;k;=` restores the factory value).
 */

/** Settings kept per colour or panel (`Pc;y;…`, `Rc;y`), with their factory value. */
const PER_COLOUR: Readonly<Record<string, { read: string; factory: number }>> = {
  Pc: { read: 'Rc', factory: 10 },
  Pl: { read: 'Rl', factory: 10 },
  Ps: { read: 'Rs', factory: 10 },
};

/** Single numeric settings set with `+`/`-`/`=` (`Px;=;20`), with their factory value. */
const ADJUSTED: Readonly<Record<string, { read: string; factory: number }>> = {
  Px: { read: 'Rx', factory: 0 },
  Py: { read: 'Ry', factory: 0 },
  Pms: { read: 'Rms', factory: 100 },
  Pnl: { read: 'Rnl', factory: 1016 },
  Pos: { read: 'Ros', factory: 1158 },
  Poc: { read: 'Roc', factory: 0 },
};

/** Settings stored as given and read back (`Pmi;F` → `Rmi` answers `F`), with their factory value. */
const STORED: Readonly<Record<string, { read: string; factory: string }>> = {
  Pbm: { read: 'Rbm', factory: 'p' },
  Pem: { read: 'Rem', factory: '0' },
  Pfm: { read: 'Rfm', factory: 'S2' },
  Piem: { read: 'Riem', factory: '0;0' },
  Pkn: { read: 'Rkn', factory: '220000001' },
  Pmi: { read: 'Rmi', factory: 'F' },
  Pmk: { read: 'Rmk', factory: 's' },
  Pnw: { read: 'Rnw', factory: '648' },
  Ppk: { read: 'Rpk', factory: 's' },
  Ppn: { read: 'Rpn', factory: '0' },
  Pr: { read: 'Rr', factory: 'ymcko' },
  Prm: { read: 'Rrm', factory: '0' },
  Pro: { read: 'Rro', factory: '552' },
  Prs: { read: 'Rrs', factory: 'L' },
  Psm: { read: 'Rsm', factory: '0' },
  Psp: { read: 'Rsp', factory: '0' },
  Psc: { read: 'Rsc', factory: '27;59;13' },
  Pcom: { read: 'Rcom', factory: '1;115200;N;8;1;NONE;E' },
  // The sensors' potentiometers: `Ase` sets, `Rps` reads.
  Ase: { read: 'Rps', factory: '128' },
};

const SIGN = /^[+\-=]$/;
const NUMBER = /^-?\d{1,6}$/;

export class PrinterSettings {
  readonly #values = new Map<string, string>();

  /** Applies a `P` command; `false` when its parameters are not a form the guide gives. */
  set(name: string, params: readonly string[]): boolean {
    const colour = PER_COLOUR[name];
    if (colour) {
      const [which = '', sign, value] = params;
      if (!/^[a-z]{1,3}$/.test(which)) return false;
      return this.#adjust(`${colour.read};${which}`, colour.factory, sign ?? '=', value);
    }
    const adjusted = ADJUSTED[name];
    if (adjusted) return this.#adjust(adjusted.read, adjusted.factory, params[0] ?? '', params[1]);
    const stored = STORED[name];
    if (!stored) return true; // taken and forgotten: nothing reads it back
    this.#values.set(stored.read, params.length === 0 ? stored.factory : params.join(';'));
    return true;
  }

  /** What an `R` command reads back, or `undefined` when no `P` command sets it. */
  read(name: string, params: readonly string[]): string | undefined {
    const colour = Object.values(PER_COLOUR).find((s) => s.read === name);
    if (colour) {
      const which = params[0] ?? '';
      // `Rc;k` is "the current monochrome ribbon": the value set for k, kb, kw… or for `a`.
      return this.#values.get(`${name};${which}`) ?? this.#values.get(`${name};a`) ?? String(colour.factory);
    }
    const adjusted = Object.values(ADJUSTED).find((s) => s.read === name);
    if (adjusted) return this.#values.get(name) ?? String(adjusted.factory);
    const stored = Object.values(STORED).find((s) => s.read === name);
    return stored ? (this.#values.get(name) ?? stored.factory) : undefined;
  }

  #adjust(key: string, factory: number, sign: string, value: string | undefined): boolean {
    if (!SIGN.test(sign) || (value !== undefined && !NUMBER.test(value))) return false;
    const current = Number(this.#values.get(key) ?? factory);
    const amount = value === undefined ? 1 : Number(value);
    const next =
      sign === '+'
        ? current + amount
        : sign === '-'
          ? current - amount
          : value === undefined
            ? factory
            : amount;
    this.#values.set(key, String(next));
    return true;
  }
}
