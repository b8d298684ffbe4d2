/** Recognize VAT Invoice: each input item's files and pages recognized, a page at a time as calls free up. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { assertSomeInvoiceFile, invoiceFilesOf, type InvoiceFile } from '../../input/invoiceFiles';
import type { InvoiceSource } from '../../input/invoiceSource';
import {
	DEFAULT_MAX_PAGES,
	DEFAULT_MAX_PAGES_PER_ITEM,
	claimedPageCount,
	ItemPageBudget,
	describePages,
	planPages,
	readMaxPagesPerItem,
	readPageSelection,
	type PagesNotRecognized,
	type PdfPageSelection,
} from '../../input/pageSelection';
import { readOfdInvoice, readRecognizedInvoice, type InvoiceReading } from '../../invoice/fromAnswers';
import type { FileInvoices, PageOutcome, RecognizedPage } from '../../output/invoiceItems';
import type { OcrCaller } from '../../tencent/caller';
import { forEachConcurrently } from '../../tencent/pacing/concurrency';
import { imageRequestOf, ofdRequestOf } from '../../tencent/transport/recognizeRequest';
import { filesForTencent, filesReadLocally, type PassedOver } from '../digital/itemFiles';
import { outputModeOf } from '../outputParameter';
import type { ItemScope } from '../runner';

/** What every recognize operation reads of an item before any call: the pages asked, and whether to add polygons. */
export interface RecognizeSettings {
	pageSelection: PdfPageSelection;
	/** Max Pages per Item: what the item's files may still have recognized. */
	pageBudget: ItemPageBudget;
	includePolygons: boolean;
	/** False for Raw Response: answers go on as they came, unread, whatever their shape. */
	readsAnswers: boolean;
	/** Read Digital Invoices Locally: XML, tagged OFD and ZIP bundles without a call. */
	readDigitalLocally: boolean;
}

/**
 * OFD files go to VerifyOfdVatInvoiceOCR (the page as OfdPageNumber; its answer names no page count),
 * the rest to VatInvoiceOCR; either answer becomes the same invoice model, unless `readsAnswer` is
 * false (Raw Response): then the answer goes on as it came, whatever its shape.
 */
async function recognizePageOf(
	source: InvoiceSource,
	pageNumber: number,
	caller: OcrCaller,
	readsAnswer: boolean,
): Promise<RecognizedPage> {
	const requestId = (answer: { RequestId?: string }) => answer.RequestId ?? null;
	if (source.format === 'ofd') {
		const ofdResponse = await caller.call('VerifyOfdVatInvoiceOCR', ofdRequestOf(source, pageNumber));
		return {
			requestedPage: pageNumber,
			pdfPageCount: 0,
			reading: readsAnswer ? readOfdInvoice(ofdResponse) : null,
			imageRotationDegrees: null,
			requestId: requestId(ofdResponse),
			readFrom: 'ocr',
			rawResponse: ofdResponse,
		};
	}
	const response = await caller.call('VatInvoiceOCR', imageRequestOf(source, pageNumber));
	return {
		requestedPage: pageNumber,
		pdfPageCount: response.PdfPageSize ?? 0,
		reading: readsAnswer ? readRecognizedInvoice(response) : null,
		imageRotationDegrees: typeof response.Angle === 'number' ? response.Angle : null,
		requestId: requestId(response),
		readFrom: 'ocr',
		rawResponse: response,
	};
}

/** Pages whose slot stayed empty: not started because the node stopped. */
export function pagesNotStarted(outcomes: ReadonlyArray<object | undefined>, pageAt: (index: number) => number): PagesNotRecognized[] {
	return outcomes.flatMap((outcome, index) =>
		outcome ? [] : [{ firstPage: pageAt(index), lastPage: pageAt(index), reason: 'Not started: the execution stopped' }],
	);
}

export interface RecognizedFile {
	pages: PageOutcome[];
	pagesNotRecognized: PagesNotRecognized[];
}

/**
 * The first selected page tells the page count; the other planned pages follow, each pulled only
 * when one under way ends (as many under way as Max Concurrency, the caller's scheduler pacing
 * their calls), so the gate is checked right before each page starts. A failed page after the
 * first is the runner's to judge (`item.failed`); the first page's failure is the file's.
 */
