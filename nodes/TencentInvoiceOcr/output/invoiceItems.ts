/** Output items for the invoices an operation read: invoice and line-item items, per output of the node, linked to their file. */
import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { computeLineKeys } from '../invoice/dedupeKey';
import type { LineItem, PAGES_NOT_RECOGNIZED_FIELDS, ReadFrom, RecordOf, SourceFile } from '../invoice/fields';
import type { DocumentReading } from '../invoice/documents/readDocument';
import { shapeDocument } from '../invoice/documents/shapeDocument';
import type { InvoiceReading } from '../invoice/fromAnswers';
import { shapeInvoice, type InvoiceRecord } from '../invoice/shapeInvoice';
import type { Verdict } from '../invoice/verdict';

type PagesNotRecognized = RecordOf<typeof PAGES_NOT_RECOGNIZED_FIELDS>['pagesNotRecognized'][number];

export type OutputMode = 'invoicesAndLineItems' | 'invoices' | 'raw' | 'separateOutputs';

/** Separate Outputs sends invoices (and error items) to output 1, line items to output 2; the rest use one output. */
export const outputCountOf = (outputMode: OutputMode) => (outputMode === 'separateOutputs' ? 2 : 1);

/** One page's answer: the invoice it holds, as it came, and the page that was asked for. */
export interface RecognizedPage {
	requestedPage: number;
	/** The PDF's page count as VatInvoiceOCR answered it (PdfPageSize); 0 for images and OFD files, whose answers name none. */
	pdfPageCount: number;
	/** The invoice read from the answer; null in Raw Response mode, where the answer goes on unread, as it came. */
	reading: InvoiceReading | null;
	imageRotationDegrees: number | null;
	requestId: string | null;
	/** Where the invoice was read from: its XML or OFD without a call, or Tencent's OCR. */
	readFrom?: ReadFrom;
	/** What Tencent sent, for Raw Response output (an OFD answer has its own structure). */
	rawResponse: object;
	/** Verify only: the verdict, on the invoice item after the invoice's keys. */
	verdict?: Verdict;
}

/** A file or page that failed under Continue On Fail: its error item stands in its place, `reason` says why. */
export interface FailedPart {
	errorItem: INodeExecutionData;
	reason: string;
}

/** One RecognizeGeneralInvoice call's answer: every document it found, by page then in the answer's order. */
export interface DocumentsCall {
	documents: DocumentReading[];
	/** The PDF's page count as the answer gives it (TotalPDFCount); 0 for an image or an OFD. */
	pdfPageCount: number;
	requestId: string | null;
	rawResponse: object;
}

export type PageOutcome = RecognizedPage | FailedPart | DocumentsCall;

export interface InvoiceItemOptions {
	outputMode: OutputMode;
	includePolygons: boolean;
	/** The input item's files: invoice items keep them, so a later step can attach the source. */
	inputBinary?: IBinaryKeyData;
	sourceFile: SourceFile;
	/** The file's pages left out (Max Pages, not in the PDF, failed), on each of its invoice items. */
	pagesNotRecognized: PagesNotRecognized[];
}

/** What an operation gives for one file of an item (Verify: for the item): its pages' outcomes, and how to shape them. */
export interface FileInvoices extends Omit<InvoiceItemOptions, 'outputMode'> {
	pages: PageOutcome[];
}

/** What a line item repeats of its invoice. */
type LineParent = Pick<InvoiceRecord, 'invoiceNumber' | 'invoiceCode' | 'issueDate' | 'sellerTaxId' | 'dedupeKey' | 'needsReview'> &
	SourceFile;

