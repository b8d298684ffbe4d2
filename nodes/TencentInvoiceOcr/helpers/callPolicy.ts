import type { CallPolicy } from '../transport';
import { InvoiceInputError } from './invoiceInputError';

export const DEFAULT_CALL_POLICY: CallPolicy = {
	maxConcurrency: 5,
	// VatInvoiceOCR's default quota.
	requestsPerSecond: 10,
	maxRetries: 3,
	timeoutSeconds: 30,
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

/** The throughput settings from the node's Options, checked, with defaults. */
export function readCallPolicy(options: Record<string, unknown>): CallPolicy {
	return {
		maxConcurrency: wholeNumber(options.maxConcurrency, DEFAULT_CALL_POLICY.maxConcurrency, 1, 'Max Concurrency'),
		requestsPerSecond: wholeNumber(
			options.requestsPerSecond,
			DEFAULT_CALL_POLICY.requestsPerSecond,
			1,
			'Requests Per Second',
		),
		maxRetries: wholeNumber(options.maxRetries, DEFAULT_CALL_POLICY.maxRetries, 0, 'Max Retries'),
		timeoutSeconds: wholeNumber(options.timeout, DEFAULT_CALL_POLICY.timeoutSeconds, 1, 'Timeout'),
	};
}
