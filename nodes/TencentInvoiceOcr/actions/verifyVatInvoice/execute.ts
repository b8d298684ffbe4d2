/** Verify VAT Invoice: its parameters, and each input item's invoice verified with the tax authority in one call. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toTencentFailure, type TencentFailure } from '../../tencent/failures/failures';
import { verifyRequestOf } from '../../tencent/transport/verifyRequest';
import { toNodeError } from '../../output/errorItems';
import { outputCountOf, toInvoiceItems, type RecognizedPage } from '../../output/invoiceItems';
import { readVerifyQuery } from './verifyQuery';
import {
	readVerifiedAnswer,
	readVerifiedQuery,
	verificationOutcomeOf,
	verificationOutcomeOfCode,
} from '../../invoice/verdict';
import { outputModeOf } from '../outputParameter';
import type { OcrCaller } from '../../tencent/caller';
import { optionsCollection } from '../../tencent/callPolicy';

const showForOperation = { show: { operation: ['verifyVatInvoice'] } };

/** Each input reads the Recognize VAT Invoice output by default, so Recognize → Verify needs no mapping. */
export const description: INodeProperties[] = [
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.invoiceNumber }}',
		required: true,
		description: 'The invoice number: 8 digits, or 20 for a fully digital (数电) invoice',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Issue Date',
		name: 'issueDate',
		type: 'string',
		default: '={{ $json.issueDate }}',
		required: true,
		placeholder: 'e.g. 2024-03-05',
		description: 'The date the invoice was issued; invoices up to five years old can be verified',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Invoice Code',
		name: 'invoiceCode',
		type: 'string',
		default: '={{ $json.invoiceCode }}',
		description: 'The 10- or 12-digit invoice code; empty for fully digital invoices',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Check Code',
		name: 'checkCode',
		type: 'string',
		default: '={{ $json.checkCode }}',
		description: 'The check code (校验码); only its last six digits are sent. Needed for ordinary invoices.',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Amount Before Tax',
		name: 'amountBeforeTax',
		type: 'string',
		default: '={{ $json.totalBeforeTax }}',
		description: 'The total before tax (合计金额): what is verified for classic invoices with a code',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Total Including Tax',
		name: 'totalWithTax',
		type: 'string',
		default: '={{ $json.totalWithTax }}',
		description: 'The total including tax (价税合计): what is verified for fully digital invoices',
		displayOptions: showForOperation,
	},
];

/** Verify's Options, shown after the Output parameter. */
export const options: INodeProperties = optionsCollection('verifyVatInvoice', 'VatInvoiceVerifyNew', [
		{
			displayName: "Allow Today's Invoices",
			name: 'allowTodaysInvoices',
			type: 'boolean',
			default: false,
			description:
				"Whether to verify invoices issued today; they can be verified only once they have reached the tax authority's records",
		},
	]);

/** A verdict Tencent answers as an error code: Tencent's answer as it came, for Raw Response output. */
const rawAnswerOfCode = (failure: TencentFailure) => ({
	RequestId: failure.requestId ?? null,
	Error: { Code: failure.code ?? null, Message: failure.message },
});

/**
 * Verifies one input item's invoice: whatever the verdict, the invoice as the tax authority knows it
 * (or, for a verdict with no invoice, as it was verified) with the verdict, shaped as Recognize's
 * invoices are, per output of the node. Line items of the Recognize output are passed over, so that
 * each invoice is verified (and billed) once.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	caller: OcrCaller,
): Promise<INodeExecutionData[][]> {
	const outputMode = outputModeOf(this);
	if (this.getInputData()[itemIndex].json.recordType === 'lineItem') return Array.from({ length: outputCountOf(outputMode) }, () => []);
	const parameter = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const options = this.getNodeParameter('options', itemIndex, {}) as { allowTodaysInvoices?: boolean };
	// Refused before the (billed) call: what the tax authority cannot verify, "today" read in China time.
	const query = readVerifyQuery(
		{
			invoiceNumber: parameter('invoiceNumber'),
			issueDate: parameter('issueDate'),
			invoiceCode: parameter('invoiceCode'),
			checkCode: parameter('checkCode'),
			amountBeforeTax: parameter('amountBeforeTax'),
			totalWithTax: parameter('totalWithTax'),
			allowTodaysInvoice: options.allowTodaysInvoices === true,
		},
		Date.now(),
	);
	let page: RecognizedPage;
	try {
		const response = await caller.call('VatInvoiceVerifyNew', verifyRequestOf(query));
		page = {
			requestedPage: 1,
			pdfPageCount: 0,
			reading: readVerifiedAnswer(response),
			imageRotationDegrees: null,
			requestId: response.RequestId ?? null,
			rawResponse: response,
			verdict: { ...verificationOutcomeOf(response), statusCode: null, verifiedWith: query },
		};
	} catch (error) {
		// Billed answers that are verdicts on the invoice become a status; other failures stay errors.
		const failure = toTencentFailure(error);
		const outcome = verificationOutcomeOfCode(failure.code);
		if (!outcome) throw toNodeError(this, error, itemIndex);
		page = {
			requestedPage: 1,
			pdfPageCount: 0,
			reading: readVerifiedQuery(query),
			imageRotationDegrees: null,
			requestId: failure.requestId ?? null,
			rawResponse: rawAnswerOfCode(failure),
			verdict: {
				...outcome,
				statusCode: failure.code ?? null,
				verifiedWith: query,
				needsReview: true,
				reviewReasons: [outcome.statusMessage],
			},
		};
	}
	return toInvoiceItems([page], {
		outputMode,
		includePolygons: false,
		sourceFile: { sourceFileName: null, sourceBinaryField: null },
		pagesNotRecognized: [],
	});
}
