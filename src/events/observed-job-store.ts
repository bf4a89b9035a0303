import type {
  Job,
  JobState,
  JobStore,
  NewJob,
  Outcome,
  ReprintAuthorisation,
  ReprintReason,
  SubmitResult,
} from '../store/job-store.js';
import type { EventBus } from './fleet-events.js';

/**
 * The job store, telling the event bus about every transition it makes. A decorator rather than a
 * hook inside the SQLite store: the store stays a store, and simulations without watchers skip it.
 */
export function observeJobStore(store: JobStore, bus: EventBus): JobStore {
  const told = (job: Job, from: JobState | null): Job => {
    const finished = job.state === 'printed' || job.state === 'spoiled';
    bus.publish({
      type: 'job',
      id: job.id,
      nik: job.nikMasked,
      kecamatan: job.kecamatan,
      priority: job.priority,
      from,
      to: job.state,
      station: job.stationId,
      spoilReason: job.spoilReason,
      waitSeconds:
        finished && job.finishedAt !== null ? Math.round((job.finishedAt - job.createdAt) / 1000) : null,
    });
    return job;
  };
  const created = (result: SubmitResult): SubmitResult => {
    if (result.outcome === 'created') told(result.job, null);
    return result;
  };

  return {
    submit: (job: NewJob, now: number) => created(store.submit(job, now)),
    submitMany: (jobs: readonly NewJob[], now: number) => store.submitMany(jobs, now).map(created),
    cancel: (id: string, now: number, detail?: string) => told(store.cancel(id, now, detail), 'queued'),
    resolve: (id: string, outcome: Outcome, now: number, day: string, detail?: string) =>
      told(store.resolve(id, outcome, now, day, detail), 'uncertain'),
    authoriseReprint: (nik: string, reason: ReprintReason, now: number): ReprintAuthorisation =>
      store.authoriseReprint(nik, reason, now),
    promote: (nik: string, now: number) => told(store.promote(nik, now), 'queued'),
    getJob: (id) => store.getJob(id),
    resolveJobId: (id) => store.resolveJobId(id),
    journal: (id) => store.journal(id),
    listJobs: (filter) => store.listJobs(filter),
    findByNik: (nik) => store.findByNik(nik),
    erasePersonalData: (now) => store.erasePersonalData(now),
    claimNext: (stationId, kecamatanIds, now) => {
      const job = store.claimNext(stationId, kecamatanIds, now);
      return job && told(job, 'queued');
    },
    queuedWalkIns: (kecamatanIds) => store.queuedWalkIns(kecamatanIds),
    nextPriority: (kecamatanIds) => store.nextPriority(kecamatanIds),
    requeue: (id, now, detail) => told(store.requeue(id, now, detail), 'printing'),
    markUncertain: (id, now, detail) => told(store.markUncertain(id, now, detail), 'printing'),
    finishJob: (id, outcome, now, day, detail) =>
      told(store.finishJob(id, outcome, now, day, detail), 'printing'),
    markInterrupted: (now) => store.markInterrupted(now),
    dayCounts: (day) => store.dayCounts(day),
    unresolvedByStation: () => store.unresolvedByStation(),
    queueLengths: () => store.queueLengths(),
    close: () => store.close(),
  };
}
