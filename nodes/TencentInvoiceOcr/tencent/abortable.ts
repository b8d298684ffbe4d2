/**
 * Waiting that Stop can end at once. n8n's community rules forbid the setTimeout globals, so waits
 * use n8n-workflow's `sleep`.
 */
import { sleep as n8nSleep } from 'n8n-workflow';

/** Why a wait or a call ended early: the signal's reason, or a plain AbortError. */
function abortReason(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. n8n's sleep keeps
 * the process alive while it waits (an AbortSignal.timeout would not: its timer is unref'd, and a
 * process with nothing else to do, such as a one-shot `n8n execute`, would end mid-wait and drop
 * the item). n8n-workflow 2.x clears its timer on abort; 1.x ignores the signal and lets the timer
 * run out, so the wait is also raced against the signal, to end at once either way. The
 * execution's signal gets one listener per wait, taken off afterwards: many waits at once must
 * not pile listeners on it.
 */
export async function abortableWait(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortReason(signal);
	if (ms <= 0) return;
	const thisWait = new AbortController();
	const stop = () => thisWait.abort(abortReason(signal!));
	signal?.addEventListener('abort', stop, { once: true });
	try {
		await untilAborted(n8nSleep(ms, thisWait.signal), thisWait.signal);
	} finally {
		signal?.removeEventListener('abort', stop);
	}
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
