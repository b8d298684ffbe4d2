/** Calls one Tencent Cloud action within the quota, retrying by cause, and stopping when the execution stops. */
import { abortableWait, untilAborted } from './pacing/abortable';
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
} from './transport/client';
import { settled } from './transport/settled';
import { nextRetryDelayMs, noRetriesYet, retryRuleOf, type RetryLimits } from './failures/retryPolicy';

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
		throw new CallFailure({
			source: 'noAnswer',
			message: `no answer within ${timeoutSeconds} s`,
			endpoint: client.endpoint.origin,
		});
	}
	throw sent.error;
}

/** A call that failed for good: its last failure, and how many attempts were made. */
export class OcrCallError extends CallFailure {
	constructor(
		failure: TencentFailure,
		readonly attempts: number,
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

export interface CallerOptions {
	/** n8n's execution cancel signal: no call starts after it fires, calls and waits under way end at once. */
	cancelSignal?: AbortSignal;
	/** Where calls wait for a place and their turn; a scheduler of the caller's own when absent. */
	scheduler?: CallGate;
	random?: () => number;
}

/** Calls the OCR API within the quota, retrying what can succeed later. One per node execution. */
export class OcrCaller {
	private readonly scheduler: CallGate;
	private readonly cancelSignal?: AbortSignal;
	private readonly random: () => number;

	constructor(
		private readonly client: OcrClient,
		readonly policy: CallPolicy,
		private readonly options: CallerOptions = {},
	) {
		this.scheduler = options.scheduler ?? new CallScheduler(policy);
		this.cancelSignal = options.cancelSignal;
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
		const prepared = this.client.prepare(action, request);
		for (let attempt = 1; ; attempt++) {
			let failure: TencentFailure;
			try {
				const response = await this.attempt(prepared);
				this.scheduler.noteAccepted();
				return response;
			} catch (error) {
				failure = toTencentFailure(error);
			}
			if (failure.source === 'tencent') {
				if (retryRuleOf(failure) === 'throttled') this.scheduler.noteThrottled();
				else this.scheduler.noteAccepted();
			}
			const delayMs = nextRetryDelayMs(failure, history, limits, this.random);
			if (delayMs === undefined) throw new OcrCallError({ ...failure, action, quotaPerSecond: ACTION_QUOTAS[action] }, attempt);
			// Waiting outside the scheduler leaves the slot to other items meanwhile.
			await abortableWait(delayMs, this.cancelSignal).catch(() => {
				throw new OcrCallError({ ...cancelled(), action, quotaPerSecond: ACTION_QUOTAS[action] }, attempt);
			});
		}
	}

	private async attempt<A extends OcrAction>(request: PreparedRequest<A>): Promise<OcrResponse<A>> {
		const scheduled = this.scheduler.run(
			async () => await sendOnce(this.client, request, this.policy.timeoutSeconds, this.cancelSignal),
		);
		// A call still waiting for its turn is dropped at once on Stop; sendOnce then refuses to start it.
		return await untilAborted(scheduled, this.cancelSignal).catch((error: unknown) => {
			throw this.cancelSignal?.aborted ? cancelled() : error;
		});
	}
}
