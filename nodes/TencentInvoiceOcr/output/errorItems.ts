/** The item that stands in for a failed input, file or page under Continue On Fail. */
import {
	NodeApiError,
	type IDataObject,
	type INodeExecutionData,
	type JsonObject,
	type NodeOperationError,
} from 'n8n-workflow';

export type NodeError = NodeOperationError | NodeApiError;

/** The item that stands in for a failed input, file or page: the error's message and hint, Tencent's code and Request ID. */
export function errorItem(error: NodeError, itemIndex: number, source: IDataObject = {}): INodeExecutionData {
	const errorResponse = (error instanceof NodeApiError ? error.errorResponse : undefined) as JsonObject | undefined;
	return {
		json: {
			error: error.message,
			hint: error.description ?? null,
			errorCode: (errorResponse?.Code as string | undefined) ?? null,
			requestId: (errorResponse?.RequestId as string | null | undefined) ?? null,
			// Every error item has every key of ERROR_ITEM_FIELDS, null where it names no file or page.
			sourceFileName: null,
			sourceBinaryField: null,
			pdfPage: null,
			...source,
		},
		pairedItem: { item: itemIndex },
	};
}
