/** The invoice item of the Recognize output: one `Invoice` with where it was read from, its self-check and dedupe key. */
import type { TextVatInvoice } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { computeDedupeKey } from './dedupeKey';
import type { Invoice, LineItem } from './fields';
import type { InvoiceReading } from './fromAnswers';
import { reviewInvoice } from './selfCheck';

export interface InvoiceRecord extends Invoice {
	recordType: 'invoice';
	/** What Recognize Any Invoice or Receipt calls the kind of document; Recognize VAT Invoice reads VAT invoices only. */
	documentType: 'vatInvoice';
	lineItemCount: number;
	pdfPage: number | null;
	pdfPageCount: number | null;
	angle: number | null;
	requestId: string | null;
	needsReview: boolean;
	reviewReasons: string[];
	dedupeKey: string;
	/** Every field of the answer, Chinese name → value as read; a repeated name gets " (2)", " (3)"… */
	fields: Record<string, string>;
	polygons?: Record<string, TextVatInvoice['Polygon'] | null>;
}

export interface ShapedInvoice {
	invoice: InvoiceRecord;
	lineItems: LineItem[];
}

/** Where in the file the reading came from, as the call answered it. */
export interface ReadingContext {
	/** The PDF page this answer is for; null for an image or an OFD. */
	pdfPage: number | null;
	/** The PDF's page count; null for an image or an OFD. */
	pdfPageCount: number | null;
	angle: number | null;
	requestId: string | null;
	includePolygons: boolean;
}

/** One action's reading of an invoice → the invoice item and its line items, self-checked. */
export function shapeInvoice(reading: InvoiceReading, context: ReadingContext): ShapedInvoice {
	const { invoice, lineItems } = reading;
	const reviewReasons = reviewInvoice(invoice, lineItems);
	const record: InvoiceRecord = {
		recordType: 'invoice',
		documentType: 'vatInvoice',
		...invoice,
		lineItemCount: lineItems.length,
		pdfPage: context.pdfPage,
		pdfPageCount: context.pdfPageCount,
		angle: context.angle,
		requestId: context.requestId,
		needsReview: reviewReasons.length > 0,
		reviewReasons,
		dedupeKey: computeDedupeKey(invoice),
		fields: reading.fields,
		...(context.includePolygons ? { polygons: reading.polygons } : {}),
	};
	return { invoice: record, lineItems };
}
