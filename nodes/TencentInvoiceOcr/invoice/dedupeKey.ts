import { createHash } from 'node:crypto';

export interface InvoiceIdentity {
	invoiceCode: string | null;
	invoiceNumber: string | null;
	issueDate: string | null;
	sellerTaxId: string | null;
	buyerTaxId?: string | null;
	totalWithTax: number | null;
}

/**
 * A key that is the same for the same invoice whichever file or page it was read from.
 * A classic invoice is identified by its code and number together; a fully digital (数电)
 * invoice has no code and a 20-digit number unique on its own.
 */
export function computeDedupeKey(invoice: InvoiceIdentity): string {
	if (invoice.invoiceNumber !== null) {
		return invoice.invoiceCode === null ? invoice.invoiceNumber : `${invoice.invoiceCode}-${invoice.invoiceNumber}`;
	}
	// Without a number, what else identifies the invoice still gives a stable key, never an empty one.
	const identifyingValues = [invoice.sellerTaxId, invoice.buyerTaxId ?? null, invoice.issueDate, invoice.totalWithTax];
	const digest = createHash('sha256').update(JSON.stringify(identifyingValues)).digest('hex');
	return `unnumbered-${digest.slice(0, 16)}`;
}
