/** Whether, and after how long, a failed call is sent again: decided by the failure's cause. */
import type { TencentFailure } from './failures';

/** Tencent's answers that a later attempt can succeed on. */
const TRANSIENT_CODES = new Set(['InternalError', 'FailedOperation.UnKnowError']);

/** Resource codes that mean the account, not the moment: retrying cannot fix them. */
const ACCOUNT_RESOURCE_CODES = new Set(['ResourceUnavailable.InArrears', 'ResourceUnavailable.ResourcePackageRunOut']);

/**
 * How a failure may be retried:
 * - `throttled`: Tencent refused it for the rate limit, never billed: waited out within a time budget;
 * - `counted`: never reached Tencent, or Tencent's own passing trouble: up to Max Retries;
 * - `maybeBilled`: sent without an answer: for actions that allow it, at most Retries After No Answer;
 * - `never`: anything else, tried once and reported as what it is.
 */
export type RetryRule = 'throttled' | 'counted' | 'maybeBilled' | 'never';

export function retryRuleOf(failure: TencentFailure): RetryRule {
	switch (failure.source) {
		case 'unreached':
			return 'counted';
		case 'noAnswer':
			return 'maybeBilled';
		case 'tencent': {
			const code = failure.code ?? '';
			if (code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')) return 'throttled';
			if (TRANSIENT_CODES.has(code)) return 'counted';
			if (code.startsWith('ResourceUnavailable.') && !ACCOUNT_RESOURCE_CODES.has(code)) return 'counted';
			return 'never';
		}
		default:
			return 'never';
	}
}

export interface RetryLimits {
	maxRetries: number;
	/** Resends after a request got no answer; 0 for actions that must never be sent twice. */
	retriesAfterNoAnswer: number;
	throttledWaitBudgetMs: number;
}

/** What one call has spent on retries so far. */
export interface RetryHistory {
	/** Retries counted against Max Retries (no-answer resends included). */
	countedRetries: number;
	noAnswerRetries: number;
	throttledRetries: number;
	throttledWaitMs: number;
}

export const noRetriesYet = (): RetryHistory => ({
	countedRetries: 0,
	noAnswerRetries: 0,
	throttledRetries: 0,
	throttledWaitMs: 0,
});

export const FIRST_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** Tencent counts its quota per second: a throttled call waits at least that, plus a random part. */
const THROTTLED_MIN_DELAY_MS = 1_000;

/** Full jitter: a random wait up to 500 ms, 1 s, 2 s… (at most 8 s). */
export function backoffDelayMs(retryNumber: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** (retryNumber - 1));
	return Math.round(ceiling * random());
}

/**
 * A second, then a random part up to 1 s, 2 s, 4 s… (at most 8 s): calls throttled together come
 * back spread out instead of in step.
 */
export function throttledDelayMs(retryNumber: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_RETRY_DELAY_MS, THROTTLED_MIN_DELAY_MS * 2 ** (retryNumber - 1));
	return THROTTLED_MIN_DELAY_MS + Math.round(ceiling * random());
}

/**
 * The wait before the next attempt, or undefined when the call must fail now. Updates `history`.
 * Throttled waits are bounded by the budget, not by Max Retries; the last one is cut to what is left.
 */
export function nextRetryDelayMs(
	failure: TencentFailure,
	history: RetryHistory,
	limits: RetryLimits,
	random: () => number = Math.random,
): number | undefined {
	switch (retryRuleOf(failure)) {
		case 'throttled': {
			const budgetLeftMs = limits.throttledWaitBudgetMs - history.throttledWaitMs;
			if (budgetLeftMs <= 0) return undefined;
			history.throttledRetries += 1;
			const delayMs = Math.min(budgetLeftMs, throttledDelayMs(history.throttledRetries, random));
			history.throttledWaitMs += delayMs;
			return delayMs;
		}
		case 'counted':
			if (history.countedRetries >= limits.maxRetries) return undefined;
			history.countedRetries += 1;
			return backoffDelayMs(history.countedRetries, random);
		case 'maybeBilled':
			if (history.countedRetries >= limits.maxRetries || history.noAnswerRetries >= limits.retriesAfterNoAnswer) {
				return undefined;
			}
			history.countedRetries += 1;
			history.noAnswerRetries += 1;
			return backoffDelayMs(history.countedRetries, random);
		default:
			return undefined;
	}
}
