import type { CardData, Job, JobState, Priority } from './job-store.js';

const MASKED_DIGITS = '*'.repeat(10);

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  id: string;
  nik_hash: string;
  nik_region: string;
  kecamatan: string;
  priority: Priority;
  state: JobState;
  request_id: string | null;
  card_json: string | null;
  station_id: string | null;
  chip_uid: string | null;
  spoil_reason: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    nikMasked: /^\d{6}$/.test(row.nik_region) ? `${row.nik_region}${MASKED_DIGITS}` : '[invalid-nik]',
    kecamatan: row.kecamatan,
    priority: row.priority,
    state: row.state,
    card: row.card_json === null ? null : (JSON.parse(row.card_json) as CardData),
    stationId: row.station_id,
    chipUid: row.chip_uid,
    spoilReason: row.spoil_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
