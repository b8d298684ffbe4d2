/** Calls one Tencent Cloud action within the quota, retrying by cause, and stopping when the execution stops. */
import { abortableWait, untilAborted } from './pacing/abortable';
import { realClock } from './pacing/accountPace';
import { processBodyBudget, type BodyBudget } from './pacing/bodyBudget';
import { CallScheduler, type CallGate, type SchedulerLimits } from './pacing/callScheduler';
import { CallFailure, toTencentFailure, type TencentFailure } from './failures/failures';
import {
	ACTION_QUOTAS,
	DEFAULT_TIMEOUT_SECONDS,
	MAY_RESEND_AFTER_NO_ANSWER,
	type OcrAction,
	type OcrClient,
	type OcrRequest,
	type OcrResponse,
	type PreparedRequest,
	RequestAborted,
} from './transport/client';
import { settled } from './transport/settled';
import { MAX_RETRY_DELAY_MS, nextRetryDelayMs, noRetriesYet, retryRuleOf, type RetryLimits } from './failures/retryPolicy';

/** A retry whose turn came after the call's time limit: it is not sent. */
class OutOfTime extends Error {}

const cancelled = () => new CallFailure({ source: 'cancelled', message: 'The execution was stopped' });

/**
 * One attempt, bounded by a timeout that also covers a body that stalls after its headers, and
 * aborted at once when `cancelSignal` fires. Both are one AbortSignal handed to the SDK.
 */
export async function sendOnce<A extends OcrAction>(
	client: OcrClient,
	request: PreparedRequest<A>,
	timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
	cancelSignal?: AbortSignal,
): Promise<OcrResponse<A>> {
	if (cancelSignal?.aborted) throw cancelled();
	const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
	const signal = cancelSignal ? AbortSignal.any([cancelSignal, timeout]) : timeout;
	const sent = await settled(client.send(request, signal));
	if (sent.ok) return sent.value;
	if (cancelSignal?.aborted) throw cancelled();
	if (timeout.aborted) {
		// Timed out before the request was handed to the SDK: nothing was sent; once handed over, it may have been.
		const mayHaveBeenSent = !(sent.error instanceof RequestAborted) || sent.error.mayHaveBeenSent;
		const seconds = Math.ceil(timeoutSeconds);
		throw new CallFailure({
			source: mayHaveBeenSent ? 'noAnswer' : 'unreached',
			message: mayHaveBeenSent ? `no answer within ${seconds} s` : `no connection within ${seconds} s`,
			endpoint: client.endpoint.origin,
		});
	}
	throw sent.error;
}

/** A call that failed for good: its last failure, how many attempts were made, and whether its time ran out. */
export class OcrCallError extends CallFailure {
	constructor(
		failure: TencentFailure,
		readonly attempts: number,
		/** The call's time limit in seconds, when reaching it ended the call (see callTimeLimitMs). */
		readonly timeLimitSeconds?: number,
	) {
		super(failure);
		this.name = 'OcrCallError';
	}
}

export interface CallPolicy extends SchedulerLimits {
	maxRetries: number;
	timeoutSeconds: number;
	/** Resends of a recognition that got no answer (verifications are never resent). */
	retriesAfterNoAnswer: number;
	/** How long one call may spend waiting out rate-limit answers. */
	throttledWaitBudgetSeconds: number;
}

/**
 * The most one call may take from its first attempt on, whatever answers come: each attempt its
 * Timeout, each retry wait its most (8 s), and the Throttled Wait Budget. Rate-limit answers that
 * each come just before the timeout cannot stretch a call to hours.
 */
export function callTimeLimitMs(policy: CallPolicy): number {
	const attempts = policy.maxRetries + 1;
	return (policy.throttledWaitBudgetSeconds + attempts * policy.timeoutSeconds) * 1000 + policy.maxRetries * MAX_RETRY_DELAY_MS;
}

export interface CallerOptions {
	/** n8n's execution cancel signal: no call starts after it fires, calls and waits under way end at once. */
	cancelSignal?: AbortSignal;
	/** Where calls wait for a place and their turn; a scheduler of the caller's own when absent. */
	scheduler?: CallGate;
	/** The bytes of bodies written at once; the process's when absent. */
	bodyBudget?: BodyBudget;
	/** Monotonic milliseconds, for the call's time limit. */
	nowMs?: () => number;
	random?: () => number;
}

/** Calls the OCR API within the quota, retrying what can succeed later. One per node execution. */
export class OcrCaller {
	private readonly scheduler: CallGate;
	private readonly cancelSignal?: AbortSignal;
	private readonly bodyBudget: BodyBudget;
	private readonly random: () => number;

