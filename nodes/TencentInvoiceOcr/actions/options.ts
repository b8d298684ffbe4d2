/** The Options collection of every operation: its own options, then the pacing and retry ones of the action it calls. */
import type { INodeProperties } from 'n8n-workflow';

import {
	MAX_CONCURRENCY_LIMIT,
	MAX_RETRIES_LIMIT,
	MAX_TIMEOUT_SECONDS,
	RETRIES_AFTER_NO_ANSWER_LIMIT,
	THROTTLED_WAIT_BUDGET_LIMIT_SECONDS,
} from '../tencent/callPolicy';
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
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY_LIMIT, numberPrecision: 0 },
			default: 5,
			description: `How many items this execution works on at once, from 1 to ${MAX_CONCURRENCY_LIMIT}: each holds a place from reading its file to its last call, and no more calls (nor request bodies in memory) than this are under way`,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT, numberPrecision: 0 },
			default: 3,
			description: `How often, at most ${MAX_RETRIES_LIMIT}, to retry a call that never reached Tencent Cloud (refused connection, DNS, TLS) or that Tencent failed for a passing reason (InternalError, ResourceUnavailable), with growing random waits. ${noAnswerRule} Rate-limit answers are waited out under Throttled Wait Budget instead. Wrong keys, bad files and other lasting errors are never retried.`,
		},
		{
			displayName: 'Requests Per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: quota,
			description: `At most this many calls per second from this execution; the account's quota for this action is ${quota} by default. Executions on the same account in this n8n process share one pace, at the highest value among them, and each keeps to its own; separate processes or queue-mode workers slow down on their own when Tencent answers "too many requests".`,
		},
		...(MAY_RESEND_AFTER_NO_ANSWER[action]
			? [
					{
						displayName: 'Retries After No Answer',
						name: 'retriesAfterNoAnswer',
						type: 'number' as const,
						typeOptions: { minValue: 0, maxValue: RETRIES_AFTER_NO_ANSWER_LIMIT, numberPrecision: 0 },
						default: 1,
						description: `How often, at most ${RETRIES_AFTER_NO_ANSWER_LIMIT}, to resend a page whose request was sent but got no answer (timeout, reset, cut-off answer). Tencent may have recognized, and billed, the first one: 0 never risks a second charge.`,
					},
				]
			: []),
		{
			displayName: 'Throttled Wait Budget (Seconds)',
			name: 'throttledWaitBudget',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: THROTTLED_WAIT_BUDGET_LIMIT_SECONDS, numberPrecision: 0 },
			default: 180,
			description: `How long one call may wait out Tencent's rate-limit answers (RequestLimitExceeded, never billed) before it fails, at most ${THROTTLED_WAIT_BUDGET_LIMIT_SECONDS} seconds. These waits do not count against Max Retries. No call takes longer than this budget plus (Max Retries + 1) × Timeout plus 8 s per retry, whatever answers come.`,
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
