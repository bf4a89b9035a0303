/** The parts of `GET /api/jobs/:id`'s answer the CLI shows (the NIK comes masked). */
export interface JobAnswer {
  readonly id: string;
  readonly state: string;
  readonly nik?: string;
  readonly stationId?: string | null;
  readonly chipUid?: string | null;
}

/** `job 3f…: printed (station sbu1-a, chip 04A1…)` */
export function describeJob(job: JobAnswer): string {
  const extra = [
    job.stationId ? `station ${job.stationId}` : undefined,
    job.chipUid ? `chip ${job.chipUid}` : undefined,
  ].filter(Boolean);
  return `job ${job.id}: ${job.state}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}
