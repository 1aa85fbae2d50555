// A closed-loop load: `clients` workers, each starting its next operation when the previous one ends,
// for a number of operations or seconds; the latency of every operation is kept.

export interface LoadResult {
  completed: number;
  failed: number;
  seconds: number;
  /** ms, one per completed operation. */
  latencies: number[];
  firstError: string | undefined;
}

export interface LoadPlan {
  clients: number;
  /** Stop after this many operations in all... */
  operations?: number;
  /** ...or after this many seconds, whichever comes first. */
  seconds?: number;
  /** Index of the first operation (operation i gets `offset + i`). */
  offset?: number;
}

/** No run exceeds this, whatever the plan says: every loop here is bounded. */
const MAX_OPERATIONS = 10_000_000;

export async function closedLoop(
  plan: LoadPlan,
  operation: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const limit = Math.min(plan.operations ?? MAX_OPERATIONS, MAX_OPERATIONS);
  const started = performance.now();
  const deadline = plan.seconds === undefined ? Infinity : started + plan.seconds * 1000;
  const result: LoadResult = { completed: 0, failed: 0, seconds: 0, latencies: [], firstError: undefined };
  let next = 0;
  const worker = async () => {
    while (next < limit && performance.now() < deadline) {
      const index = (plan.offset ?? 0) + next++;
      const t0 = performance.now();
      try {
        await operation(index);
        result.latencies.push(performance.now() - t0);
        result.completed++;
      } catch (err) {
        result.failed++;
        result.firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
