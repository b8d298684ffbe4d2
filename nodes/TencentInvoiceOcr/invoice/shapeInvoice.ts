/** The invoice item of every action: one `Invoice` with where it was read from, its self-check and dedupe key. */
import type { TextVatInvoice } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { computeDedupeKey } from './dedupeKey';
import type { Invoice, LineItem } from './fields';
import type { INVOICE_RECORD_FIELDS, POLYGON_FIELDS, READ_FROM_FIELDS, ReadFrom, RecordOf } from './recordFields';
import type { InvoiceReading } from './fromAnswers';
import { reviewInvoice } from './selfCheck';

/** The invoice item: the invoice's fields and what INVOICE_RECORD_FIELDS adds (recordType narrowed to its one value). */
export type InvoiceRecord = Invoice &
	Omit<RecordOf<typeof INVOICE_RECORD_FIELDS>, 'recordType' | 'invoiceKind'> &
	Partial<RecordOf<typeof POLYGON_FIELDS>> &
	Partial<RecordOf<typeof READ_FROM_FIELDS>> & {
		recordType: 'invoice';
		polygons?: Record<string, TextVatInvoice['Polygon'] | null>;
	};

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
	imageRotationDegrees: number | null;
	requestId: string | null;
	/** Recognize only. */
	readFrom?: ReadFrom;
	includePolygons: boolean;
}

/** One action's reading of an invoice → the invoice item and its line items, self-checked. */
export function shapeInvoice(reading: InvoiceReading, context: ReadingContext): ShapedInvoice {
	const { invoice, lineItems } = reading;
	const reviewReasons = [...(reading.reviewReasons ?? []), ...reviewInvoice(invoice, lineItems)];
	const record: InvoiceRecord = {
		recordType: 'invoice',
		documentType: 'vatInvoice',
		...invoice,
		lineItemCount: lineItems.length,
		pdfPage: context.pdfPage,
		pdfPageCount: context.pdfPageCount,
		imageRotationDegrees: context.imageRotationDegrees,
		requestId: context.requestId,
		...(context.readFrom ? { readFrom: context.readFrom } : {}),
		needsReview: reviewReasons.length > 0,
		reviewReasons,
		dedupeKey: computeDedupeKey(invoice),
		fields: reading.fields,
		...(context.includePolygons ? { polygons: reading.polygons } : {}),
	};
	return { invoice: record, lineItems };
}
