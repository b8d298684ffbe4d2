/** The item loop: items start in input order, each when the execution's scheduler gives it a place. */

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
