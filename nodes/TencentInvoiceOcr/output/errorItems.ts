/** Errors as n8n shows them: one per cause, and the item that stands in for a failed input. */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { FixableProblem, UnexpectedAnswer } from '../errors';
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
	if (error instanceof UnexpectedAnswer) return unexpectedAnswerError(context, error, itemIndex);
	const failure = toTencentFailure(error);
	const explained = explainFailure(failure);
	if (failure.source === 'local') {
		return new NodeOperationError(context.getNode(), `${explained.message} [item ${itemIndex}]`, {
			description: explained.hint,
			itemIndex,
		});
	}
	const attempts = error instanceof OcrCallError && error.attempts > 1 ? ` Tried ${error.attempts} times.` : '';
	const reference = failure.requestId ? ` (Request ID ${failure.requestId})` : '';
	return new NodeApiError(
		context.getNode(),
		{
			Code: failure.code ?? UNCODED_ERROR_CODES[failure.source] ?? 'NetworkError',
			Message: failure.message,
			RequestId: failure.requestId ?? null,
		},
		{
			message: `${explained.message} [item ${itemIndex}]`,
			description: `${explained.hint}${attempts}${reference}`,
			itemIndex,
		},
	);
}

/** An answer the node cannot read: Tencent's side, so a NodeApiError, with the Request ID to report it by. */
function unexpectedAnswerError(context: IExecuteFunctions, error: UnexpectedAnswer, itemIndex: number): NodeApiError {
	const reference = error.requestId ? ` with its Request ID, ${error.requestId}` : '';
	return new NodeApiError(
		context.getNode(),
		{ Code: 'UnexpectedAnswer', Message: error.message, RequestId: error.requestId ?? null },
		{
			message: `Tencent Cloud answered in a shape the node cannot read: ${error.message} [item ${itemIndex}]`,
			description: `The call was made and may be billed; its answer was not read. Recognize's Output → Raw Response passes answers on as they come. If it happens again, report it to Tencent Cloud support${reference}.`,
			itemIndex,
		},
	);
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
