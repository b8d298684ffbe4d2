import type {
	VatInvoiceVerifyNewRequest,
	VatInvoiceVerifyNewResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { InvoiceInputError } from './invoiceInputError';
import { cleanText, normalizeInvoiceNumber, parseAmount, parseFlag, toIsoDate } from './normalize';
import { shapeLineItem } from './shapeInvoice';

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
	if (value === null) throw new InvoiceInputError(message, hint);
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
		throw new InvoiceInputError(
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

export type VerificationStatus =
	| 'valid'
	| 'void'
	| 'redLettered'
	| 'notFound'
	| 'mismatch'
	| 'notYetAvailable'
	| 'queryLimitReached';

/** The invoice as the tax authority knows it, normalised like the Recognize output. */
export function shapeVerifiedInvoice(response: VatInvoiceVerifyNewResponse) {
	const invoice = response.Invoice ?? {};
	return {
		invoiceType: cleanText(invoice.Type),
		invoiceCode: normalizeInvoiceNumber(invoice.Code),
		invoiceNumber: normalizeInvoiceNumber(invoice.Number),
		issueDate: toIsoDate(invoice.Date),
		checkCode: normalizeInvoiceNumber(invoice.CheckCode),
		machineNumber: normalizeInvoiceNumber(invoice.MachineNo),
		buyerName: cleanText(invoice.BuyerName),
		buyerTaxId: normalizeInvoiceNumber(invoice.BuyerTaxCode),
		buyerAddressPhone: cleanText(invoice.BuyerAddressPhone),
		buyerBankAccount: cleanText(invoice.BuyerBankAccount),
		sellerName: cleanText(invoice.SellerName),
		sellerTaxId: normalizeInvoiceNumber(invoice.SellerTaxCode),
		sellerAddressPhone: cleanText(invoice.SellerAddressPhone),
		sellerBankAccount: cleanText(invoice.SellerBankAccount),
		totalAmount: parseAmount(invoice.AmountWithoutTax),
		totalTax: parseAmount(invoice.TaxAmount),
		totalWithTax: parseAmount(invoice.AmountWithTax),
		remarks: cleanText(invoice.Remark),
		taxBureau: cleanText(invoice.TaxBureau),
		lineItems: (invoice.Items ?? []).map(shapeLineItem),
	};
}

export interface VerificationOutcome {
	status: VerificationStatus;
	statusMessage: string;
}

/**
 * Answers of VatInvoiceVerifyNew that are verdicts on the invoice, not failures of the call:
 * they become a status a flow can branch on. "Not yet available" and "does not exist" differ.
 */
const OUTCOMES_BY_CODE: Record<string, VerificationOutcome> = {
	'ResourceNotFound.NoInvoice': {
		status: 'notFound',
		statusMessage:
			'The tax authority has no invoice with this number, date and code: it does not exist, or a value was misread',
	},
	'ResourceNotFound.NotSupportCurrentInvoiceQuery': {
		status: 'notYetAvailable',
		statusMessage:
			"The invoice was issued today and is not in the tax authority's records yet: verify it again tomorrow, or turn on Allow Today's Invoices",
	},
	'FailedOperation.InvoiceMismatch': {
		status: 'mismatch',
		statusMessage: "The tax authority's record of this invoice differs from the amount or check code given",
	},
	'FailedOperation.CountLimitError': {
		status: 'queryLimitReached',
		statusMessage: 'This invoice was verified too often today (the tax authority allows 5 a day): verify it again tomorrow',
	},
};

export function verificationOutcomeOfCode(code: string | undefined): VerificationOutcome | undefined {
	return code === undefined ? undefined : OUTCOMES_BY_CODE[code];
}

/** The verdict on an invoice the tax authority knows. */
export function verificationOutcomeOf(response: VatInvoiceVerifyNewResponse): VerificationOutcome {
	if (parseFlag(response.Invoice?.IsAbandoned) === true) {
		return { status: 'void', statusMessage: 'The invoice was voided (作废) by its issuer: do not pay it' };
	}
	if (response.Invoice?.RedLetterInvoiceMark === true) {
		return {
			status: 'redLettered',
			statusMessage: 'This is a red-letter (红字) invoice: it cancels, fully or in part, an earlier invoice',
		};
	}
	return { status: 'valid', statusMessage: 'The tax authority confirms the invoice' };
}
