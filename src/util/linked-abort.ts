/**
 * An AbortController that also aborts when `parent` does, and lets go of `parent` when disposed.
 *
 * Why not `AbortSignal.any([mine, parent])`: on Node 20 every such call leaves a reference on the
 * long-lived parent (a station's stop signal) that is only dropped when the parent is collected,
 * so a station pacing thousands of cards a month grew its memory by half in the soak benchmark.
 */
export function linkedAbort(parent: AbortSignal): {
  readonly signal: AbortSignal;
  abort(): void;
  dispose(): void;
} {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => parent.removeEventListener('abort', onParentAbort),
  };
}
