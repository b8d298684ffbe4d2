/** Errors as n8n shows them: one per cause, and the item that stands in for a failed input. */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { FixableProblem } from '../errors';
import { explainFailure, toTencentFailure } from '../tencent/failures';
import { OcrCallError } from '../tencent/caller';

export type NodeError = NodeOperationError | NodeApiError;

/** The `errorCode` of a failure Tencent did not name. */
const UNCODED_ERROR_CODES: Record<string, string> = {
	unreached: 'NetworkError',
	noAnswer: 'NetworkError',
	cancelled: 'NetworkError',
	gateway: 'GatewayError',
	notTencent: 'NotTencentAnswer',
	tooLarge: 'AnswerTooLarge',
};

/**
 * One error type per cause: the user's input or the node's own bug (NodeOperationError), or the
 * way to Tencent Cloud and its answer (NodeApiError). Messages come scrubbed of secrets from tencent/.
 */
export function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof FixableProblem) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			description: error.hint,
			itemIndex,
		});
	}
	const failure = toTencentFailure(error);
	const explained = explainFailure(failure);
	if (failure.source === 'local') {
		return new NodeOperationError(context.getNode(), `${explained.message} [item ${itemIndex}]`, {
			description: explained.hint,
			itemIndex,
		});
	}
	const attempts = error instanceof OcrCallError && error.attempts > 1 ? ` Tried ${error.attempts} times.` : '';
	const outOfTime =
		error instanceof OcrCallError && error.timeLimitSeconds !== undefined
			? ` Stopped at the call's time limit, ${error.timeLimitSeconds} s (Throttled Wait Budget + (Max Retries + 1) × Timeout + 8 s per retry).`
			: '';
	const reference = failure.requestId ? ` (Request ID ${failure.requestId})` : '';
	const message = `${explained.message} [item ${itemIndex}]`;
	const apiError = new NodeApiError(
		context.getNode(),
		{
			Code: failure.code ?? UNCODED_ERROR_CODES[failure.source] ?? 'NetworkError',
			Message: failure.message,
			RequestId: failure.requestId ?? null,
		},
		{
			message,
			description: `${explained.hint}${attempts}${outOfTime}${reference}`,
			itemIndex,
		},
	);
	// n8n swaps a message that contains a network code's name anywhere for its own words, and the Endpoint named
	// in ours may spell one (a host "econnrefused.example"): the message stays the one that says what happened.
	apiError.message = message;
	return apiError;
}

/** The item that stands in for a failed input under "Continue On Fail". */
export function errorItem(error: NodeError, itemIndex: number, source: IDataObject = {}): INodeExecutionData {
	const errorResponse = (error instanceof NodeApiError ? error.errorResponse : undefined) as JsonObject | undefined;
	return {
		json: {
			error: error.message,
			hint: error.description ?? null,
			errorCode: (errorResponse?.Code as string | undefined) ?? null,
			requestId: (errorResponse?.RequestId as string | null | undefined) ?? null,
			...source,
		},
		pairedItem: { item: itemIndex },
	};
}
