/** A checked verify query → the VatInvoiceVerifyNew request: the API's names, and only what was given. */
import type { VatInvoiceVerifyNewRequest } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

/** What is verified, in the node's vocabulary (input/ checks it; the same shape as the items' `verifiedWith`). */
export interface VerifyQueryValues {
	invoiceNumber: string;
	invoiceCode: string | null;
	issueDate: string;
	checkCodeLastSix: string | null;
	totalBeforeTax: number | null;
	totalWithTax: number | null;
	allowTodaysInvoices: boolean;
}

/** The amount goes as the API wants it, e.g. "87.28"; the request carries whichever of the two was given. */
export function verifyRequestOf(query: VerifyQueryValues): VatInvoiceVerifyNewRequest {
	const amount = query.totalBeforeTax ?? query.totalWithTax;
	return {
		InvoiceNo: query.invoiceNumber,
		InvoiceDate: query.issueDate,
		...(query.invoiceCode === null ? {} : { InvoiceCode: query.invoiceCode }),
		...(query.checkCodeLastSix === null ? {} : { CheckCode: query.checkCodeLastSix }),
		...(amount === null ? {} : { Amount: amount.toFixed(2) }),
		...(query.allowTodaysInvoices ? { EnableTodayInvoice: true } : {}),
	};
}
