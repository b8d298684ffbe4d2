/** Output items for recognized pages: invoice and line-item items, per output of the node, linked to their file. */
import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { PagesNotRecognized } from '../input/pageSelection';
import type { LineItem } from '../invoice/fields';
import type { InvoiceReading } from '../invoice/fromAnswers';
import { shapeInvoice, type InvoiceRecord } from '../invoice/shapeInvoice';

export type OutputMode = 'invoicesAndLineItems' | 'invoices' | 'raw' | 'separateOutputs';

/** Separate Outputs sends invoices (and error items) to output 1, line items to output 2; the rest use one output. */
export const outputCountOf = (outputMode: OutputMode) => (outputMode === 'separateOutputs' ? 2 : 1);

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

/** A page whose call failed under Continue On Fail: its error item stands in its place. */
export interface FailedPage {
	requestedPage: number;
	errorItem: INodeExecutionData;
}

export type PageOutcome = RecognizedPage | FailedPage;

export interface InvoiceItemOptions {
	outputMode: OutputMode;
	includePolygons: boolean;
	/** The input item's files: invoice items keep them, so a later step can attach the source. */
	inputBinary?: IBinaryKeyData;
	sourceFile: SourceFile;
	/** The file's pages left out (Max Pages, not in the PDF, failed), on each of its invoice items. */
	pagesNotRecognized: PagesNotRecognized[];
}

/** Where in the input item a file came from, as output items name it; null for URL and base64 input. */
export interface SourceFile {
	sourceFileName: string | null;
	sourceBinaryField: string | null;
}

/** What a line item repeats of its invoice. */
type LineParent = Pick<InvoiceRecord, 'invoiceNumber' | 'invoiceCode' | 'issueDate' | 'sellerTaxId' | 'dedupeKey' | 'needsReview'> &
	SourceFile;

/** The parent's identity on every line item, so a line can be stored or matched on its own. */
function lineItemJson(invoice: LineParent, line: LineItem): IDataObject {
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

/** One shaped invoice (or document) as items: the invoice, then its line items, or them nested in it under Invoices. */
export function shapedItems(
	record: Omit<LineParent, keyof SourceFile> & object,
	lineItems: LineItem[],
	options: InvoiceItemOptions,
): { invoice: INodeExecutionData; lines: INodeExecutionData[] } {
	const invoice = { ...record, ...options.sourceFile, pagesNotRecognized: options.pagesNotRecognized };
	if (options.outputMode === 'invoices') {
		return { invoice: withBinary({ ...invoice, lineItems } as unknown as IDataObject, options.inputBinary), lines: [] };
	}
	return {
		invoice: withBinary(invoice as unknown as IDataObject, options.inputBinary),
		lines: lineItems.map((line) => ({ json: lineItemJson(invoice, line) })),
	};
}

/** The items of one recognized page: its invoice, then its line items (or them nested in the invoice). */
function pageItems(page: RecognizedPage, options: InvoiceItemOptions): { invoice: INodeExecutionData; lines: INodeExecutionData[] } {
	// PdfPageSize is 0 for images, so a URL's content tells here whether it was a PDF.
	const isPdf = page.pdfPageCount > 0;
	const shaped = shapeInvoice(page.reading, {
		pdfPage: isPdf ? page.requestedPage : null,
		pdfPageCount: isPdf ? page.pdfPageCount : null,
		angle: page.angle,
		requestId: page.requestId,
		includePolygons: options.includePolygons,
	});
	return shapedItems(shaped.invoice, shaped.lineItems, options);
}

/**
 * The output items for one file's pages, in page order, per output of the node: invoices with
 * their line items (and error items of failed pages) on output 1; under Separate Outputs, line
 * items on output 2.
 */
export function toInvoiceItems(pages: PageOutcome[], options: InvoiceItemOptions): INodeExecutionData[][] {
	return toOutputs(pages, options, (page) => [pageItems(page, options)]);
}

/**
 * Each call's items in order, per output of the node: its answer as it came (Raw Response), or the invoices
 * `itemsOf` makes of it with their line items; a failed call's error item in its place, on output 1.
 */
export function toOutputs<Answered extends { rawResponse: object }>(
	outcomes: Array<Answered | FailedPage>,
	options: InvoiceItemOptions,
	itemsOf: (answered: Answered) => Array<{ invoice: INodeExecutionData; lines: INodeExecutionData[] }>,
): INodeExecutionData[][] {
	const invoiceOutput: INodeExecutionData[] = [];
	const lineItemOutput: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		if ('errorItem' in outcome) invoiceOutput.push(outcome.errorItem);
		else if (options.outputMode === 'raw') invoiceOutput.push({ json: outcome.rawResponse as IDataObject });
		else {
			for (const { invoice, lines } of itemsOf(outcome)) {
				invoiceOutput.push(invoice);
				(options.outputMode === 'separateOutputs' ? lineItemOutput : invoiceOutput).push(...lines);
			}
		}
	}
	return outputCountOf(options.outputMode) === 2 ? [invoiceOutput, lineItemOutput] : [invoiceOutput];
}
