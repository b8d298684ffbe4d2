/** The Options that pace calls to Tencent Cloud: how they are shown, their defaults, and how they are read. */
import type { INodeProperties } from 'n8n-workflow';

import { SettingsError } from '../errors';
import type { CallPolicy } from './caller';
import { ACTION_QUOTAS, DEFAULT_TIMEOUT_SECONDS } from './client';

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
		throw new SettingsError(
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

/** The Options every operation offers to pace its calls; the default rate is the action's quota. */
function throughputOptions(defaultRequestsPerSecond: number): INodeProperties[] {
	return [
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 5,
			description:
				'How many items this execution works on at once: each holds a place from reading its file to its last call, and no more calls than this are under way',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 3,
			description:
				'How often to retry a call that failed for a passing reason (rate limit, Tencent internal error, network error, timeout), with growing waits. Wrong keys, bad files and other lasting errors are never retried.',
		},
		{
			displayName: 'Requests Per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: defaultRequestsPerSecond,
			description: `The account's quota for this action (${defaultRequestsPerSecond} by default). Every execution on the same account in this n8n process shares one pace (the lowest value among them wins); separate processes or queue-mode workers slow down on their own when Tencent answers "too many requests".`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 30,
			description: 'How long to wait for each call before giving up on it (and retrying)',
		},
	];
}

/** An operation's Options collection: its own options first, then the pacing ones. */
export function optionsCollection(
	operation: string,
	defaultRequestsPerSecond: number,
	operationOptions: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [...operationOptions, ...throughputOptions(defaultRequestsPerSecond)],
	};
}
