import { z } from 'zod';
import { fleetStationSchema } from '../../fleet/fleet-status-schema.js';
import { operatorActionBodySchema } from '../../operations/operator-action.js';
import type { StationCommand } from '../../operations/station-controls.js';
import { countSchema, loadSchema } from '../../operations/stock-keeper.js';
import { access, changeErrors, EXAMPLE_TIME, isoTime, json, readErrors, stationIdParams } from './common.js';

const stationExample = {
  version: 1,
  id: 'sbu1-a',
  kecamatan: 'seberang-ulu-i',
  serves: ['seberang-ulu-i', 'jakabaring'],
  driver: 'evolis',
  state: 'ready',
  printerState: 'ready',
  pausedSince: null,
  problems: [],
  blockingProblems: [],
  temperatures: { internalC: 31.5, rollerC: 171.2 },
  thermal: {
    inside: { source: 'measured', c: 31.5 },
    learnt: {
      heatPerCardC: { mean: 2.01, low: 1.93, high: 2.09, profile: 2 },
      timeConstantMinutes: { mean: 24.6, low: 23.1, high: 26.2, profile: 25 },
      heaterOffsetC: { mean: 6.1, low: 5.4, high: 6.9, profile: 6 },
    },
    roomOffsetC: { mean: 0, low: -0.5, high: 0.4 },
    evidence: { cards: 12, shutoffs: 0, returns: 0, readings: 40, surprises: 0 },
    attention: [],
    cutOffC: 56,
  },
  consumables: { ribbonRemaining: 480, filmRemaining: 980, blanksRemaining: 88, hopperSpace: 88 },
  printer: { model: 'Primacy 2', serial: 'SYNTH-0001', firmware: '1.0' },
  currentJob: null,
  cardEndsAt: null,
  lastError: null,
  lastSeen: EXAMPLE_TIME,
  counters: { reconnects: 0, linkMessages: 1240, linkTimeouts: 0 },
  nextAction: { kind: 'idle', at: null },
  takenAt: EXAMPLE_TIME,
  today: { printed: 12, spoiled: 0, target: 160 },
  forecast: { readyInSeconds: 0, projectedToday: 150 },
  queue: { walkIn: 1, backlog: 40 },
  alerts: [],
};

/** A station as the fleet status shows it: its snapshot plus what the fleet adds (`src/fleet/fleet-status-schema.ts`). */
export const station = fleetStationSchema.meta({ id: 'Station', examples: [stationExample] });

const bookExample = {
  stationId: 'sbu1-a',
  item: 'blanks',
  loaded: 100,
  good: 12,
  spoiled: 1,
  spoiledByReason: { 'card-jam': 1 },
  remaining: 87,
  unresolved: 0,
  inPrinter: 87,
};

/** A station's books for one item. */
export const book = z
  .object({
    stationId: z.string(),
    item: z.enum(['blanks', 'ribbon', 'film']),
    loaded: z.int(),
    good: z.int(),
    spoiled: z.int(),
    spoiledByReason: z.record(z.string(), z.int()),
    remaining: z.int().describe('loaded − good − spoiled'),
    unresolved: z.int().describe('Used by jobs still uncertain'),
    inPrinter: z.int().describe('What should be in the feeder'),
  })
  .meta({ id: 'Book', examples: [bookExample] });

const books = z.object({ blanks: book, ribbon: book, film: book }).meta({
  id: 'Books',
  examples: [
    {
      blanks: bookExample,
      ribbon: { ...bookExample, item: 'ribbon', loaded: 500, remaining: 487, inPrinter: 487 },
      film: { ...bookExample, item: 'film', loaded: 1000, remaining: 987, inPrinter: 987 },
    },
  ],
});

const countExample = {
  station: 'sbu1-a',
  at: EXAMPLE_TIME,
  counted: 86,
  by: 'Siti',
  books: 87,
  difference: -1,
};
export const stockCount = z
  .object({
    station: z.string(),
    at: isoTime,
    counted: z.int(),
    by: z.string(),
    books: z.int().describe('What the books said was in the printer'),
    difference: z.int().describe('counted − books: negative when blanks are missing'),
  })
  .meta({ id: 'StockCount', examples: [countExample] });

