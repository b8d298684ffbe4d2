/** Loops that start work lazily: items, each when the scheduler gives it a place; the pages of a file, a few at a time. */

/** A place held by one item until it ends (see CallScheduler.startItem). */
export interface Place {
	end(): void;
}

/**
 * Runs `task` for indices 0..count-1, starting each one only once `startItem` has given it a
 * place, so at most Max Concurrency items are at work (and hold their file) at once. Once
 * `shouldStop()` is true no new index starts; those under way finish. `task` must not reject.
 */
export async function forEachItem<P extends Place>(
	count: number,
	startItem: () => Promise<P>,
	task: (index: number, place: P) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	const underWay: Array<Promise<void>> = [];
	for (let index = 0; index < count && !shouldStop(); index++) {
		const place = await startItem();
		if (shouldStop()) {
			place.end();
			break;
		}
		underWay.push(task(index, place).finally(() => place.end()));
	}
	await Promise.all(underWay);
}

/**
 * Runs `task` for indices 0..count-1 with at most `limit` under way, starting them in order: the
 * pages of one file, pulled only as earlier ones end (their calls still wait for places and the pace).
 * Once `shouldStop()` is true no new index starts; those under way finish.
 */
export async function forEachConcurrently(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < count && !shouldStop()) {
			const index = nextIndex++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
