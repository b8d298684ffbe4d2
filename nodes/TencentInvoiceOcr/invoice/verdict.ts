/** The tax authority's answer to VatInvoiceVerifyNew: the verdict on the invoice, and the invoice it knows. */
import type { VatInvoiceVerifyNewResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { cleanText, normalizeInvoiceNumber, parseAmount, parseFlag, toIsoDate } from './normalize';
import { shapeLineItem } from './shapeInvoice';

export type VerificationStatus =
	| 'valid'
	| 'void'
	| 'redLettered'
	| 'notFound'
	| 'mismatch'
	| 'notYetAvailable'
	| 'queryLimitReached';

/** The invoice as the tax authority knows it, normalized like the Recognize output. */
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
