import type { TencentFailure } from './failures';

/** Codes that a later attempt can succeed on; everything else with a code is final. */
const TRANSIENT_CODES = new Set([
	'RequestLimitExceeded',
	'InternalError',
	'FailedOperation.UnKnowError',
	'ResourceUnavailable.ServiceUnavailable',
	'ResourceUnavailable.NotReady',
]);

/** Resource codes that mean the account, not the moment: retrying cannot fix them. */
const ACCOUNT_RESOURCE_CODES = new Set(['ResourceUnavailable.InArrears', 'ResourceUnavailable.ResourcePackageRunOut']);

/**
 * Whether to try again: throttling, Tencent's internal errors and failures without a code
 * (reset or dropped connections, timeouts, cut-off or non-JSON answers). Never auth, image,
 * parameter, not-opened or arrears errors.
 */
export function isTransientFailure(failure: TencentFailure): boolean {
	if (failure.code === undefined) return true;
	if (TRANSIENT_CODES.has(failure.code) || failure.code.startsWith('RequestLimitExceeded.')) return true;
	return failure.code.startsWith('ResourceUnavailable.') && !ACCOUNT_RESOURCE_CODES.has(failure.code);
}

export const FIRST_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** Tencent's rate limit counts requests per second: waiting less than that is wasted. */
const RATE_LIMITED_MIN_DELAY_MS = 1_000;

/**
 * Exponential backoff with "full jitter": a random wait up to 500 ms, 1 s, 2 s… (at most 8 s),
 * so that many items throttled together do not retry together.
 */
export function retryDelayMs(retryNumber: number, failure: TencentFailure, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** (retryNumber - 1));
	const jittered = Math.round(ceiling * random());
	const isThrottled = failure.code?.startsWith('RequestLimitExceeded') === true;
	return isThrottled ? Math.max(RATE_LIMITED_MIN_DELAY_MS, jittered) : jittered;
}
