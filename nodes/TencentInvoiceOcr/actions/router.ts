/** Which operation the node runs: each is registered here once, and every one goes through the same runner. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { compactForModel } from '../output/toolOutput';
import { toolOutputOf } from './asTool';
import * as recognizeAnyInvoice from './recognizeAnyInvoice/execute';
import * as recognizeVatInvoice from './recognizeVatInvoice/execute';
import { runItems, type Operation } from './runner';
import * as verifyVatInvoice from './verifyVatInvoice/execute';

/** A new operation: its folder (description.ts, execute.ts), a row here, and its description in the node file. */
const OPERATIONS: Record<string, Operation> = {
	recognizeVatInvoice: { action: 'VatInvoiceOCR', execute: recognizeVatInvoice.execute },
	recognizeAnyInvoice: { action: 'RecognizeGeneralInvoice', execute: recognizeAnyInvoice.execute },
	verifyVatInvoice: { action: 'VatInvoiceVerifyNew', execute: verifyVatInvoice.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = Object.prototype.hasOwnProperty.call(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	const outputs = await runItems.call(this, operation);
	// As a tool, a model pays for every byte it reads.
	return toolOutputOf(this) === 'compact' ? outputs.map(compactForModel) : outputs;
}
