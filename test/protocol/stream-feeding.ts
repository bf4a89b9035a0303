import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CommandFrame, CommandStreamParser } from '../../drivers/evolis/protocol/index.js';
import { createPrng } from '../../src/util/prng.js';
import type { GuideCommand } from './guide-decoder.js';

/** The third-party fixtures (see `test/fixtures/evolis/README.md`). */
const FIXTURES = new URL('../fixtures/evolis/', import.meta.url);

export const VENDOR_STREAMS = [
  'card-black',
  'card-black-fit',
  'card-gradient',
  'card-gradient-fit',
  'card-white',
  'card-white-fit',
  'evolis-card-curves',
  'evolis-card-text',
] as const;

export function vendorStream(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`vendor/${name}`, FIXTURES)));
}

export function perlFixture(name: 'perl-driver.stream' | 'front.pbm'): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`perl/${name}`, FIXTURES)));
}

/** A seeded generator, so a failing cut is found again (the project's mulberry32). */
export const seededRandom = createPrng;

/** `count` distinct places to cut a stream of `length` bytes, in order. */
export function randomCuts(length: number, count: number, seed: number): number[] {
  const next = seededRandom(seed);
  const cuts = new Set<number>();
  for (let i = 0; i < count; i++) cuts.add(1 + Math.floor(next() * (length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

/** Pushes `bytes` cut at `cuts`, then tells the parser the host paused. */
export function feed(
  parser: CommandStreamParser,
  bytes: Uint8Array,
  cuts: readonly number[],
): CommandFrame[] {
  const frames: CommandFrame[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    frames.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  frames.push(...parser.idle());
  return frames;
}

/** Every place, one byte a push. */
export function everyByte(length: number): number[] {
  return Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
}

/** Data as its length and SHA-256: compared fast, and a failure prints a short diff. */
export function fingerprint(data: Uint8Array): string {
  return `${data.length} bytes, sha256 ${createHash('sha256').update(data).digest('hex')}`;
}

export interface ComparableCommand {
  name: string;
  params: string[];
  data?: string;
  terminated?: boolean;
}

/** A guide decoder command, its data fingerprinted. */
export function comparable(command: GuideCommand): ComparableCommand {
  const { data, ...rest } = command;
  return data ? { ...rest, data: fingerprint(data) } : rest;
}

/** A production frame in the same shape; a 'bad' frame stays as it is so a diff shows it. */
export function comparableFrame(frame: CommandFrame): ComparableCommand | CommandFrame {
  if (frame.kind === 'command') return { name: frame.name, params: [...frame.params] };
  if (frame.kind === 'data') {
    return {
      name: frame.name,
      params: [...frame.params],
      data: fingerprint(frame.data),
      terminated: frame.terminated,
    };
  }
  return frame;
}

export function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? latin1(p) : p))));
}
