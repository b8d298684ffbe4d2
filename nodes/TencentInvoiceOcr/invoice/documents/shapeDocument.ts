/**
 * The invoice item of Recognize Any Invoice or Receipt: one document's reading shaped as Recognize VAT Invoice
 * shapes an invoice (shapeInvoice), with its documentType, travel keys, its own self-check and dedupe key.
 */
import { computeDedupeKey, digestOf } from '../dedupeKey';
import { shapeInvoice, type InvoiceRecord, type ReadingContext } from '../shapeInvoice';
import type { DocumentType } from './documentTypes';
import type { DocumentLine, DocumentReading, TravelKeys } from './readDocument';

export type DocumentRecord = Omit<InvoiceRecord, 'fields' | 'documentType'> &
	Partial<TravelKeys> & {
		documentType: DocumentType;
		documentTypeName: string | null;
		fields: Record<string, unknown>;
	};

export interface ShapedDocument {
	invoice: DocumentRecord;
	lineItems: DocumentLine[];
}

export const UNSUPPORTED_DOCUMENT = 'FailedOperation.UnsupportedInvoice';

/** Kinds that print no date, or no number, so a missing one is no reason to look. */
const UNDATED_KINDS: readonly DocumentType[] = ['quotaInvoice'];
const UNNUMBERED_KINDS: readonly DocumentType[] = ['rideHailingItinerary'];

/** Why a person should look at a document other than a VAT invoice (those get the VAT self-check). */
function reviewOtherDocument(reading: DocumentReading): string[] {
	const { invoice, travel } = reading;
	const reasons: string[] = [];
	const hasNumber = invoice.invoiceNumber !== null || invoice.invoiceCode !== null || reading.identity !== null;
	if (!hasNumber && !UNNUMBERED_KINDS.includes(reading.documentType)) {
		reasons.push('No number could be read: dedupeKey is made from the content, so a second reading may differ');
	}
	if (invoice.issueDate === null && !travel?.departureDate && !UNDATED_KINDS.includes(reading.documentType)) {
		reasons.push('No date could be read');
	}
	if (invoice.totalWithTax === null) reasons.push('The amount paid could not be read');
	return reasons;
}

/** Tencent found a document but did not read it: say so, in words a reviewer can act on. */
function unreadReason(code: string): string {
	return code === UNSUPPORTED_DOCUMENT
		? `Tencent found a document here but does not support its kind (${code}): read it by hand`
		: `Tencent found a document here but could not read it (${code}): check the scan, or read it by hand`;
}

/**
 * A VAT invoice is keyed as Recognize VAT Invoice keys it; another document by what identifies its kind
 * (e.g. a paper train ticket's serial, an air e-ticket number), else its code and number, else its content.
 */
export function documentDedupeKey(reading: DocumentReading): string {
	const { documentType, invoice, identity } = reading;
	if (reading.code !== 'OK') return `${documentType}-unread-${digestOf([reading.page, reading.fields])}`;
	if (documentType === 'vatInvoice') return computeDedupeKey(invoice);
	if (identity !== null) return `${documentType}-${identity}`;
	if (invoice.invoiceNumber !== null) return computeDedupeKey(invoice);
	return `${documentType}-${digestOf([reading.fields])}`;
}

/** One document → its invoice item and line items; `context.pdfPage` is the page it was found on. */
export function shapeDocument(reading: DocumentReading, context: ReadingContext): ShapedDocument {
	const { invoice: shaped } = shapeInvoice(
		{ invoice: reading.invoice, lineItems: reading.lineItems, fields: {}, polygons: reading.polygons },
		context,
	);
	const reviewReasons =
		reading.code !== 'OK'
			? [unreadReason(reading.code)]
			: reading.documentType === 'vatInvoice'
				? shaped.reviewReasons
				: reviewOtherDocument(reading);
	const { recordType, documentType: _vatInvoice, ...invoiceKeys } = shaped;
	const record: DocumentRecord = {
		recordType,
		documentType: reading.documentType,
		documentTypeName: reading.documentTypeName,
		...invoiceKeys,
		...(reading.travel ?? {}),
		needsReview: reviewReasons.length > 0,
		reviewReasons,
		dedupeKey: documentDedupeKey(reading),
		fields: reading.fields,
	};
	return { invoice: record, lineItems: reading.lineItems };
}
