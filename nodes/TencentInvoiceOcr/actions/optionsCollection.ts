import type { INodeProperties } from 'n8n-workflow';

/** The Options every operation offers to pace its calls; the default rate is the action's quota. */
function throughputOptions(defaultRequestsPerSecond: number): INodeProperties[] {
	return [
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 5,
			description: 'How many calls to Tencent Cloud may be under way at once',
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
			description: `The account's quota for this action (${defaultRequestsPerSecond} by default). It applies to this node in this execution: split it between executions or workers that run at the same time.`,
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
