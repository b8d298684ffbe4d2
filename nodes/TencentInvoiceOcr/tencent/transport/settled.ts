/**
 * A promise's outcome as a value. The transport turns what the SDK or the network threw into its
 * own failures after the fact, outside any catch block; the runner (actions/runner.ts) turns every failure into
 * n8n's NodeApiError or NodeOperationError before it leaves the node.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}
