/**
 * Runs `task` for indices 0..count-1 with at most `limit` under way, starting them in order.
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
