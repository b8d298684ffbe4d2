/**
 * Any failure → the error n8n shows, built once: what went wrong and how to fix it, where (the page),
 * and which item. One error type per cause: the user's input or the node's own bug
 * (NodeOperationError), or the way to Tencent Cloud and its answer (NodeApiError).
 */
import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { FixableProblem, UnexpectedAnswer } from '../errors';
import type { NodeError } from '../output/errorItems';
import { OcrCallError } from '../tencent/caller';
import { explainFailure, toTencentFailure, type TencentFailure } from '../tencent/failures/failures';

/** Where in an item a failure happened: a file (and page) of it; absent for the item as a whole. */
export interface FailurePlace {
	sourceFileName: string | null;
	sourceBinaryField: string | null;
	/** The PDF page whose call failed; null for a whole file. */
	pdfPage: number | null;
}

/** The `errorCode` of a failure Tencent did not name. */
const UNCODED_ERROR_CODES: Record<string, string> = {
	unreached: 'NetworkError',
	noAnswer: 'NetworkError',
	cancelled: 'NetworkError',
	gateway: 'GatewayError',
	notTencent: 'NotTencentAnswer',
	tooLarge: 'AnswerTooLarge',
};

/** A failure in words, before it names its page or item: `reason` is what pagesNotRecognized says. */
interface DescribedFailure {
	reason: string;
	hint: string;
	/** The Tencent side of a failure on the way to Tencent or in its answer; absent for input problems and bugs. */
	api?: { failure: TencentFailure; attempts: number; timeLimitSeconds?: number };
}

/** An answer the node cannot read is Tencent's side, so a NodeApiError, with the Request ID to report it by. */
function describeUnexpectedAnswer(error: UnexpectedAnswer): DescribedFailure {
	return {
		reason: `Tencent Cloud answered in a shape the node cannot read: ${error.message}`,
		hint: "The call was made and may be billed; its answer was not read. Recognize's Output → Raw Response passes answers on as they come. If it happens again, report it to Tencent Cloud support with the Request ID.",
		api: {
			failure: { source: 'tencent', code: 'UnexpectedAnswer', message: error.message, requestId: error.requestId },
			attempts: 1,
		},
	};
}

function describeFailure(error: unknown): DescribedFailure {
	if (error instanceof FixableProblem) return { reason: error.message, hint: error.hint };
	if (error instanceof UnexpectedAnswer) return describeUnexpectedAnswer(error);
	const failure = toTencentFailure(error);
	const explained = explainFailure(failure);
	if (failure.source === 'local') return { reason: explained.message, hint: explained.hint };
	return {
		reason: explained.message,
		hint: explained.hint,
		api: {
			failure,
			attempts: error instanceof OcrCallError ? error.attempts : 1,
			timeLimitSeconds: error instanceof OcrCallError ? error.timeLimitSeconds : undefined,
		},
	};
}

/** The n8n error for a failure, and the reason without page or item, both from one description. */
export function toNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	place?: FailurePlace,
): { nodeError: NodeError; reason: string } {
	// n8n's own helpers (e.g. a missing binary field) throw errors already made for the user.
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return { nodeError: error, reason: error.message };
	const { reason, hint, api } = describeFailure(error);
	const pagePrefix = place?.pdfPage ? `Page ${place.pdfPage}: ` : '';
	const message = `${pagePrefix}${reason} [item ${itemIndex}]`;
	if (!api) return { nodeError: new NodeOperationError(context.getNode(), message, { description: hint, itemIndex }), reason };
	const { failure, attempts, timeLimitSeconds } = api;
	const triedAgain = attempts > 1 ? ` Tried ${attempts} times.` : '';
	const outOfTime =
		timeLimitSeconds !== undefined
			? ` Stopped at the call's time limit, ${timeLimitSeconds} s (Throttled Wait Budget + (Max Retries + 1) × Timeout + 8 s per retry).`
			: '';
	const reference = failure.requestId ? ` (Request ID ${failure.requestId})` : '';
	const nodeError = new NodeApiError(
		context.getNode(),
		{
			Code: failure.code ?? UNCODED_ERROR_CODES[failure.source] ?? 'NetworkError',
			Message: failure.message,
			RequestId: failure.requestId ?? null,
		},
		{ message, description: `${hint}${triedAgain}${outOfTime}${reference}`, itemIndex },
	);
	// n8n swaps a message that contains a network code's name anywhere for its own words, and the Endpoint named
	// in ours may spell one (a host "econnrefused.example"): the message stays the one that says what happened.
	nodeError.message = message;
	return { nodeError, reason };
}
