/** The Output parameter, the same for every action that makes invoices, and the node outputs it decides. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputMode } from '../output/invoiceItems';

export const outputParameter: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Invoices and Line Items',
			value: 'invoicesAndLineItems',
			description: 'One item per invoice (recordType "invoice"), then one item per line item (recordType "lineItem")',
		},
		{
			name: 'Invoices and Line Items (Separate Outputs)',
			value: 'separateOutputs',
			description: 'Invoice items on output 1 "Invoices", line items on output 2 "Line Items"',
		},
		{
			name: 'Invoices',
			value: 'invoices',
			description: 'One item per invoice, its line items nested in lineItems',
		},
		{
			name: 'Raw Response',
			value: 'raw',
			description: "Tencent's answer as it comes, one item per call",
		},
	],
	default: 'invoicesAndLineItems',
	// The node's outputs follow this choice, so it cannot change from item to item.
	noDataExpression: true,
	displayOptions: { show: { operation: ['recognizeVatInvoice', 'recognizeAnyInvoice', 'verifyVatInvoice'] } },
};

/** The Output choice, read once: the node's outputs depend on it. */
export function outputModeOf(context: IExecuteFunctions): OutputMode {
	return context.getNodeParameter('output', 0, 'invoicesAndLineItems') as OutputMode;
}
