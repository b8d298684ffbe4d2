import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { InvoiceInputError } from '../helpers/invoiceInputError';
import { explainFailure, toTencentFailure } from '../helpers/tencentErrors';
import { createOcrClient, readTencentCredentials, type OcrClient } from '../transport';
import * as recognizeVatInvoice from './recognizeVatInvoice.operation';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: OcrClient,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, OperationExecute> = {
	recognizeVatInvoice: recognizeVatInvoice.execute,
};

/** One error type per cause: the user's input (NodeOperationError) or Tencent Cloud's answer (NodeApiError). */
function toNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof InvoiceInputError) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			description: error.hint,
			itemIndex,
		});
	}
	const failure = toTencentFailure(error);
	const explained = explainFailure(failure);
	const reference = failure.requestId ? ` (Request ID ${failure.requestId})` : '';
	return new NodeApiError(
		context.getNode(),
		{ Code: failure.code ?? 'NetworkError', Message: failure.message, RequestId: failure.requestId ?? null },
		{
			message: `${explained.message} [item ${itemIndex}]`,
			description: `${explained.hint}${reference}`,
			itemIndex,
		},
	);
}

/** The item that stands in for a failed input under "Continue On Fail". */
function errorItem(error: NodeOperationError | NodeApiError, itemIndex: number): INodeExecutionData {
	const errorResponse = (error instanceof NodeApiError ? error.errorResponse : undefined) as JsonObject | undefined;
	return {
		json: {
			error: error.message,
			hint: error.description ?? null,
			errorCode: (errorResponse?.Code as string | undefined) ?? null,
			requestId: (errorResponse?.RequestId as string | null | undefined) ?? null,
		},
		pairedItem: { item: itemIndex },
	};
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const executeOperation = operations[operation];
	if (!executeOperation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}

	let client: OcrClient;
	try {
		client = createOcrClient(readTencentCredentials(await this.getCredentials('tencentCloudApi')));
	} catch (error) {
		throw toNodeError(this, error, 0);
	}

	const outputItems: INodeExecutionData[] = [];
	const inputItems = this.getInputData();
	for (let itemIndex = 0; itemIndex < inputItems.length; itemIndex++) {
		try {
			const results = await executeOperation.call(this, itemIndex, client);
			outputItems.push(...this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } }));
		} catch (error) {
			const nodeError = toNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			outputItems.push(errorItem(nodeError, itemIndex));
		}
	}
	return [outputItems];
}
