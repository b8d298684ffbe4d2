import { sleep as n8nSleep } from 'n8n-workflow';

export interface SchedulerLimits {
	maxConcurrency: number;
	requestsPerSecond: number;
}

export interface SchedulerClock {
	nowMs: () => number;
	sleep: (ms: number) => Promise<void>;
}

export const realClock: SchedulerClock = { nowMs: Date.now, sleep: n8nSleep };

/**
 * Keeps calls within the account's quota as Tencent counts it: no more than `requestsPerSecond`
 * started in any window of a second (plus a margin for network jitter, so arrivals stay within
 * the server's window too), and no more than `maxConcurrency` under way.
 * One scheduler serves one node execution; nothing is shared between executions.
 */
export class CallScheduler {
	/** Start times of recent calls, oldest first. */
	private readonly recentStarts: number[] = [];
	private readonly waitingForSlot: Array<() => void> = [];
	private callsUnderWay = 0;
	/** Serialises the rate check, so concurrent callers never take the same free place. */
	private rateQueue: Promise<void> = Promise.resolve();
	private readonly windowMs: number;

	constructor(
		private readonly limits: SchedulerLimits,
		private readonly clock: SchedulerClock = realClock,
		jitterMarginMs = 25,
	) {
		this.windowMs = 1000 + jitterMarginMs;
	}

	async run<T>(call: () => Promise<T>): Promise<T> {
		await this.takeSlot();
		try {
			await this.waitForRate();
			return await call();
		} finally {
			this.releaseSlot();
		}
	}

	/** Tencent answered RequestLimitExceeded: the adaptive pace (helper "quota") lowers the rate here; no-op for now. */
	noteThrottled(): void {}

	/** Tencent accepted a call: the adaptive pace (helper "quota") raises the rate back here; no-op for now. */
	noteAccepted(): void {}

	private async takeSlot(): Promise<void> {
		if (this.callsUnderWay < this.limits.maxConcurrency) {
			this.callsUnderWay++;
			return;
		}
		// The releasing call hands its slot over, so the count does not change.
		await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
	}

	private releaseSlot(): void {
		const next = this.waitingForSlot.shift();
		if (next) next();
		else this.callsUnderWay--;
	}

	private waitForRate(): Promise<void> {
		const turn = this.rateQueue.then(async () => {
			for (;;) {
				const now = this.clock.nowMs();
				while (this.recentStarts.length > 0 && now - this.recentStarts[0] >= this.windowMs) this.recentStarts.shift();
				if (this.recentStarts.length < this.limits.requestsPerSecond) {
					this.recentStarts.push(now);
					return;
				}
				await this.clock.sleep(this.recentStarts[0] + this.windowMs - now);
			}
		});
		this.rateQueue = turn;
		return turn;
	}
}
