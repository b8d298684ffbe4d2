/** Calls one Tencent Cloud action within the quota, retrying what a later attempt can fix. */
import { toTencentFailure, type TencentFailure } from './failures';
import { CallScheduler, realClock, type CallGate, type SchedulerClock, type SchedulerLimits } from './callScheduler';
import { DEFAULT_TIMEOUT_SECONDS, type OcrAction, type OcrClient, type OcrRequest, type OcrResponse } from './client';
import { isTransientFailure, retryDelayMs } from './retryPolicy';

/** One attempt, bounded by a timeout that also covers a body that stalls after its headers. */
export async function callOcrAction<A extends OcrAction>(
	client: OcrClient,
	action: A,
	request: OcrRequest<A>,
	timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
): Promise<OcrResponse<A>> {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), timeoutSeconds * 1000);
	try {
		return (await client.request(action, request, { signal: abort.signal })) as OcrResponse<A>;
	} catch (error) {
		if (abort.signal.aborted) throw new Error(`no answer within ${timeoutSeconds} s`);
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/** A call that failed for good: Tencent's failure, and how many attempts were made. */
export class OcrCallError extends Error implements TencentFailure {
	readonly code?: string;
	readonly requestId?: string;

	constructor(
		failure: TencentFailure,
		readonly attempts: number,
	) {
		super(failure.message);
		this.name = 'OcrCallError';
		this.code = failure.code;
		this.requestId = failure.requestId;
	}
}

export interface CallPolicy extends SchedulerLimits {
	maxRetries: number;
	timeoutSeconds: number;
}

/** Calls the OCR API within the quota, retrying what can succeed later. One per node execution. */
export class OcrCaller {
	constructor(
		private readonly client: OcrClient,
		readonly policy: CallPolicy,
		private readonly scheduler: CallGate = new CallScheduler(policy),
		private readonly clock: SchedulerClock = realClock,
		private readonly random: () => number = Math.random,
	) {}

	/** The same caller, making its calls through `gate` (an item's place). */
	through(gate: CallGate): OcrCaller {
		return new OcrCaller(this.client, this.policy, gate, this.clock, this.random);
	}

	async call<A extends OcrAction>(action: A, request: OcrRequest<A>): Promise<OcrResponse<A>> {
		for (let attempt = 1; ; attempt++) {
			try {
				const response = await this.scheduler.run(() =>
					callOcrAction(this.client, action, request, this.policy.timeoutSeconds),
				);
				this.scheduler.noteAccepted();
				return response;
			} catch (error) {
				const failure = toTencentFailure(error);
				if (failure.code?.startsWith('RequestLimitExceeded')) this.scheduler.noteThrottled();
				if (attempt > this.policy.maxRetries || !isTransientFailure(failure)) throw new OcrCallError(failure, attempt);
				// Backing off outside the scheduler leaves the slot to other items meanwhile.
				await this.clock.sleep(retryDelayMs(attempt, failure, this.random));
			}
		}
	}
}
