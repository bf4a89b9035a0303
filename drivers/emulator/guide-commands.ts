/**
 * Every command of the Evolis Programming Guide A5013 rev. E (and the few the vendor's Windows
 * driver sends beyond it), with its page, how many parameters it takes, and whether this
 * emulated printer — single-sided, YMCKO or K ribbon, retransfer, contactless chip station, no
 * magnetic encoder — has what it needs. `drivers/evolis/PROTOCOL.md` lists the same table.
 */

export interface GuideCommand {
  /** Page of rev. E, or where a command outside the guide comes from. */
  readonly source: string;
  readonly minParams: number;
  readonly maxParams: number;
  /** Why this printer answers `ERR CMD` to it, when it lacks the hardware. */
  readonly missing?: string;
}

const page = (n: number) => `A5013 rev. E p. ${n}`;
const VENDOR = 'Evolis Windows driver (not in A5013)';
const NO_MAG = 'no magnetic stripe encoder';

function c(source: string, minParams: number, maxParams = minParams, missing?: string): GuideCommand {
  return missing === undefined ? { source, minParams, maxParams } : { source, minParams, maxParams, missing };
}

export const GUIDE_COMMANDS: Readonly<Record<string, GuideCommand>> = {
  // Section 5
  Pcom: c('A5013 rev. E p. 7', 4, 7),
  Rcom: c('A5013 rev. E p. 7', 1),
  // A
  Ase: c(page(13), 2),
  // D (their data is framed by the protocol module)
  Db: c(page(14), 2),
  Dbc: c(page(15), 3, 4),
  Dbmp: c(page(15), 4),
  Dbp: c(page(16), 4),
  Dbpc: c(page(16), 4),
  // M
  Mc: c(page(17), 2),
  Mf: c(page(17), 1),
  Mh: c(page(17), 1),
  Mr: c(page(18), 1, 2),
  // P
  Pbm: c(page(19), 1),
  Pc: c(page(19), 1, 3),
  Pem: c(page(20), 1, 2),
  Pfm: c(page(20), 1),
  Piem: c(page(21), 1, 2),
  Pkn: c(page(21), 1),
  Pl: c(page(22), 1, 3),
  Pmi: c(page(22), 1, 2),
  Pmk: c(page(23), 1, 2),
  Pms: c(page(23), 2),
  Pnl: c(page(23), 2),
  Pnw: c(page(24), 1),
  Ppk: c(page(24), 1),
  Ppn: c(page(24), 1),
  Pr: c(page(25), 1, 2),
  Prm: c(page(25), 1),
  Pro: c(page(26), 1),
  Prs: c(page(26), 1, 2),
  Ps: c(page(26), 1, 3),
  Psc: c(page(27), 0, 3),
  Psm: c(page(27), 1, 2),
  Psp: c(page(27), 1, 2),
  Pwb: c(page(28), 1),
  Pwcs: c(page(28), 1),
  Pwj: c(page(28), 1),
  Pwm: c(page(29), 1),
  Pwr: c(page(29), 1),
  Px: c(page(30), 2),
  Py: c(page(30), 2),
  Pos: c(page(57), 2),
  Poc: c(page(61), 2),
  // R
  Rbm: c(page(31), 0),
  Rc: c(page(31), 1),
  Rck: c(page(31), 0),
  Rco: c(page(31), 1),
  Rcr: c(page(32), 0),
  Rem: c(page(32), 0),
  Rfv: c(page(32), 0),
  Rfm: c(page(32), 0, 1),
  Rfn: c(page(33), 0, 1),
  Riem: c(page(33), 0),
  Rkn: c(page(33), 0),
  Rks: c(page(33), 0),
  Rl: c(page(34), 1),
  Rlr: c(page(34), 0, 1),
  Rmi: c(page(34), 0),
  Rmk: c(page(34), 0),
  Rms: c(page(35), 0),
  Rnl: c(page(35), 0),
  Rnw: c(page(35), 0),
  Rpk: c(page(35), 0),
  Rpn: c(page(35), 0),
  Rps: c(page(36), 1),
  Rr: c(page(36), 0),
  Rrm: c(page(36), 0),
  Rro: c(page(36), 0),
  Rrs: c(page(37), 0),
  Rs: c(page(37), 1),
  Rsc: c(page(37), 0),
  Rse: c(page(37), 1),
  Rsm: c(page(38), 0),
  Rsn: c(page(38), 0),
  Rsp: c(page(38), 0),
  Rtp: c(page(38), 0),
  Rx: c(page(38), 0),
  Ry: c(page(39), 0),
  Ros: c(page(58), 0),
  Roc: c(page(62), 0),
  // S
  Sa: c(page(40), 0, 1),
  Sc: c(page(40), 0, 1),
  Scom: c(page(40), 3, 8),
  Scp: c(page(41), 0),
  Scs: c(page(41), 0),
  Sdm: c(page(41), 1),
  Sdu: c(page(41), 1),
  Se: c(page(42), 0, 1),
  Seb: c(page(42), 0),
  Ser: c(page(42), 0),
  Si: c(page(42), 0),
  Sib: c(page(42), 0),
  Sic: c(page(43), 0),
  Sie: c(page(43), 0),
  Sp: c(page(43), 1),
  Sr: c(page(43), 0),
  Srs: c(page(44), 0),
  Ss: c(page(44), 0),
  Ssd: c(page(44), 1),
  St: c(page(45), 0),
  Stt: c(page(45), 0, 1),
  Sv: c(page(45), 0, 0, 'single-sided printer: no back side to print'),
  Sis: c(page(59), 0),
  Sk: c(page(64), 1, 2),
  Sds: c(page(66), 1, 2, 'no flip-over station or output hopper module'),
  // W (text and barcode data may hold the separator, hence no maximum)
  Wb: c(page(46), 8, 64),
  Wcb: c(page(46), 1, 2),
  Wl: c(page(47), 5),
  Wt: c(page(47), 5, 64),
  // Magnetic encoding (section 10)
  Dm: c(page(49), 2, 2, NO_MAG),
  Pmbs: c(page(50), 1, 1, NO_MAG),
  Pmc: c(page(50), 1, 1, NO_MAG),
  Pmd: c(page(50), 1, 2, NO_MAG),
  Pml: c(page(50), 1, 1, NO_MAG),
  Pmt: c(page(51), 2, 2, NO_MAG),
  Pmtc: c(page(51), 4, 4, NO_MAG),
  Pmts: c(page(52), 2, 2, NO_MAG),
  Rmbs: c(page(53), 0, 0, NO_MAG),
  Rmc: c(page(53), 0, 0, NO_MAG),
  Rmd: c(page(53), 1, 1, NO_MAG),
  Rml: c(page(53), 0, 0, NO_MAG),
  Rmms: c(page(53), 0, 0, NO_MAG),
  Rmt: c(page(54), 1, 1, NO_MAG),
  Rmtc: c(page(54), 0, 0, NO_MAG),
  Rmts: c(page(54), 1, 1, NO_MAG),
  Smr: c(page(55), 1, 1, NO_MAG),
  Smw: c(page(55), 0, 1, NO_MAG),
  // Sent by the vendor's driver, not in the guide: taken and acknowledged.
  Pdt: c(VENDOR, 1),
  Ppws: c(VENDOR, 1),
};

export function guideCommand(name: string): GuideCommand | undefined {
  return Object.hasOwn(GUIDE_COMMANDS, name) ? GUIDE_COMMANDS[name] : undefined;
}
