import type { TencentFailure } from '../../../nodes/TencentInvoiceOcr/tencent/failures/failures';
import {
	backoffDelayMs,
	nextRetryDelayMs,
	noRetriesYet,
	retryRuleOf,
	throttledDelayMs,
	type RetryLimits,
} from '../../../nodes/TencentInvoiceOcr/tencent/failures/retryPolicy';

const tencent = (code: string): TencentFailure => ({ source: 'tencent', code, message: 'm' });
const uncoded = (source: TencentFailure['source']): TencentFailure => ({ source, message: 'm' });

describe('retryRuleOf', () => {
	it.each([
		[tencent('RequestLimitExceeded'), 'throttled'],
		[tencent('RequestLimitExceeded.UinLimitExceeded'), 'throttled'],
		[tencent('InternalError'), 'counted'],
		[tencent('FailedOperation.UnKnowError'), 'counted'],
		[tencent('ResourceUnavailable.ServiceUnavailable'), 'counted'],
		[tencent('ResourceUnavailable.TaxNetworkError'), 'counted'],
		[uncoded('unreached'), 'counted'],
		[uncoded('noAnswer'), 'maybeBilled'],
		[tencent('ResourceUnavailable.InArrears'), 'never'],
		[tencent('ResourceUnavailable.ResourcePackageRunOut'), 'never'],
		[tencent('AuthFailure.SignatureFailure'), 'never'],
		[tencent('FailedOperation.ImageDecodeFailed'), 'never'],
		[tencent('ResourceNotFound.NoInvoice'), 'never'],
		[tencent('FailedOperation.InvoiceMismatch'), 'never'],
		[tencent('RequestLimitExceededX'), 'never'],
		[uncoded('gateway'), 'never'],
		[uncoded('notTencent'), 'never'],
		[uncoded('tooLarge'), 'never'],
		[uncoded('local'), 'never'],
		[uncoded('cancelled'), 'never'],
	])('%j → %s', (failure, rule) => {
		expect(retryRuleOf(failure)).toBe(rule);
	});
});

describe('backoffDelayMs and throttledDelayMs', () => {
	it.each([
		[1, 1, 500, 2000],
		[2, 1, 1000, 3000],
		[3, 1, 2000, 5000],
		[4, 1, 4000, 9000],
		[9, 1, 8000, 9000],
		[3, 0.5, 1000, 3000],
		[3, 0, 0, 1000],
	])('retry %d with random %d: %d ms, throttled %d ms', (retryNumber, random, backoff, throttled) => {
		expect(backoffDelayMs(retryNumber, () => random)).toBe(backoff);
		expect(throttledDelayMs(retryNumber, () => random)).toBe(throttled);
	});
});

/** Plays failures against the limits; the delays until the call gives up. */
function delaysFor(failures: TencentFailure[], limits: RetryLimits, random = 1): Array<number | undefined> {
	const history = noRetriesYet();
	const delays: Array<number | undefined> = [];
	for (const failure of failures) {
		const delay = nextRetryDelayMs(failure, history, limits, () => random);
		delays.push(delay);
		if (delay === undefined) break;
	}
	return delays;
}

const limits: RetryLimits = { maxRetries: 3, retriesAfterNoAnswer: 1, throttledWaitBudgetMs: 10_000 };

describe('nextRetryDelayMs', () => {
	it('retries counted failures up to Max Retries', () => {
		expect(delaysFor(Array(5).fill(tencent('InternalError')), limits)).toEqual([500, 1000, 2000, undefined]);
		expect(delaysFor(Array(5).fill(uncoded('unreached')), { ...limits, maxRetries: 0 })).toEqual([undefined]);
	});

	it('resends after no answer at most Retries After No Answer times, and never when that is 0', () => {
		expect(delaysFor(Array(5).fill(uncoded('noAnswer')), limits)).toEqual([500, undefined]);
		expect(delaysFor(Array(5).fill(uncoded('noAnswer')), { ...limits, retriesAfterNoAnswer: 0 })).toEqual([undefined]);
		expect(delaysFor(Array(5).fill(uncoded('noAnswer')), { ...limits, maxRetries: 0 })).toEqual([undefined]);
	});

	it('waits out throttling within the budget, without using Max Retries', () => {
		const throttledThenInternal = [...Array(3).fill(tencent('RequestLimitExceeded')), ...Array(4).fill(tencent('InternalError'))];
		// 2 s + 3 s + the 5 s left of the budget, then the three retries Max Retries allows.
		expect(delaysFor(throttledThenInternal, limits)).toEqual([2000, 3000, 5000, 500, 1000, 2000, undefined]);
		expect(delaysFor(Array(10).fill(tencent('RequestLimitExceeded')), limits)).toEqual([2000, 3000, 5000, undefined]);
		expect(delaysFor([tencent('RequestLimitExceeded')], { ...limits, throttledWaitBudgetMs: 0 })).toEqual([undefined]);
	});

	it('never retries a lasting failure', () => {
		for (const failure of [tencent('FailedOperation.ImageBlur'), uncoded('gateway'), uncoded('local'), uncoded('cancelled')]) {
			expect(delaysFor([failure], limits)).toEqual([undefined]);
		}
	});
});
