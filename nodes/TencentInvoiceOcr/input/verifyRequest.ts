/** The values to verify (usually the Recognize output), checked, as a VatInvoiceVerifyNew request. */
import type { VatInvoiceVerifyNewRequest } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { InputError } from '../errors';
import { normalizeInvoiceNumber, parseAmount, toIsoDate } from '../invoice/normalize';

/** What the Verify operation is given, usually straight from the Recognize operation's output. */
export interface VerifyInput {
	invoiceNumber: unknown;
	issueDate: unknown;
	invoiceCode: unknown;
	checkCode: unknown;
	amountBeforeTax: unknown;
	totalWithTax: unknown;
	allowTodaysInvoice: boolean;
}

const asText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** A fully digital (数电) invoice has no code and a 20-digit number. */
export const isFullyDigital = (invoiceCode: string | null, invoiceNumber: string) =>
	invoiceCode === null && invoiceNumber.length === 20;

/**
 * The amount the tax authority checks: the pre-tax amount for classic invoices, the total
 * including tax for fully digital ones. Formatted as the API wants it, e.g. "87.28".
 */
export function verificationAmount(
	invoiceCode: string | null,
	invoiceNumber: string,
	amountBeforeTax: unknown,
	totalWithTax: unknown,
): string | undefined {
	const chosen = isFullyDigital(invoiceCode, invoiceNumber) ? totalWithTax : amountBeforeTax;
	const amount = typeof chosen === 'number' ? chosen : parseAmount(asText(chosen));
	return amount === null || !Number.isFinite(amount) ? undefined : amount.toFixed(2);
}

function required<T>(value: T | null, message: string, hint: string): T {
	if (value === null) throw new InputError(message, hint);
	return value;
}

/** Checks the inputs and builds the VatInvoiceVerifyNew request. */
export function buildVerifyRequest(input: VerifyInput): VatInvoiceVerifyNewRequest {
	const invoiceNumber = required(
		normalizeInvoiceNumber(asText(input.invoiceNumber)),
		'Invoice Number is empty',
		'Map the invoice number, e.g. {{ $json.invoiceNumber }} after a Recognize VAT Invoice step.',
	);
	if (!/^(\d{8}|\d{20})$/.test(invoiceNumber)) {
		throw new InputError(
			`Invoice Number "${invoiceNumber}" has neither 8 digits (classic invoices) nor 20 (fully digital ones)`,
			'Check the number on the invoice; when it comes from recognition, the scan may need a look.',
		);
	}
	const issueDate = required(
		toIsoDate(asText(input.issueDate)),
		`Issue Date "${asText(input.issueDate) ?? ''}" is not a date`,
		'Give the date the invoice was issued, e.g. 2024-03-05 or 2024年3月5日.',
	);
	const invoiceCode = normalizeInvoiceNumber(asText(input.invoiceCode));
	const checkCode = normalizeInvoiceNumber(asText(input.checkCode));
	const amount = verificationAmount(invoiceCode, invoiceNumber, input.amountBeforeTax, input.totalWithTax);
	return {
		InvoiceNo: invoiceNumber,
		InvoiceDate: issueDate,
		...(invoiceCode === null ? {} : { InvoiceCode: invoiceCode }),
		// The API takes the check code's last six characters only.
		...(checkCode === null ? {} : { CheckCode: checkCode.slice(-6) }),
		...(amount === undefined ? {} : { Amount: amount }),
		...(input.allowTodaysInvoice ? { EnableTodayInvoice: true } : {}),
	};
}
