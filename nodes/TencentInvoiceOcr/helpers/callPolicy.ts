import { ACTION_QUOTAS, DEFAULT_TIMEOUT_SECONDS, type CallPolicy } from '../transport';
import { InvoiceInputError } from './invoiceInputError';

export const DEFAULT_CALL_POLICY: CallPolicy = {
	maxConcurrency: 5,
	// Operations on other actions than VatInvoiceOCR state their own.
	requestsPerSecond: ACTION_QUOTAS.VatInvoiceOCR,
	maxRetries: 3,
	timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
};

function wholeNumber(value: unknown, fallback: number, minimum: number, label: string): number {
	if (value === undefined || value === null || value === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < minimum) {
		throw new InvoiceInputError(
			`${label} must be a whole number from ${minimum} up, not "${String(value)}"`,
			`Set ${label} under Options, or remove it to use the default (${fallback}).`,
		);
	}
	return number;
}

/** The throughput settings from the node's Options, checked; defaults for what is left out. */
export function readCallPolicy(options: Record<string, unknown>, defaults: CallPolicy = DEFAULT_CALL_POLICY): CallPolicy {
	return {
		maxConcurrency: wholeNumber(options.maxConcurrency, defaults.maxConcurrency, 1, 'Max Concurrency'),
		requestsPerSecond: wholeNumber(
			options.requestsPerSecond,
			defaults.requestsPerSecond,
			1,
			'Requests Per Second',
		),
		maxRetries: wholeNumber(options.maxRetries, defaults.maxRetries, 0, 'Max Retries'),
		timeoutSeconds: wholeNumber(options.timeout, defaults.timeoutSeconds, 1, 'Timeout'),
	};
}
