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

/**
 * Each line's `lineKey`, unique within its invoice so that an upsert on it never merges two lines:
 * `<dedupeKey>#<lineNo>` where the printed number was read and no other line of the invoice claims
 * it; otherwise `<dedupeKey>#pos<position>` (1-based), the key saying that the position stands in.
 */
export function computeLineKeys(dedupeKey: string, lineNumbers: ReadonlyArray<number | null>): string[] {
	const timesClaimed = new Map<number, number>();
	for (const lineNumber of lineNumbers) {
		if (lineNumber !== null) timesClaimed.set(lineNumber, (timesClaimed.get(lineNumber) ?? 0) + 1);
	}
	return lineNumbers.map((lineNumber, index) =>
		lineNumber !== null && timesClaimed.get(lineNumber) === 1 ? `${dedupeKey}#${lineNumber}` : `${dedupeKey}#pos${index + 1}`,
	);
}
