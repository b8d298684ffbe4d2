/** Verify VAT Invoice: its parameters as n8n shows them, and its Options. */
import type { INodeProperties } from 'n8n-workflow';

import { toolDescription } from '../asTool';
import { optionsCollection } from '../options';

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
	toolDescription(
		'verifyVatInvoice',
		"Checks with China's tax authority, through Tencent Cloud OCR, that a VAT invoice (增值税发票) is genuine. Returns status " +
			'(valid, void, reversed, partiallyReversed, redLettered, notFound, notYetAvailable, mismatch or queryLimitReached) with ' +
			'statusMessage, and the invoice as the tax authority knows it. Pass the invoice number (8 digits, or 20 for a fully ' +
			'digital 数电 invoice) and the issue date as YYYY-MM-DD; for a classic invoice also its 10- or 12-digit code and the amount ' +
			'before tax, and for an ordinary one the last 6 digits of the check code; for a fully digital invoice the total including ' +
			'tax. Each call is billed, and the tax authority answers for one invoice at most 5 times a day: do not repeat a call that answered.',
	),
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
