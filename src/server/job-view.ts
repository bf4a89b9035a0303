import type { Job, JobTransition } from '../store/job-store.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A job as the API shows it: NIK masked, card text left out. */
export function jobView(job: Job, journal?: readonly JobTransition[]) {
  return {
    id: job.id,
    state: job.state,
    nik: job.nikMasked,
    kecamatan: job.kecamatan,
    priority: job.priority,
    stationId: job.stationId,
    chipUid: job.chipUid,
    spoilReason: job.spoilReason,
    createdAt: iso(job.createdAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    ...(journal && {
      journal: journal.map((t) => ({
        at: iso(t.at),
        from: t.from,
        to: t.to,
        stationId: t.stationId,
        detail: t.detail,
      })),
    }),
  };
}