async function recognizePages(item: ItemScope, file: InvoiceFile, source: InvoiceSource, settings: RecognizeSettings): Promise<RecognizedFile> {
	const { pageSelection, pageBudget } = settings;
	const recognizePage = (pageNumber: number) => recognizePageOf(source, pageNumber, item.caller, settings.readsAnswers);
	const firstPageNumber = pageSelection.spans[0].firstPage;
	if (!item.mayStart()) return { pages: [], pagesNotRecognized: [] };
	pageBudget.take(1);
	const firstPage = await recognizePage(firstPageNumber);
	const documentPageCount = claimedPageCount(firstPage.pdfPageCount);
	if (documentPageCount === 0) return { pages: [firstPage], pagesNotRecognized: [] };

	const plan = planPages(pageSelection, Math.max(documentPageCount, firstPageNumber), {
		pages: pageBudget.remaining + 1,
		reason: pageBudget.reason,
	});
	pageBudget.take(plan.pageCount - 1);
	const outcomes: Array<PageOutcome | undefined> = new Array<PageOutcome | undefined>(plan.pageCount);
	outcomes[0] = firstPage;
	const failedPages: PagesNotRecognized[] = [];
	await forEachConcurrently(
		plan.pageCount - 1,
		item.caller.policy.maxConcurrency,
		async (laterIndex) => {
			const index = laterIndex + 1;
			const pageNumber = plan.pageAt(index);
			try {
				outcomes[index] = await recognizePage(pageNumber);
			} catch (error) {
				const failedPage = item.failed(error, { ...file.source, pdfPage: pageNumber });
				outcomes[index] = failedPage;
				failedPages.push({ firstPage: pageNumber, lastPage: pageNumber, reason: failedPage.reason });
			}
		},
		() => !item.mayStart(),
	);
	const pagesNotRecognized = [...plan.notRecognized, ...failedPages, ...pagesNotStarted(outcomes, plan.pageAt)].sort(
		(a, b) => a.firstPage - b.firstPage,
	);
	return { pages: outcomes.filter((outcome) => outcome !== undefined), pagesNotRecognized };
}

/** An invoice read from its file without a call: no request, no page, the file's values as its raw answer. */
function readLocally(reading: InvoiceReading, readFrom: 'xml' | 'ofd'): RecognizedPage {
	return { requestedPage: 1, pdfPageCount: 0, reading, imageRotationDegrees: null, requestId: null, readFrom, rawResponse: { readFrom, fields: reading.fields } };
}

/** A bundle of 200 invoices passes over 400 files: the hint names the first ones and counts the rest. */
const MAX_PASSED_OVER_NAMED = 20;

/** One hint per item names the files passed over inside bundles, and the other files of invoices already read. */
function hintPassedOver(context: IExecuteFunctions, itemIndex: number, passedOver: PassedOver[]): void {
	if (passedOver.length === 0 || typeof context.addExecutionHints !== 'function') return;
	const named = passedOver.slice(0, MAX_PASSED_OVER_NAMED).map(({ displayName, reason }) => `${displayName} (${reason})`);
	const more = passedOver.length - named.length;
	const list = more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
	context.addExecutionHints({ message: `Item ${itemIndex}: passed over: ${list}`, location: 'outputPane' });
}

/**
 * Where the version has execution hints (n8n 1.x before them has not), one says what of a file was
 * left out: its pages (`pagesNotRecognized`), or the whole file, e.g. beyond Max Pages per Item.
 */
export function hintPagesNotRecognized(context: IExecuteFunctions, itemIndex: number, file: InvoiceFile, leftOut: PagesNotRecognized[] | string): void {
	if (leftOut.length === 0 || typeof context.addExecutionHints !== 'function') return;
	const fileName = file.source.sourceFileName ?? file.source.sourceBinaryField ?? 'the file';
	const list = typeof leftOut === 'string' ? leftOut : leftOut.map((span) => `${describePages(span)} (${span.reason})`).join('; ');
	context.addExecutionHints({ message: `Item ${itemIndex}, ${fileName}: not recognized: ${list}`, location: 'outputPane' });
}

