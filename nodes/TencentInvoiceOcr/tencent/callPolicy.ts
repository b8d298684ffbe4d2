/** The settings that pace and retry calls to Tencent Cloud: their defaults, and how the node's Options are read into them. */
import { SettingsError } from '../errors';
import type { CallPolicy } from './caller';
import { ACTION_QUOTAS, DEFAULT_TIMEOUT_SECONDS } from './transport/client';

export const MAX_TIMEOUT_SECONDS = 300;
/** Each place can hold a request body (up to 10 MB, and copies of it while it is sent): memory grows with this. */
export const MAX_CONCURRENCY_LIMIT = 20;
export const MAX_RETRIES_LIMIT = 10;
export const RETRIES_AFTER_NO_ANSWER_LIMIT = 5;
export const THROTTLED_WAIT_BUDGET_LIMIT_SECONDS = 600;

export const DEFAULT_CALL_POLICY: CallPolicy = {
	maxConcurrency: 5,
	// Operations on other actions than VatInvoiceOCR state their own.
	requestsPerSecond: ACTION_QUOTAS.VatInvoiceOCR,
	maxRetries: 3,
	timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
	retriesAfterNoAnswer: 1,
	throttledWaitBudgetSeconds: 180,
};

function wholeNumber(value: unknown, fallback: number, minimum: number, label: string, maximum = Infinity): number {
	if (value === undefined || value === null || value === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < minimum || number > maximum) {
		const range = maximum === Infinity ? `from ${minimum} up` : `from ${minimum} to ${maximum}`;
		throw new SettingsError(
			`${label} must be a whole number ${range}, not "${String(value)}"`,
			`Set ${label} under Options, or remove it to use the default (${fallback}).`,
		);
	}
	return number;
}

/** The throughput and retry settings from the node's Options, checked; defaults for what is left out. */
export function readCallPolicy(options: Record<string, unknown>, defaults: CallPolicy = DEFAULT_CALL_POLICY): CallPolicy {
	return {
		maxConcurrency: wholeNumber(options.maxConcurrency, defaults.maxConcurrency, 1, 'Max Concurrency', MAX_CONCURRENCY_LIMIT),
		requestsPerSecond: wholeNumber(options.requestsPerSecond, defaults.requestsPerSecond, 1, 'Requests Per Second'),
		maxRetries: wholeNumber(options.maxRetries, defaults.maxRetries, 0, 'Max Retries', MAX_RETRIES_LIMIT),
		timeoutSeconds: wholeNumber(options.timeout, defaults.timeoutSeconds, 1, 'Timeout', MAX_TIMEOUT_SECONDS),
		retriesAfterNoAnswer: wholeNumber(
			options.retriesAfterNoAnswer,
			defaults.retriesAfterNoAnswer,
			0,
			'Retries After No Answer',
			RETRIES_AFTER_NO_ANSWER_LIMIT,
		),
		throttledWaitBudgetSeconds: wholeNumber(
			options.throttledWaitBudget,
			defaults.throttledWaitBudgetSeconds,
			0,
			'Throttled Wait Budget',
			THROTTLED_WAIT_BUDGET_LIMIT_SECONDS,
		),
	};
}
