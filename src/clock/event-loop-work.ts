/**
 * Handles that only wait for something outside the process (a terminal, a worker's message
 * port): while they are all the event loop holds, another macrotask turn has nothing to run.
 */
const WAITING_HANDLES: ReadonlySet<string> = new Set(['TTYWrap', 'MessagePort']);

/**
 * Whether the event loop may still have work for a later turn: a queued `setImmediate`, an I/O
 * request in flight, a real timer, an open socket or pipe. Errs towards yes for anything unknown,
 * so a caller that stops turning the loop when this is false never skips work it used to wait for.
 *
 * Promise callbacks are not counted: they all run before the next macrotask turn anyway.
 */
export function eventLoopMayHaveWork(): boolean {
  for (const resource of process.getActiveResourcesInfo()) if (!WAITING_HANDLES.has(resource)) return true;
  return false;
}