/**
 * Recognizes one input item: for each of its files, the invoices (one per recognized page) and
 * line items, in order. A failed file is given to the runner as a value naming the file (its
 * error item stands in its place under Continue On Fail), a failed page as one naming the page.
 */
export async function execute(this: IExecuteFunctions, item: ItemScope): Promise<FileInvoices[]> {
	const settings = readRecognizeSettings(this, item.itemIndex);
	return await recognizeEachFile.call(this, item, settings, async (file, source) => await recognizePages(item, file, source, settings));
}

/** The item's pages and polygons choice, read and checked before any call. */
export function readRecognizeSettings(context: IExecuteFunctions, itemIndex: number): RecognizeSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as { includePolygons?: boolean; readDigitalLocally?: boolean };
	return {
		pageSelection: readPageSelection({
			pdfPages: context.getNodeParameter('pdfPages', itemIndex) as string,
			pdfPageNumber: context.getNodeParameter('pdfPageNumber', itemIndex, 1),
			pdfPageRange: context.getNodeParameter('pdfPageRange', itemIndex, ''),
			maxPages: context.getNodeParameter('maxPages', itemIndex, DEFAULT_MAX_PAGES),
		}),
		pageBudget: new ItemPageBudget(
			readMaxPagesPerItem(context.getNodeParameter('maxPagesPerItem', itemIndex, DEFAULT_MAX_PAGES_PER_ITEM)),
		),
		includePolygons: options.includePolygons === true,
		readsAnswers: outputModeOf(context) !== 'raw',
		readDigitalLocally: options.readDigitalLocally !== false,
	};
}

/**
 * Each of the item's files in turn, read only when its turn comes: digital invoices (XML, tagged OFD, ZIP
 * bundles) read locally with Read Digital Invoices Locally, the others recognized by `recognizeFile`. A
 * failed file is given to the runner as a value naming the file (its error item stands in its place under
 * Continue On Fail); files that are no invoice type are passed over, and an item with none is an error.
 */
export async function recognizeEachFile(
	this: IExecuteFunctions,
	item: ItemScope,
	settings: RecognizeSettings,
	recognizeFile: (file: InvoiceFile, source: InvoiceSource) => Promise<RecognizedFile>,
): Promise<FileInvoices[]> {
	const { itemIndex } = item;
	const files = invoiceFilesOf.call(this, itemIndex);
	const results: FileInvoices[] = [];
	const skippedFiles: InvoiceFile[] = [];
	const passedOver: PassedOver[] = [];
	const processAllFiles = this.getNodeParameter('processAllBinaryFields', itemIndex, false) === true;
	const fileResults = settings.readDigitalLocally
		? filesReadLocally(files, processAllFiles, (passed) => passedOver.push(passed))
		: filesForTencent(files);
	for await (const result of fileResults) {
		// Stop (n8n's cancel signal) or a failure elsewhere closes the gate: nothing more starts.
		if (!item.mayStart()) break;
		if (result.kind === 'skipped') {
			skippedFiles.push(result.file);
			continue;
		}
		const file: InvoiceFile = { ...result.file, source: result.sourceFile };
		const ofFile = { includePolygons: settings.includePolygons, inputBinary: file.binary, sourceFile: file.source };
		try {
			if (result.kind === 'failed') throw result.error;
			// A file read locally costs no call; one for Tencent needs pages left (Max Pages per Item).
			if (result.kind !== 'read' && settings.pageBudget.remaining === 0) {
				hintPagesNotRecognized(this, itemIndex, file, `the whole file (${settings.pageBudget.reason})`);
				continue;
			}
			const { pages, pagesNotRecognized } =
				result.kind === 'read'
					? { pages: [readLocally(result.reading, result.readFrom)], pagesNotRecognized: [] }
					: await recognizeFile(file, result.source);
			hintPagesNotRecognized(this, itemIndex, file, pagesNotRecognized);
			results.push({ ...ofFile, pages, pagesNotRecognized });
		} catch (error) {
			const failedFile = item.failed(error, { ...file.source, pdfPage: null });
			results.push({ ...ofFile, inputBinary: undefined, pages: [failedFile], pagesNotRecognized: [] });
		}
	}
	hintPassedOver(this, itemIndex, passedOver);
	assertSomeInvoiceFile(skippedFiles, files.length, settings.readDigitalLocally);
	return results;
}
