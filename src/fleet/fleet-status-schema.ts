import { z } from 'zod';
import { stationSnapshotSchema } from '../station/station-snapshot.js';

const queueSchema = z.object({ walkIn: z.number().int(), backlog: z.number().int() });

/**
 * One station in `GET /api/status`: its snapshot, plus what the fleet owns about it (the shared
 * queue, today's cards against the target, the forecast for its share, its active alerts).
 */
export const fleetStationSchema = stationSnapshotSchema.extend({
  today: z.object({ printed: z.number().int(), spoiled: z.number().int(), target: z.number().int() }),
  forecast: z.object({
    readyInSeconds: z.number().nullable().describe('0: it can take a card now; null: nobody can tell'),
    projectedToday: z.number().describe('printed so far plus what it can still do by closing'),
  }),
  queue: queueSchema.describe("its kecamatan's queue, shared with its siblings"),
  alerts: z.array(z.object({ code: z.string(), level: z.enum(['info', 'warning', 'critical']) })),
});

/** The body of `GET /api/status` (the daemon adds `store`: whether the job store can be written). */
export const fleetStatusSchema = z.object({
  schemaVersion: z.literal(1),
  site: z.string(),
  now: z.string(),
  day: z.string(),
  stations: z.array(fleetStationSchema),
  kecamatan: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      printsAt: z.string(),
      queue: queueSchema,
      walkIns: z.array(z.object({ id: z.string(), eta: z.string().nullable() })),
    }),
  ),
  store: z
    .object({ writable: z.boolean(), reason: z.string().nullable(), since: z.string().nullable() })
    .optional(),
});
