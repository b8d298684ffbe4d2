/** A sliding one-second window per key; the clock is injected so tests can drive it. */
export class SlidingWindowRateLimiter {
	private readonly acceptedAt = new Map<string, number[]>();

	/** limitPerSecond 0 turns limiting off. */
	constructor(
		private readonly limitPerSecond: number,
		private readonly nowMs: () => number = Date.now,
		private readonly windowMs = 1000,
	) {}

	/** Records and allows the request, or refuses it without recording. */
	tryAcquire(key: string): boolean {
		if (this.limitPerSecond <= 0) return true;
		const now = this.nowMs();
		const recent = (this.acceptedAt.get(key) ?? []).filter((at) => now - at < this.windowMs);
		const allowed = recent.length < this.limitPerSecond;
		if (allowed) recent.push(now);
		this.acceptedAt.set(key, recent);
		return allowed;
	}

	get limit(): number {
		return this.limitPerSecond;
	}

	reset(): void {
		this.acceptedAt.clear();
	}
}
