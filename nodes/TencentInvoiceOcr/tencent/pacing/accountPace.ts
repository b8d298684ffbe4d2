/**
 * One pace per Tencent account and action inside this process, shared by every execution that
 * uses it, and adapted to Tencent's answers (AIMD) so that several processes on one account
 * settle below its quota without seeing each other.
 */
import { createHash } from 'node:crypto';
import { sleep as n8nSleep } from 'n8n-workflow';

export interface PaceClock {
	nowMs: () => number;
	sleep: (ms: number) => Promise<void>;
}

/**
 * Monotonic time: a wall clock that steps (NTP, a VM resumed, a user's change) would make the pace
 * sleep for the step, an hour back an hour's stall for every call on the account.
 */
export const realClock: PaceClock = { nowMs: () => performance.now(), sleep: n8nSleep };

/** What identifies one quota at Tencent: the account (by its Secret ID), where it is called, and the action. */
export interface PaceKeyParts {
	secretId: string;
	endpoint: string;
	region: string;
	action: string;
}

/** A digest, so that the Secret ID itself is never kept as a key. */
export function paceKeyOf({ secretId, endpoint, region, action }: PaceKeyParts): string {
	return createHash('sha256').update([secretId, endpoint, region, action].join('\n')).digest('hex');
}

export interface PaceTuning {
	/** Calls are spaced by windowMs / rate: the second Tencent counts over plus a margin for network jitter. */
	windowMs: number;
	/** The deepest cut on a RequestLimitExceeded answer: the factor applied when throttling is frequent. */
	decreaseFactor: number;
	/** The share of throttled answers, over the last `shareHorizonMs`, that earns the deepest cut (see cutFactorFor). */
	deepCutShare: number;
	shareHorizonMs: number;
	/** The share is taken over at least this many answers, so that the first few do not weigh too much. */
	minimumSample: number;
	/** Requests per second regained per second of accepted calls (on average; the step is jittered). */
	increasePerSecond: number;
	/** The rate is never lowered below this, in requests per second. */
	minimumRate: number;
}

export const DEFAULT_PACE_TUNING: PaceTuning = {
	windowMs: 1025,
	decreaseFactor: 0.5,
	deepCutShare: 0.15,
	shareHorizonMs: 10_000,
	minimumSample: 20,
	increasePerSecond: 1,
	minimumRate: 0.25,
};

/**
 * The factor a throttled answer cuts the rate by, given the share of recent answers that were
 * throttled: in proportion up to `deepCutShare`, the deepest cut from there. Now and then a
 * throttled answer is network jitter (a large upload arriving late, the next one on time), and a
 * deep cut for it costs seconds at the quota; another process on the account throttles a large
 * share of the calls, and the deep cut is what makes room for it.
 */
export function cutFactorFor(throttledShare: number, tuning: PaceTuning = DEFAULT_PACE_TUNING): number {
	const depth = Math.min(1, Math.max(0, throttledShare) / tuning.deepCutShare);
	return 1 - (1 - tuning.decreaseFactor) * depth;
}

/**
 * Starts calls one after another, spaced by windowMs / rate, in the order they asked. The rate
 * starts at the ceiling (the highest Requests Per Second among the executions using it: each
 * execution keeps to its own lower setting with a pace of its own, see CallScheduler), drops at
 * once on a throttled answer (by cutFactorFor the share of recent answers throttled; at most once
 * per window: the calls already sent were throttled by the same burst), and climbs back by a
 * jittered additive step per accepted call.
 */
export class AccountPace {
	private readonly ceilings: number[] = [];
	private rate = 0;
	/** When the next call is due on the schedule; a late timer does not push the schedule back. */
	private nextDueMs = Number.NEGATIVE_INFINITY;
	/** Start times within the last window, oldest first: a schedule that catches up never bursts past the rate. */
	private readonly recentStarts: number[] = [];
	private lastDecreaseMs = Number.NEGATIVE_INFINITY;
	/** Answers within the last shareHorizonMs, oldest first: when each came, and whether it was throttled. */
	private readonly recentAnswers: Array<{ atMs: number; throttled: boolean }> = [];
	private readonly waiting: Array<() => void> = [];
	private pumping = false;

	constructor(
		readonly clock: PaceClock = realClock,
		private readonly random: () => number = Math.random,
		private readonly tuning: PaceTuning = DEFAULT_PACE_TUNING,
	) {}

	/** The rate calls start at now, in requests per second. */
	get currentRate(): number {
		return this.rate;
	}

