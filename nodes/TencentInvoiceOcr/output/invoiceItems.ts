import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { LineItem } from '../invoice/fields';
import type { InvoiceReading } from '../invoice/fromAnswers';
import { shapeInvoice, type InvoiceRecord } from '../invoice/shapeInvoice';

export type OutputMode = 'invoicesAndLineItems' | 'invoices' | 'raw';

/** One page's answer: the invoice it holds, as it came, and the page that was asked for. */
export interface RecognizedPage {
	requestedPage: number;
	/** The PDF's page count as VatInvoiceOCR answered it (PdfPageSize); 0 for images and OFD files, whose answers name none. */
	pdfPageCount: number;
	reading: InvoiceReading;
	angle: number | null;
	requestId: string | null;
	/** What Tencent sent, for Raw Response output (an OFD answer has its own structure). */
	rawResponse: object;
}

export interface InvoiceItemOptions {
	outputMode: OutputMode;
	includePolygons: boolean;
	/** The input item's files: invoice items keep them, so a later step can attach the source. */
	inputBinary?: IBinaryKeyData;
	sourceFile: SourceFile;
}

/** Where in the input item a file came from, as output items name it; null for URL and base64 input. */
export interface SourceFile {
	sourceFileName: string | null;
	sourceBinaryField: string | null;
}

/** The parent's identity on every line item, so a line can be stored or matched on its own. */
function lineItemJson(invoice: InvoiceRecord & SourceFile, line: LineItem): IDataObject {
	return {
		recordType: 'lineItem',
		invoiceNumber: invoice.invoiceNumber,
		invoiceCode: invoice.invoiceCode,
		issueDate: invoice.issueDate,
		sellerTaxId: invoice.sellerTaxId,
		dedupeKey: invoice.dedupeKey,
		lineKey: `${invoice.dedupeKey}#${line.lineNo ?? '?'}`,
		...line,
		// So that a line can be routed with its invoice (e.g. to review) without looking the invoice up.
		needsReview: invoice.needsReview,
		sourceFileName: invoice.sourceFileName,
		sourceBinaryField: invoice.sourceBinaryField,
	};
}

function withBinary(json: IDataObject, inputBinary: IBinaryKeyData | undefined): INodeExecutionData {
	return inputBinary ? { json, binary: inputBinary } : { json };
}

/** The output items for one input item's recognized pages, in page order. */
export function toInvoiceItems(pages: RecognizedPage[], options: InvoiceItemOptions): INodeExecutionData[] {
	if (options.outputMode === 'raw') return pages.map(({ rawResponse }) => ({ json: rawResponse as IDataObject }));

	return pages.flatMap(({ requestedPage, pdfPageCount, reading, angle, requestId }) => {
		// PdfPageSize is 0 for images, so a URL's content tells here whether it was a PDF.
		const isPdf = pdfPageCount > 0;
		const shaped = shapeInvoice(reading, {
			pdfPage: isPdf ? requestedPage : null,
			pdfPageCount: isPdf ? pdfPageCount : null,
			angle,
			requestId,
			includePolygons: options.includePolygons,
		});
		const { lineItems } = shaped;
		const invoice = { ...shaped.invoice, ...options.sourceFile };
		if (options.outputMode === 'invoices') {
			return [withBinary({ ...invoice, lineItems } as unknown as IDataObject, options.inputBinary)];
		}
		return [
			withBinary(invoice as IDataObject, options.inputBinary),
			...lineItems.map((line) => ({ json: lineItemJson(invoice, line) })),
		];
	});
}
