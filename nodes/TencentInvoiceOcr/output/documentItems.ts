/** Output items of Recognize Any Invoice or Receipt: one invoice item per document found, in page then answer order, and its line items. */
import type { INodeExecutionData } from 'n8n-workflow';

import type { DocumentReading } from '../invoice/documents/readDocument';
import { shapeDocument } from '../invoice/documents/shapeDocument';
import { shapedItems, toOutputs, type FailedPage, type InvoiceItemOptions } from './invoiceItems';

/** One call's answer: the documents it found, each with its page. */
export interface AnsweredCall {
	documents: DocumentReading[];
	/** The PDF's page count as the answer gives it (TotalPDFCount); 0 for an image. */
	pdfPageCount: number;
	requestId: string | null;
	rawResponse: object;
}

export type CallOutcome = AnsweredCall | FailedPage;

/** Tencent answers documents grouped as it found them; they go out by page, then in the answer's order. */
export function inPageOrder(documents: DocumentReading[]): DocumentReading[] {
	return documents
		.map((document, index) => ({ document, index }))
		.sort((a, b) => (a.document.page ?? 0) - (b.document.page ?? 0) || a.index - b.index)
		.map(({ document }) => document);
}

/** The items of each call, in order, per output of the node; pdfPage and pdfPageCount only for a PDF. */
export function toDocumentItems(outcomes: CallOutcome[], options: InvoiceItemOptions): INodeExecutionData[][] {
	return toOutputs(outcomes, options, (call) =>
		call.documents.map((document) => {
			const isPdf = call.pdfPageCount > 0;
			const shaped = shapeDocument(document, {
				pdfPage: isPdf ? document.page : null,
				pdfPageCount: isPdf ? call.pdfPageCount : null,
				angle: document.angle,
				requestId: call.requestId,
				includePolygons: options.includePolygons,
			});
			return shapedItems(shaped.invoice, shaped.lineItems, options);
		}),
	);
}
