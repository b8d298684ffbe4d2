/**
 * Waiting that Stop can end at once. n8n's community rules forbid the setTimeout globals and
 * n8n-workflow's `sleep` cannot be aborted, so waits are built from AbortSignal.timeout.
 */

/** Why a wait or a call ended early: the signal's reason, or a plain AbortError. */
function abortReason(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. Listens to the
 * timer's signal itself (Node keeps a timeout signal with a listener alive until it fires) and
 * takes its listener off the long-lived cancel signal afterwards.
 */
export async function abortableWait(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortReason(signal);
	if (ms <= 0) return;
	const elapsed = AbortSignal.timeout(ms);
	await new Promise<void>((resolve) => {
		const done = () => {
			elapsed.removeEventListener('abort', done);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		elapsed.addEventListener('abort', done, { once: true });
		signal?.addEventListener('abort', done, { once: true });
	});
	if (signal?.aborted) throw abortReason(signal);
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts; `work` is then
 * left to finish on its own, its outcome ignored.
 */
export async function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return await work;
	if (signal.aborted) {
		work.catch(() => undefined);
		throw abortReason(signal);
	}
	let stopListening = () => {};
	const aborted = new Promise<never>((_resolve, reject) => {
		const onAbort = () => reject(abortReason(signal));
		signal.addEventListener('abort', onAbort, { once: true });
		stopListening = () => signal.removeEventListener('abort', onAbort);
	});
	work.catch(() => undefined);
	try {
		return await Promise.race([work, aborted]);
	} finally {
		stopListening();
	}
}
