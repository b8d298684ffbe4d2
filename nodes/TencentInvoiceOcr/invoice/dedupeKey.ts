/** `dedupeKey`: the same for the same invoice whichever file, page or action it was read from, never shared by two invoices. */
import { createHash } from 'node:crypto';

import type { Invoice } from './fields';
import { isFullyDigital } from './invoiceKind';

/** 16 hex digits of SHA-256 over the values: stable for the same values, never shared in practice. */
export const digestOf = (values: unknown[]) => createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);

/**
 * A classic invoice is identified by its code and number together; a fully digital (数电) invoice
 * has no code and a 20-digit number unique on its own. A classic number whose code was not read is
 * unique only with what else identifies the invoice: seller, date and total join it (the invoice
 * is flagged for review, see selfCheck), so two invoices with the same 8 digits never share a key.
 */
export function computeDedupeKey(invoice: Invoice): string {
	const { invoiceCode, invoiceNumber } = invoice;
	if (invoiceNumber !== null) {
		if (invoiceCode !== null) return `${invoiceCode}-${invoiceNumber}`;
		if (isFullyDigital(invoiceCode, invoiceNumber)) return invoiceNumber;
		return `nocode-${invoiceNumber}-${digestOf([invoice.sellerTaxId, invoice.issueDate, invoice.totalWithTax])}`;
	}
	// Without a number, what else identifies the invoice still gives a stable key, never an empty one.
	return `unnumbered-${digestOf([invoice.sellerTaxId, invoice.buyerTaxId, invoice.issueDate, invoice.totalWithTax])}`;
}