	/**
	 * The highest rate allowed: the highest Requests Per Second among the executions using this pace.
	 * A workflow set lower keeps to its own setting without slowing the others on the account.
	 */
	get ceiling(): number {
		return this.ceilings.length === 0 ? 0 : Math.max(...this.ceilings);
	}

	get userCount(): number {
		return this.ceilings.length;
	}

	addUser(requestsPerSecond: number): void {
		const ceilingBefore = this.ceiling;
		this.ceilings.push(requestsPerSecond);
		// A pace running at its old ceiling (nothing throttled) rises to a newcomer's higher one; a pace cut by throttling climbs back as usual.
		if (this.ceilings.length === 1 || this.rate >= ceilingBefore) this.rate = this.ceiling;
	}

	removeUser(requestsPerSecond: number): void {
		this.ceilings.splice(this.ceilings.indexOf(requestsPerSecond), 1);
		this.rate = Math.min(this.rate, this.ceiling);
	}

	/** Resolves when the next call may start. */
	waitForTurn(): Promise<void> {
		return new Promise((resolve) => {
			this.waiting.push(resolve);
			if (!this.pumping) void this.pump();
		});
	}

	/** A RequestLimitExceeded answer: a burst, or another process on the same quota. */
	noteThrottled(): void {
		const now = this.clock.nowMs();
		this.noteAnswer(now, true);
		if (now - this.lastDecreaseMs < this.tuning.windowMs) return;
		this.lastDecreaseMs = now;
		const throttled = this.recentAnswers.filter((answer) => answer.throttled).length;
		const share = throttled / Math.max(this.recentAnswers.length, this.tuning.minimumSample);
		this.rate = Math.max(this.tuning.minimumRate, this.rate * cutFactorFor(share, this.tuning));
	}

	/** An accepted call: about `increasePerSecond` regained per second at the current rate, jittered. */
	noteAccepted(): void {
		this.noteAnswer(this.clock.nowMs(), false);
		const step = (this.tuning.increasePerSecond / Math.max(this.rate, 1)) * (0.5 + this.random());
		this.rate = Math.min(this.ceiling, this.rate + step);
	}

	private noteAnswer(atMs: number, throttled: boolean): void {
		const answers = this.recentAnswers;
		answers.push({ atMs, throttled });
		while (atMs - answers[0].atMs >= this.tuning.shareHorizonMs) answers.shift();
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		const { windowMs } = this.tuning;
		while (this.waiting.length > 0) {
			const now = this.clock.nowMs();
			// Catching up must not eat the margin: never more than the rate within a window (a second and the margin).
			while (this.recentStarts.length > 0 && now - this.recentStarts[0] >= windowMs) this.recentStarts.shift();
			const windowFull = this.recentStarts.length >= Math.ceil(this.rate);
			const startAtMs = Math.max(this.nextDueMs, windowFull ? this.recentStarts[0] + windowMs : now);
			if (now < startAtMs) {
				await this.clock.sleep(startAtMs - now);
				continue;
			}
			const intervalMs = windowMs / this.rate;
			// Late by less than an interval (a busy event loop): keep to the schedule. Idle longer: start afresh.
			this.nextDueMs = (now - this.nextDueMs < intervalMs ? this.nextDueMs : now) + intervalMs;
			this.recentStarts.push(now);
			this.waiting.shift()!();
		}
		this.pumping = false;
	}
}

/**
 * The paces of this process, one per key, kept only while an execution uses them: the last
 * execution to leave removes its pace, so nothing grows and no timer outlives the calls.
 */
export class PaceRegistry {
	private readonly paces = new Map<string, AccountPace>();

	constructor(private readonly createPace: () => AccountPace = () => new AccountPace()) {}

	/** Joins (or opens) the pace for `key` at `requestsPerSecond`; call the returned function when done. */
	join(key: string, requestsPerSecond: number): { pace: AccountPace; leave: () => void } {
		let pace = this.paces.get(key);
		if (!pace) {
			pace = this.createPace();
			this.paces.set(key, pace);
		}
		pace.addUser(requestsPerSecond);
		let left = false;
		const joined = pace;
		return {
			pace: joined,
			leave: () => {
				if (left) return;
				left = true;
				joined.removeUser(requestsPerSecond);
				if (joined.userCount === 0 && this.paces.get(key) === joined) this.paces.delete(key);
			},
		};
	}

	get size(): number {
		return this.paces.size;
	}
}

/** The process-wide registry: every execution of the node in this n8n process shares it. */
export const accountPaces = new PaceRegistry();