const stock = z
  .object({
    stations: z.array(z.object({ id: z.string(), blanks: book, lastCount: stockCount.nullable() })),
    counts: z.array(stockCount).describe('Operators’ recent counts'),
  })
  .meta({
    examples: [
      { stations: [{ id: 'sbu1-a', blanks: bookExample, lastCount: countExample }], counts: [countExample] },
    ],
  });

const stationList = z
  .object({ stations: z.array(station) })
  .meta({ examples: [{ stations: [stationExample] }] });
const stationDetail = station.extend({ books }).meta({
  examples: [{ ...stationExample, books: { blanks: bookExample, ribbon: bookExample, film: bookExample } }],
});

const COMMANDS: Record<StationCommand, [string, string]> = {
  pause: ['pauseStation', 'Stop starting new cards (the card in the printer finishes)'],
  resume: ['resumeStation', 'Start taking cards again'],
  warm: ['warmStation', 'Switch the roller heater on now'],
  standby: ['standbyStation', 'Pause and switch the heater off'],
  relearn: ['relearnStation', "Forget what was learnt of the printer's thermal figures (moved or serviced)"],
};

const tags = ['stations'];

/** The schemas of the station and stock routes. */
export const stationSchemas = {
  list: {
    operationId: 'listStations',
    summary: 'Every station',
    tags,
    ...access.read,
    response: { 200: json('The stations', stationList), ...readErrors() },
  },
  get: {
    operationId: 'getStation',
    summary: 'One station with its stock books',
    tags,
    ...access.read,
    params: stationIdParams,
    response: { 200: json('The station', stationDetail), ...readErrors(404) },
  },
  command: (command: StationCommand) => ({
    operationId: COMMANDS[command][0],
    summary: COMMANDS[command][1],
    tags,
    ...access.token,
    params: stationIdParams,
    body: z
      .strictObject({})
      .describe('No arguments: an empty body or `{}`')
      .meta({ examples: [{}] })
      .optional(),
    response: { 200: json('The station', station), ...changeErrors(404, 409) },
  }),
  actions: {
    operationId: 'actOnStation',
    summary: 'Any operator action, by its kind (the old `{action}` body is deprecated)',
    tags,
    ...access.token,
    params: stationIdParams,
    body: operatorActionBodySchema.meta({
      examples: [{ kind: 'at-printer', did: 'jam-cleared' }, { kind: 'pause' }],
    }),
    response: { 200: json('The station', station), ...changeErrors(404, 409) },
  },
  blanks: {
    operationId: 'loadStock',
    summary: 'Stock loaded into a station (blanks, ribbon or film)',
    tags: ['stock'],
    ...access.token,
    params: stationIdParams,
    body: loadSchema.meta({ examples: [{ count: 100, batch: 'DO-2026-001', item: 'blanks' }] }),
    response: { 201: json('The station’s books', books), ...changeErrors(404) },
  },
  ledger: {
    operationId: 'getStationBooks',
    summary: 'A station’s stock books',
    tags: ['stock'],
    ...access.read,
    params: stationIdParams,
    response: { 200: json('The books', books), ...readErrors(404) },
  },
  count: {
    operationId: 'recordStockCount',
    summary: 'An operator counted the blanks in a station’s printer',
    description: 'Kept with their name and the books’ figure.',
    tags: ['stock'],
    ...access.token,
    params: stationIdParams,
    body: countSchema.meta({ examples: [{ counted: 86, by: 'Siti' }] }),
    response: { 201: json('The count', stockCount), ...changeErrors(404) },
  },
  stock: {
    operationId: 'getStock',
    summary: 'Blank cards per station by the books, with operators’ counts',
    tags: ['stock'],
    ...access.read,
    response: { 200: json('Stock by station', stock), ...readErrors() },
  },
};
