/** The Options collection of every operation: its own options, then the pacing and retry ones of the action it calls. */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_TIMEOUT_SECONDS } from '../tencent/callPolicy';
import { ACTION_QUOTAS, MAY_RESEND_AFTER_NO_ANSWER, type OcrAction } from '../tencent/transport/client';

/** Why a call of an action that is never resent after no answer must not be: what a second one would cost. */
const NOT_RESENT_BECAUSE: Partial<Record<OcrAction, string>> = {
	VatInvoiceVerifyNew: "may have used one of the invoice's five daily queries",
	RecognizeGeneralInvoice: 'may have read, and billed, every document on up to 30 pages',
};

/** The Options every operation offers to pace and retry its calls; the default rate is the action's quota. */
function throughputOptions(action: OcrAction): INodeProperties[] {
	const quota = ACTION_QUOTAS[action];
	const noAnswerRule = MAY_RESEND_AFTER_NO_ANSWER[action]
		? 'A call sent without an answer (timeout, reset, cut-off answer) may have been billed: it is resent at most Retries After No Answer times.'
		: `A call sent without an answer (timeout, reset, cut-off answer) ${NOT_RESENT_BECAUSE[action] ?? 'may have been billed'}: it is never resent.`;
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
			description: `How often to retry a call that never reached Tencent Cloud (refused connection, DNS, TLS) or that Tencent failed for a passing reason (InternalError, ResourceUnavailable), with growing random waits. ${noAnswerRule} Rate-limit answers are waited out under Throttled Wait Budget instead. Wrong keys, bad files and other lasting errors are never retried.`,
		},
		{
			displayName: 'Requests Per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: quota,
			description: `The account's quota for this action (${quota} by default). Every execution on the same account in this n8n process shares one pace (the lowest value among them wins); separate processes or queue-mode workers slow down on their own when Tencent answers "too many requests".`,
		},
		...(MAY_RESEND_AFTER_NO_ANSWER[action]
			? [
					{
						displayName: 'Retries After No Answer',
						name: 'retriesAfterNoAnswer',
						type: 'number' as const,
						typeOptions: { minValue: 0, numberPrecision: 0 },
						default: 1,
						description:
							'How often to resend a page whose request was sent but got no answer (timeout, reset, cut-off answer). Tencent may have recognized, and billed, the first one: 0 never risks a second charge.',
					},
				]
			: []),
		{
			displayName: 'Throttled Wait Budget (Seconds)',
			name: 'throttledWaitBudget',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 180,
			description:
				"How long one call may wait out Tencent's rate-limit answers (RequestLimitExceeded, never billed) before it fails. These waits do not count against Max Retries.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS, numberPrecision: 0 },
			default: 30,
			description: `How long to wait for each call's answer, from 1 to ${MAX_TIMEOUT_SECONDS} seconds`,
		},
	];
}

/** An operation's Options collection: its own options first, then the pacing and retry ones for the action it calls. */
export function optionsCollection(
	operation: string,
	action: OcrAction,
	operationOptions: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [...operationOptions, ...throughputOptions(action)],
	};
}
