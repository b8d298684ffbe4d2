import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { toolOutputProperty } from './actions/asTool';
import { outputParameter } from './actions/outputParameter';
import { router } from './actions/router';
import * as recognizeAnyInvoice from './actions/recognizeAnyInvoice/description';
import * as recognizeVatInvoice from './actions/recognizeVatInvoice/description';
import * as verifyVatInvoice from './actions/verifyVatInvoice/description';
import { tencentCloudApiTest } from './tencent/transport/credentialTest';

/** The node: its description here, each operation's parameters and work in actions/. */
export class TencentInvoiceOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Invoice OCR',
		name: 'tencentInvoiceOcr',
		icon: { light: 'file:tencentInvoiceOcr.svg', dark: 'file:tencentInvoiceOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { recognizeVatInvoice: "Recognize VAT Invoice", recognizeAnyInvoice: "Recognize Any Invoice or Receipt", verifyVatInvoice: "Verify VAT Invoice" }[$parameter["operation"]] }}',
		description: 'Recognize and verify Chinese VAT invoices (增值税发票), and read any invoice, ticket or receipt, with Tencent Cloud OCR',
		defaults: { name: 'Tencent Invoice OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Two outputs, "Invoices" and "Line Items", when Output is Separate Outputs (Recognize and Verify alike); otherwise one.
		outputs: `={{ $parameter.output === "separateOutputs" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Invoices" }, { type: "${NodeConnectionTypes.Main}", displayName: "Line Items" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [{ name: 'tencentCloudApi', required: true, testedBy: 'tencentCloudApiTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Recognize VAT Invoice',
						value: 'recognizeVatInvoice',
						description: 'Read the fields and line items of a VAT invoice image, PDF or OFD file',
						action: 'Recognize a VAT invoice',
					},
					{
						name: 'Recognize Any Invoice or Receipt',
						value: 'recognizeAnyInvoice',
						description:
							'Read every document on a scan or PDF: VAT invoices, train and flight tickets, taxi and other receipts, several on one page',
						action: 'Recognize any invoice or receipt',
					},
					{
						name: 'Verify VAT Invoice',
						value: 'verifyVatInvoice',
						description: 'Check with the tax authority that an invoice is genuine, and not void or red-lettered',
						action: 'Verify a VAT invoice',
					},
				],
				default: 'recognizeVatInvoice',
			},
			...recognizeAnyInvoice.description,
			...recognizeVatInvoice.description,
			...verifyVatInvoice.description,
			outputParameter,
			recognizeVatInvoice.options,
			recognizeAnyInvoice.options,
			verifyVatInvoice.options,
			toolOutputProperty,
		],
	};

	methods = { credentialTest: { tencentCloudApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
