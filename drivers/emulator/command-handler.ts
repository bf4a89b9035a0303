import type { Clock } from '../../src/clock/clock.js';
import { type CommandFrame, isDataCommand, pscCharacters } from '../evolis/protocol/index.js';
import { type Answer, error, OK_ANSWER } from './answers.js';
import { extensionCommand } from './extension-commands.js';
import { guideCommand } from './guide-commands.js';
import type { EmulatedMachine } from './machine.js';
import { type ReadContext, readCommand } from './read-commands.js';
import { sequenceCommand } from './sequence-commands.js';

export interface HandlerContext extends ReadContext {
  readonly clock: Clock;
  /** Whether Cetak's `X…` extensions are answered. */
  readonly extensions: boolean;
  /** Whether `Xt` answers with temperatures (else `ERR CMD`, as from a printer without it). */
  readonly reportsTemperatures: boolean;
  /**
   * `Pem;4` or `Pcom;…;ACK/NACK` switch to the ACK/NACK form; `Pem` without it, or `Pcom` with
   * another protocol, back to the printer's text form.
   */
  readonly setReplyStyle: (style: 'ack-nack' | 'text') => void;
}

const MOTOR_DIRECTIONS: Readonly<Record<string, RegExp>> = {
  Mc: /^[+-]$/,
  Mf: /^[+\-!]$/,
  Mh: /^[+\-=]$/,
  // `s` is the vendor driver's (`Mr;s`), not in the guide.
  Mr: /^[+\-!in=s]$/,
};

/**
 * Carries out one command frame (A5013 section 8 and the tables of `guide-commands.ts`) and says
 * what to answer: a command the printer does not know or lacks the hardware for gets `ERR CMD`, a
 * wrong number or form of parameters `ERR PARAM`, and the stream stays in step either way.
 */
export async function handleFrame(frame: CommandFrame, context: HandlerContext): Promise<Answer> {
  if (frame.kind === 'bad')
    return error(frame.name !== undefined && isDataCommand(frame.name) ? 'PARAM' : 'CMD');
  if (frame.kind === 'data') {
    if (!frame.terminated) return error('PARAM');
    return context.machine.bitmaps.download(frame) === undefined ? OK_ANSWER : error('PARAM');
  }
  const { name, params } = frame;
  if (name.startsWith('X'))
    return context.extensions
      ? extensionCommand(name, params, context.machine, context.reportsTemperatures)
      : error('CMD');
  const command = guideCommand(name);
  if (!command || command.missing) return error('CMD');
  if (params.length < command.minParams || params.length > command.maxParams) return error('PARAM');
  switch (name[0]) {
    case 'R':
      return readCommand(name, params, context);
    case 'S':
      return sequenceCommand(name, params, context.machine, context.clock);
    case 'P':
      return parameterCommand(name, params, context);
    case 'M':
      return MOTOR_DIRECTIONS[name]?.test(params[0] ?? '') ? OK_ANSWER : error('PARAM');
    case 'A':
      return adjust(params, context);
    case 'W':
      return write(name, params, context);
    case 'D':
      // A data command on a line of its own (`Db;k;2` CR): it is known, its data is missing.
      return error('PARAM');
    default:
      return error('CMD');
  }
}

function parameterCommand(name: string, params: readonly string[], context: HandlerContext): Answer {
  const { machine, settings } = context;
  if (name === 'Pr') {
    const chosen = machine.selectRibbon(params[0] ?? '');
    if (!chosen.ok) return error('PARAM');
  }
  if (name === 'Pmi' && !/^[FMB]$/.test(params[0] ?? '')) return error('PARAM');
  if (name === 'Psc' && pscCharacters(params) === undefined) return error('PARAM');
  if (name === 'Pem') {
    const mode = Number(params[0]);
    if (!Number.isInteger(mode) || mode < 0 || mode > 31) return error('PARAM');
    // `4` sets the ACK/NACK protocol and keeps the rest; otherwise bit 4 (value 8) says which.
    context.setReplyStyle(mode === 4 || (mode & 8) !== 0 ? 'ack-nack' : 'text');
    if (mode === 4) return OK_ANSWER;
  }
  if (name === 'Pcom') {
    if (!/^[12]$/.test(params[0] ?? '') || !/^\d{4,6}$/.test(params[1] ?? '')) return error('PARAM');
    const answer = settings.set('Pcom', params) ? OK_ANSWER : error('PARAM');
    const style = params.includes('ACK/NACK') ? 'ack-nack' : 'text';
    return { ...answer, afterwards: () => context.setReplyStyle(style) };
  }
  return settings.set(name, params) ? OK_ANSWER : error('PARAM');
}

function adjust(params: readonly string[], context: HandlerContext): Answer {
  const [sensor = '', level = ''] = params;
  if (!/^[cmoprf]$/.test(sensor) || !/^\d{1,3}$/.test(level) || Number(level) > 255) return error('PARAM');
  context.settings.set('Ase', [level]);
  return OK_ANSWER;
}

/** `Wcb` fills a bitmap; `Wl`, `Wt` and `Wb` are taken but not drawn (see EMULATOR.md). */
function write(name: string, params: readonly string[], context: HandlerContext): Answer {
  if (name !== 'Wcb') return OK_ANSWER;
  const [panel = '', fill = '0'] = params;
  if (!/^[ymckoa]$/.test(panel) || !/^\d{1,3}$/.test(fill) || Number(fill) > 255) return error('PARAM');
  context.machine.bitmaps.fill(panel as Parameters<EmulatedMachine['bitmaps']['fill']>[0], Number(fill));
  return OK_ANSWER;
}
