import type { CardData, Job, JobState, Priority } from './job-store.js';

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  id: string;
  nik: string;
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
    nik: row.nik,
    kecamatan: row.kecamatan,
    priority: row.priority,
    state: row.state,
    requestId: row.request_id,
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
