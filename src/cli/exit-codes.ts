/** Exit codes from BSD sysexits, which service managers and scripts already understand. */
export const EXIT = {
  OK: 0,
  /** Bad command-line arguments. */
  USAGE: 64,
  /** Input data is wrong: a damaged job store, rejected import rows. */
  DATA_ERROR: 65,
  /** The data dir cannot be created or written. */
  CANT_CREATE: 73,
  /** The status port cannot be opened. */
  UNAVAILABLE: 69,
  /** Another daemon holds the data dir; try again once it has stopped. */
  TEMP_FAIL: 75,
  /** The config file is missing or invalid. */
  CONFIG: 78,
  /** Anything else that stopped the daemon from starting. */
  SOFTWARE: 70,
} as const;