	constructor(
		private readonly client: OcrClient,
		readonly policy: CallPolicy,
		private readonly options: CallerOptions = {},
	) {
		this.scheduler = options.scheduler ?? new CallScheduler(policy);
		this.cancelSignal = options.cancelSignal;
		this.bodyBudget = options.bodyBudget ?? processBodyBudget;
		this.random = options.random ?? Math.random;
	}

	/** The same caller, making its calls through `gate` (an item's place). */
	through(gate: CallGate): OcrCaller {
		return new OcrCaller(this.client, this.policy, { ...this.options, scheduler: gate });
	}

	async call<A extends OcrAction>(action: A, request: OcrRequest<A>): Promise<OcrResponse<A>> {
		const limits: RetryLimits = {
			maxRetries: this.policy.maxRetries,
			retriesAfterNoAnswer: MAY_RESEND_AFTER_NO_ANSWER[action] ? this.policy.retriesAfterNoAnswer : 0,
			throttledWaitBudgetMs: this.policy.throttledWaitBudgetSeconds * 1000,
		};
		const history = noRetriesYet();
		/** The failure as the call ends on it: named with its action and the action's quota. */
		const inItsAction = (failure: TencentFailure): TencentFailure => ({ ...failure, action, quotaPerSecond: ACTION_QUOTAS[action] });
		const nowMs = this.options.nowMs ?? realClock.nowMs;
		const timeLimitMs = callTimeLimitMs(this.policy);
		let deadlineMs: number | undefined;
		let lastFailure: TencentFailure | undefined;
		for (let attempt = 1; ; attempt++) {
			let failure: TencentFailure;
			let outOfTime = false;
			try {
				const response = await this.attempt(action, request, () => {
					deadlineMs ??= nowMs() + timeLimitMs;
					return deadlineMs - nowMs();
				});
				this.scheduler.noteAccepted();
				return response;
			} catch (error) {
				outOfTime = error instanceof OutOfTime;
				failure = toTencentFailure(error);
			}
			// Out of time while waiting for its place or turn: the retry was never sent.
			if (outOfTime && lastFailure) throw new OcrCallError(inItsAction(lastFailure), attempt - 1, timeLimitMs / 1000);
			lastFailure = failure;
			if (failure.source === 'tencent') {
				if (retryRuleOf(failure) === 'throttled') this.scheduler.noteThrottled();
				else this.scheduler.noteAccepted();
			}
			const delayMs = nextRetryDelayMs(failure, history, limits, this.random);
			if (delayMs === undefined) throw new OcrCallError(inItsAction(failure), attempt);
			if (deadlineMs !== undefined && nowMs() + delayMs >= deadlineMs) {
				throw new OcrCallError(inItsAction(failure), attempt, timeLimitMs / 1000);
			}
			// Waiting outside the scheduler leaves the slot to other items meanwhile.
			await abortableWait(delayMs, this.cancelSignal).catch(() => {
				throw new OcrCallError(inItsAction(cancelled()), attempt);
			});
		}
	}

	/**
	 * One attempt in a place: the body is written there, once its bytes fit the process's budget, and
	 * dropped when the attempt ends (a retry writes it again in its own place), so that no more bodies
	 * exist than places. `msLeft` is the call's time left, asked when the attempt is sent.
	 */
	private async attempt<A extends OcrAction>(action: A, request: OcrRequest<A>, msLeft: () => number): Promise<OcrResponse<A>> {
		let prepared: PreparedRequest<A> | undefined;
		let releaseBytes: (() => void) | undefined;
		const writeBody = async () => {
			if (this.cancelSignal?.aborted) throw cancelled();
			releaseBytes = await this.bodyBudget.reserve(this.client.bodyLength(request), this.cancelSignal);
			prepared = this.client.prepare(action, request);
		};
		const dropBody = () => {
			prepared = undefined;
			releaseBytes?.();
		};
		const send = async () => {
			const timeoutSeconds = Math.min(this.policy.timeoutSeconds, Math.max(0, msLeft()) / 1000);
			try {
				if (timeoutSeconds <= 0) throw new OutOfTime();
				return await sendOnce(this.client, prepared!, timeoutSeconds, this.cancelSignal);
			} finally {
				// Before the place is freed: the next call in it writes its body only once this one is gone.
				dropBody();
			}
		};
		const scheduled = this.scheduler.run(send, writeBody).finally(dropBody);
		// A call still waiting for its turn is dropped at once on Stop; sendOnce then refuses to start it.
		return await untilAborted(scheduled, this.cancelSignal).catch((error: unknown) => {
			throw this.cancelSignal?.aborted ? cancelled() : error;
		});
	}
}