/** The parent's identity on every line item, so a line can be stored or matched on its own. */
function lineItemJson(invoice: LineParent, line: LineItem, lineKey: string): IDataObject {
	return {
		recordType: 'lineItem',
		invoiceNumber: invoice.invoiceNumber,
		invoiceCode: invoice.invoiceCode,
		issueDate: invoice.issueDate,
		sellerTaxId: invoice.sellerTaxId,
		dedupeKey: invoice.dedupeKey,
		lineKey,
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

/** The items of one recognized page: its invoice, then its line items (or them nested in the invoice). */
function pageItems(page: RecognizedPage & { reading: InvoiceReading }, options: InvoiceItemOptions): { invoice: INodeExecutionData; lines: INodeExecutionData[] } {
	// PdfPageSize is 0 for images, so a URL's content tells here whether it was a PDF.
	const isPdf = page.pdfPageCount > 0;
	const shaped = shapeInvoice(page.reading, {
		pdfPage: isPdf ? page.requestedPage : null,
		pdfPageCount: isPdf ? page.pdfPageCount : null,
		imageRotationDegrees: page.imageRotationDegrees,
		requestId: page.requestId,
		readFrom: page.readFrom,
		includePolygons: options.includePolygons,
	});
	return shapedItems({ ...shaped.invoice, ...page.verdict }, shaped.lineItems, options);
}

/** Each document one call found, as items. */
function documentsItems(call: DocumentsCall, options: InvoiceItemOptions): Array<{ invoice: INodeExecutionData; lines: INodeExecutionData[] }> {
	const isPdf = call.pdfPageCount > 0;
	return call.documents.map((document) => {
		const shaped = shapeDocument(document, {
			pdfPage: isPdf ? document.page : null,
			pdfPageCount: isPdf ? call.pdfPageCount : null,
			imageRotationDegrees: document.imageRotationDegrees,
			requestId: call.requestId,
			// Documents come from RecognizeGeneralInvoice's answer; files read locally come as recognized pages.
			readFrom: 'ocr',
			includePolygons: options.includePolygons,
		});
		return shapedItems(shaped.invoice, shaped.lineItems, options);
	});
}

/** One shaped invoice (or document) as items: the invoice, then its line items, or them nested in it under Invoices. */
function shapedItems(
	record: Omit<LineParent, keyof SourceFile> & object,
	lineItems: LineItem[],
	options: InvoiceItemOptions,
): { invoice: INodeExecutionData; lines: INodeExecutionData[] } {
	const invoice = { ...record, ...options.sourceFile, pagesNotRecognized: options.pagesNotRecognized };
	const lineKeys = computeLineKeys(invoice.dedupeKey, lineItems.map((line) => line.lineNo));
	if (options.outputMode === 'invoices') {
		return { invoice: withBinary({ ...invoice, lineItems } as unknown as IDataObject, options.inputBinary), lines: [] };
	}
	return {
		invoice: withBinary(invoice as unknown as IDataObject, options.inputBinary),
		lines: lineItems.map((line, index) => ({ json: lineItemJson(invoice, line, lineKeys[index]) })),
	};
}

/** The items of one answer: its invoices and their lines; none for an answer that went on unread (Raw Response). */
function answerItems(page: RecognizedPage | DocumentsCall, options: InvoiceItemOptions) {
	if ('documents' in page) return documentsItems(page, options);
	return page.reading === null ? [] : [pageItems({ ...page, reading: page.reading }, options)];
}

/**
 * The output items for one file's pages, in page order, per output of the node: invoices with
 * their line items (and error items of failed pages) on output 1; under Separate Outputs, line
 * items on output 2.
 */
export function toInvoiceItems(pages: PageOutcome[], options: InvoiceItemOptions): INodeExecutionData[][] {
	const invoiceOutput: INodeExecutionData[] = [];
	const lineItemOutput: INodeExecutionData[] = [];
	for (const page of pages) {
		if ('errorItem' in page) invoiceOutput.push(page.errorItem);
		else if (options.outputMode === 'raw' || ('reading' in page && page.reading === null)) invoiceOutput.push({ json: page.rawResponse as IDataObject });
		else {
			for (const { invoice, lines } of answerItems(page, options)) {
				invoiceOutput.push(invoice);
				(options.outputMode === 'separateOutputs' ? lineItemOutput : invoiceOutput).push(...lines);
			}
		}
	}
	return outputCountOf(options.outputMode) === 2 ? [invoiceOutput, lineItemOutput] : [invoiceOutput];
}
