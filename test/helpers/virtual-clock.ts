/**
 * A clock for pacing tests: time stands still while anything can run, and jumps to the next
 * sleeper's wake-up only when nothing else can. Rate decisions become exact and instant.
 */
export class VirtualClock {
	private now = 0;
	private sequence = 0;
	private readonly sleepers: Array<{ wakeAt: number; sequence: number; wake: () => void }> = [];

	readonly nowMs = () => this.now;

	readonly sleep = (ms: number) =>
		new Promise<void>((wake) => {
			this.sleepers.push({ wakeAt: this.now + Math.max(0, ms), sequence: this.sequence++, wake });
		});

	/** Drives time until `work` settles; fails if it waits for nothing that will ever come. */
	async run<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		work.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (settled) return await work;
			this.sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.sequence - b.sequence);
			const next = this.sleepers.shift();
			if (!next) throw new Error('The work waits, but no sleeper is left to wake it');
			this.now = next.wakeAt;
			next.wake();
		}
	}
}

/** A repeatable stand-in for Math.random (a linear congruential generator). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}
