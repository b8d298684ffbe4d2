/**
 * Waiting that Stop can end at once. n8n's community rules forbid the setTimeout globals, so waits
 * use n8n-workflow's `sleep`.
 */
import { sleep as n8nSleep } from 'n8n-workflow';

/** Why a wait or a call ended early: the signal's reason, or a plain AbortError. */
function abortReason(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** What each watched signal will call when it aborts; the signal itself carries one listener for them all. */
const reactionsBySignal = new WeakMap<AbortSignal, Set<() => void>>();

/** The reactions to one signal's abort, behind the single listener that calls them. */
function reactionsTo(signal: AbortSignal): Set<() => void> {
	let reactions = reactionsBySignal.get(signal);
	if (!reactions) {
		const registered = new Set<() => void>();
		signal.addEventListener('abort', () => [...registered].forEach((reaction) => reaction()), { once: true });
		reactionsBySignal.set(signal, registered);
		reactions = registered;
	}
	return reactions;
}

/**
 * Calls `react` once `signal` aborts; returns a function that forgets it. Every wait and call of
 * an execution watches its signal, more than ten at once with a higher Max Concurrency or a PDF's
 * pages, and an AbortSignal with more than ten listeners makes Node warn of a leak: so the signal
 * gets a single listener, which calls the reactions registered at that moment.
 */
function onAbort(signal: AbortSignal, react: () => void): () => void {
	const reactions = reactionsTo(signal);
	// Its own wrapper: forgetting one registration must not forget another of the same function.
	const reaction = () => react();
	reactions.add(reaction);
	return () => void reactions.delete(reaction);
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. n8n's sleep keeps
 * the process alive while it waits (an AbortSignal.timeout would not: its timer is unref'd, and a
 * process with nothing else to do, such as a one-shot `n8n execute`, would end mid-wait and drop
 * the item). The sleep is raced against the signal, so Stop ends the wait at once, and then told
 * to end: n8n-workflow 2.x clears its timer, 1.x lets it run out.
 */
export async function abortableWait(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortReason(signal);
	if (ms <= 0) return;
	const sleeping = new AbortController();
	try {
		await untilAborted(n8nSleep(ms, sleeping.signal), signal);
	} finally {
		sleeping.abort();
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
	let forget: () => void = () => undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		forget = onAbort(signal, () => reject(abortReason(signal)));
	});
	work.catch(() => undefined);
	try {
		return await Promise.race([work, aborted]);
	} finally {
		forget();
	}
}
