/**
 * One execution's share of an account: its places (Max Concurrency, the one concurrency limit
 * of the node), its own Requests Per Second, and the account's pace, which it shares with every
 * execution in the process.
 */
import { AccountPace, DEFAULT_PACE_TUNING, realClock, type PaceClock } from './accountPace';

export { realClock };
export type SchedulerClock = PaceClock;

export interface SchedulerLimits {
	maxConcurrency: number;
	requestsPerSecond: number;
}

/**
 * What a caller needs to make calls: a place and a turn, and a way to tell how Tencent answered.
 * `run` holds a place for `call`; `beforeTurn` runs in that place before the pace's turn (the
 * request body is written there: never more bodies than places, and none written at the turn).
 */
export interface CallGate {
	run<T>(call: () => Promise<T>, beforeTurn?: () => Promise<void>): Promise<T>;
	noteThrottled(): void;
	noteAccepted(): void;
}

/**
 * Keeps this execution's work within Max Concurrency places and its calls within its own Requests
 * Per Second and the account's pace. A place is held by a call under way, or by an item from the moment its file is read
 * (see `startItem`), so that files are read only when there is room to send them.
 */
export class CallScheduler implements CallGate {
	private placesTaken = 0;
	private readonly waitingForPlace: Array<() => void> = [];
	/** The account's pace, shared with other executions; by default this execution's alone. */
	readonly pace: AccountPace;
	/** This execution's own Requests Per Second, when the account's pace is shared (and may allow more). */
	private readonly executionPace?: ExecutionPace;

	constructor(
		private readonly limits: SchedulerLimits,
		accountPace?: AccountPace,
	) {
		this.pace = accountPace ?? CallScheduler.privatePace(limits.requestsPerSecond, realClock);
		if (accountPace) this.executionPace = new ExecutionPace(limits.requestsPerSecond, accountPace);
	}

	private static privatePace(requestsPerSecond: number, clock: PaceClock): AccountPace {
		const pace = new AccountPace(clock);
		pace.addUser(requestsPerSecond);
		return pace;
	}

	async run<T>(call: () => Promise<T>, beforeTurn?: () => Promise<void>): Promise<T> {
		await this.takePlace();
		try {
			return await this.inPlace(call, beforeTurn);
		} finally {
			this.releasePlace();
		}
	}

	/** @internal A call in a place it holds: what comes before its turn, its turn, then the call. */
	async inPlace<T>(call: () => Promise<T>, beforeTurn?: () => Promise<void>): Promise<T> {
		await beforeTurn?.();
		// Below the account's rate, the execution's own pace decides when its next call may queue for the account's turn;
		// at the account's rate it waits for the account's turn alone (two schedules out of step would delay every call).
		if (this.executionPace && this.limits.requestsPerSecond < this.pace.ceiling) await this.executionPace.waitForTurn();
		else await this.pace.waitForTurn();
		return await call();
	}

	noteThrottled(): void {
		this.pace.noteThrottled();
	}

	noteAccepted(): void {
		this.pace.noteAccepted();
	}

	/**
	 * Waits for a free place and gives it to one item until `end()`: the item reads its file and
	 * makes its calls in that place; calls it makes side by side (the pages of a PDF) take free
	 * places beyond it, or wait for its own.
	 */
	async startItem(): Promise<ItemPlace> {
		await this.takePlace();
		return new ItemPlace(this);
	}

	/** @internal A free place now, or none (never waits). */
	tryTakePlace(): boolean {
		if (this.placesTaken >= this.limits.maxConcurrency || this.waitingForPlace.length > 0) return false;
		this.placesTaken++;
		return true;
	}

	/** @internal Whether someone waits for a place, who should have the next one freed. */
	get hasWaiters(): boolean {
		return this.waitingForPlace.length > 0;
	}

	/** @internal */
	async takePlace(): Promise<void> {
		if (this.tryTakePlace()) return;
		// The releasing call hands its place over, so the count does not change.
		await new Promise<void>((resolve) => this.waitingForPlace.push(resolve));
	}

	/** @internal */
	releasePlace(): void {
		const next = this.waitingForPlace.shift();
		if (next) next();
		else this.placesTaken--;
	}
}

type Place = 'own' | 'extra';

/** The place of one item; its calls go through it (see `CallScheduler.startItem`). */
export class ItemPlace implements CallGate {
	private ownPlaceBusy = false;
	private ended = false;
	private readonly waitingForPlace: Array<(place: Place) => void> = [];

	constructor(private readonly scheduler: CallScheduler) {}

	async run<T>(call: () => Promise<T>, beforeTurn?: () => Promise<void>): Promise<T> {
		const place = await this.takePlace();
		try {
			return await this.scheduler.inPlace(call, beforeTurn);
		} finally {
			this.releasePlace(place);
		}
	}

	noteThrottled(): void {
		this.scheduler.noteThrottled();
	}

	noteAccepted(): void {
		this.scheduler.noteAccepted();
	}

	/** The item is done: its place goes back once no call of its own is under way in it. */
	end(): void {
		if (this.ended) return;
		this.ended = true;
		if (!this.ownPlaceBusy) this.scheduler.releasePlace();
	}

	private async takePlace(): Promise<Place> {
		if (this.ended) {
			// A call left running by an item that has ended (a page after a failure) queues like any other.
			await this.scheduler.takePlace();
			return 'extra';
		}
		if (!this.ownPlaceBusy) {
			this.ownPlaceBusy = true;
			return 'own';
		}
		if (this.scheduler.tryTakePlace()) return 'extra';
		return await new Promise<Place>((resolve) => this.waitingForPlace.push(resolve));
	}

	private releasePlace(place: Place): void {
		const next = this.waitingForPlace.shift();
		if (place === 'extra') {
			// A freed extra place stays with this item's next call only if no one else waits for one.
			if (next && !this.scheduler.hasWaiters) return next('extra');
			if (next) this.waitingForPlace.unshift(next);
			return this.scheduler.releasePlace();
		}
		if (next) return next('own');
		this.ownPlaceBusy = false;
		if (this.ended) this.scheduler.releasePlace();
	}
}

/**
 * One execution's Requests Per Second below its account's rate. Its calls queue for the account's
 * turn one at a time, each no sooner than the spacing after the previous one started, so the
 * spacing holds for their actual starts: turns taken early and then held up in the account's queue
 * would otherwise start in a burst.
 */
class ExecutionPace {
	private lastStartMs = Number.NEGATIVE_INFINITY;
	private previousTurn: Promise<void> = Promise.resolve();

	constructor(
		private readonly requestsPerSecond: number,
		private readonly accountPace: AccountPace,
	) {}

	async waitForTurn(): Promise<void> {
		const previousTurn = this.previousTurn;
		let turnTaken = () => undefined as void;
		this.previousTurn = new Promise<void>((resolve) => (turnTaken = resolve));
		await previousTurn;
		try {
			const { clock } = this.accountPace;
			const spacingMs = DEFAULT_PACE_TUNING.windowMs / this.requestsPerSecond;
			const waitMs = this.lastStartMs + spacingMs - clock.nowMs();
			if (waitMs > 0) await clock.sleep(waitMs);
			await this.accountPace.waitForTurn();
			this.lastStartMs = clock.nowMs();
		} finally {
			turnTaken();
		}
	}
}
