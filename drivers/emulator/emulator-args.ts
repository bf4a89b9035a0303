import { REPLY_FORMS } from './emulator-schema.js';

/** The command line of `scripts/emulator.ts`, the emulator as its own process. */

export const EMULATOR_USAGE = `usage: emulator.ts (--tcp HOST:PORT | --serial PATH) [options]
  --tcp HOST:PORT        listen for hosts on TCP (port 0 picks a free port)
  --serial PATH          serve a serial port (e.g. one end of a null-modem pair)
  --profile NAME         printer profile (default retransfer-ref)
  --speed N              run N times faster than real time (default 1)
  --faults FILE.yaml     emulator settings: a list of faults, or { seed, ambient, initialC, stock, faults }
  --ambient SPEC         room temperature: a profile name (palembang-hot-day) or °C (default 30)
  --timezone ZONE        the site's IANA time zone, for ambient curves and 'at' faults (default Asia/Jakarta)
  --serial-number SN     what Rsn answers (default EMU0001)
  --extensions           also answer Cetak's X… extensions (temperatures, heater, Xdbg/Xop test hooks);
                         without it the emulator speaks the Evolis Programming Guide A5013 and nothing more
  --cards-dir DIR        write each printed card's panels there: <n>-k.pbm, <n>-o.pbm, <n>-y.pgm…
  --replies FORM         how replies end: cr (default), nul, or ack-nack (the guide's ACK/NACK protocol)
stdin: load-blanks [N], replace-ribbon, replace-film, empty-hopper, close-cover, clear-jam,
       power-on, power-off, fault NAME [SECONDS], status, help`;

export class UsageError extends Error {}

export interface EmulatorArgs {
  readonly help: boolean;
  readonly tcp?: { readonly host: string; readonly port: number };
  readonly serialPath?: string;
  readonly profile: string;
  readonly speed: number;
  readonly faultsFile?: string;
  readonly ambient?: string;
  readonly timeZone: string;
  readonly serialNumber: string;
  readonly extensions: boolean;
  readonly cardsDir?: string;
  readonly replies?: string;
}

const VALUED = [
  '--tcp',
  '--serial',
  '--profile',
  '--speed',
  '--faults',
  '--ambient',
  '--timezone',
  '--serial-number',
  '--cards-dir',
  '--replies',
];

export function parseEmulatorArgs(argv: readonly string[]): EmulatorArgs {
  const values = new Map<string, string>();
  let help = false;
  let extensions = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--extensions') extensions = true;
    else if (VALUED.includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      values.set(arg, value);
      i++;
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  const base = {
    help,
    profile: values.get('--profile') ?? 'retransfer-ref',
    speed: parseSpeed(values.get('--speed')),
    timeZone: parseTimeZone(values.get('--timezone') ?? 'Asia/Jakarta'),
    serialNumber: values.get('--serial-number') ?? 'EMU0001',
    extensions,
    ...(values.has('--cards-dir') && { cardsDir: values.get('--cards-dir') }),
    ...(values.has('--replies') && { replies: parseReplies(values.get('--replies') as string) }),
    ...(values.has('--faults') && { faultsFile: values.get('--faults') }),
    ...(values.has('--ambient') && { ambient: values.get('--ambient') }),
  };
  if (help) return base;
  const tcp = values.get('--tcp');
  const serial = values.get('--serial');
  if ((tcp === undefined) === (serial === undefined))
    throw new UsageError('give one of --tcp HOST:PORT or --serial PATH');
  if (serial !== undefined) return { ...base, serialPath: serial };
  return { ...base, tcp: parseHostPort(tcp as string) };
}

function parseReplies(text: string): string {
  if (!(REPLY_FORMS as readonly string[]).includes(text))
    throw new UsageError(`--replies must be one of ${REPLY_FORMS.join(', ')}, got "${text}"`);
  return text;
}

function parseSpeed(text: string | undefined): number {
  if (text === undefined) return 1;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new UsageError(`--speed must be a positive number, got "${text}"`);
  return speed;
}

function parseTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`unknown time zone "${zone}"`);
  }
}

function parseHostPort(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new UsageError(`--tcp must be HOST:PORT, got "${text}"`);
  return { host: (match[1] ?? match[2]) as string, port };
}
