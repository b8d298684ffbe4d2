import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { toolOutputProperty } from './actions/asTool';
import { router } from './actions/router';
import * as recognizeVatInvoice from './actions/recognizeVatInvoice.operation';
import * as verifyVatInvoice from './actions/verifyVatInvoice.operation';
import { tencentCloudApiTest } from './tencent/credentialTest';

/** The node: its description here, each operation's parameters and work in actions/. */
export class TencentInvoiceOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Invoice OCR',
		name: 'tencentInvoiceOcr',
		icon: { light: 'file:tencentInvoiceOcr.svg', dark: 'file:tencentInvoiceOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { recognizeVatInvoice: "Recognize VAT Invoice", verifyVatInvoice: "Verify VAT Invoice" }[$parameter["operation"]] }}',
		description: 'Recognize and verify Chinese VAT invoices (增值税发票) with Tencent Cloud OCR',
		defaults: { name: 'Tencent Invoice OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Two outputs, "Invoices" and "Line Items", when Recognize's Output is Separate Outputs; otherwise one.
		outputs: `={{ $parameter.operation !== "verifyVatInvoice" && $parameter.output === "separateOutputs" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Invoices" }, { type: "${NodeConnectionTypes.Main}", displayName: "Line Items" }] : ["${NodeConnectionTypes.Main}"] }}`,
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
						name: 'Verify VAT Invoice',
						value: 'verifyVatInvoice',
						description: 'Check with the tax authority that an invoice is genuine, and not void or red-lettered',
						action: 'Verify a VAT invoice',
					},
				],
				default: 'recognizeVatInvoice',
			},
			...recognizeVatInvoice.description,
			...verifyVatInvoice.description,
			toolOutputProperty,
		],
	};

	methods = { credentialTest: { tencentCloudApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
