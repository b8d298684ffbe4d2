/** Recognize VAT Invoice: its parameters, and each input item's files and pages recognized, a page at a time as calls free up. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	isOfdSource,
	ofdRequestForPage,
	requestForPage,
	type InvoiceSource,
} from '../input/invoiceSource';
import {
	DEFAULT_MAX_PAGES,
	DEFAULT_MAX_PAGES_PER_ITEM,
	ItemPageBudget,
	MAX_PAGES_LIMIT,
	MAX_PAGES_PER_ITEM_LIMIT,
	describePages,
	planPages,
	readMaxPagesPerItem,
	readPageSelection,
	type PagesNotRecognized,
	type PdfPageSelection,
} from '../input/pageSelection';
import { readOfdInvoice, readRecognizedInvoice } from '../invoice/fromAnswers';
import {
	outputCountOf,
	toInvoiceItems,
	type OutputMode,
	type PageOutcome,
	type RecognizedPage,
} from '../output/invoiceItems';
import type { OcrCaller } from '../tencent/caller';
import { optionsCollection } from '../tencent/callPolicy';
import { forEachConcurrently } from '../tencent/concurrency';
import { assertSomeInvoiceFile, invoiceFilesOf, type InvoiceFile } from '../input/invoiceFiles';
import { errorItem, toNodeError, type NodeError } from '../output/errorItems';
import type { StartGate } from './router';

const showFor = (inputType: string) => ({ show: { operation: ['recognizeVatInvoice'], inputType: [inputType] } });
const showForOperation = { show: { operation: ['recognizeVatInvoice'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file in an input binary field, e.g. an e-mail attachment or a downloaded file',
			},
			{ name: 'URL', value: 'url', description: 'A public address that Tencent Cloud downloads the file from' },
			{ name: 'Base64 String', value: 'base64', description: 'The file content encoded as base64' },
		],
		default: 'binary',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Process All Binary Fields',
		name: 'processAllBinaryFields',
		type: 'boolean',
		default: false,
		description:
			'Whether to recognize every file of the item, e.g. all attachments of an e-mail (attachment_0, attachment_1, …), instead of one named field. Files that are not PNG, JPEG, PDF or OFD are passed over.',
		displayOptions: showFor('binary'),
	},
	{
		displayName: 'Input Data Field Name',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the invoice file (PNG, JPEG, PDF or OFD)',
		displayOptions: {
			show: { operation: ['recognizeVatInvoice'], inputType: ['binary'], processAllBinaryFields: [false] },
		},
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'Address of a PNG, JPEG, PDF or OFD (name ending in .ofd) invoice; Tencent Cloud must be able to download it within 3 seconds',
		displayOptions: showFor('url'),
	},
	{
		displayName: 'Base64 Content',
		name: 'base64Content',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. JVBERi0xLjQK…',
		description: 'The invoice file (PNG, JPEG, PDF or OFD) as base64, or as a data URL',
		displayOptions: showFor('base64'),
	},
	{
		displayName: 'PDF Pages',
		name: 'pdfPages',
		type: 'options',
		options: [
			{ name: 'First Page', value: 'first', description: 'Recognize page 1 only (one billed call)' },
			{ name: 'Specific Page', value: 'specific', description: 'Recognize one chosen page (one billed call)' },
			{
				name: 'Page Range',
				value: 'range',
				description: 'Recognize chosen pages, e.g. 1-3,5; each page is a separate billed call',
			},
			{
				name: 'All Pages',
				value: 'all',
				description: 'Recognize every page up to Max Pages; each page is a separate billed call',
			},
		],
		default: 'first',
		description: 'Which pages of a PDF to recognize; images have one page, and an OFD is read in one call (its page 1, or the first page chosen)',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Page Number',
		name: 'pdfPageNumber',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'The page of the PDF that holds the invoice, counting from 1',
		displayOptions: { show: { operation: ['recognizeVatInvoice'], pdfPages: ['specific'] } },
	},
	{
		displayName: 'Page Range',
		name: 'pdfPageRange',
		type: 'string',
		default: '1',
		required: true,
		placeholder: 'e.g. 1-3,5',
		description: 'Pages and ranges separated by commas, counting from 1; "2-" is page 2 to the end',
		displayOptions: { show: { operation: ['recognizeVatInvoice'], pdfPages: ['range'] } },
	},
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGES_LIMIT, numberPrecision: 0 },
		default: DEFAULT_MAX_PAGES,
		description: `The most pages recognized per file, whatever the PDF claims (at most ${MAX_PAGES_LIMIT}); each page is a billed call. Pages left out are listed in pagesNotRecognized.`,
		displayOptions: { show: { operation: ['recognizeVatInvoice'], pdfPages: ['all', 'range'] } },
	},
	{
		displayName: 'Max Pages per Item',
		name: 'maxPagesPerItem',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGES_PER_ITEM_LIMIT, numberPrecision: 0 },
		default: DEFAULT_MAX_PAGES_PER_ITEM,
		description: `The most pages recognized for one input item across all its files, e.g. every attachment of a mail (at most ${MAX_PAGES_PER_ITEM_LIMIT}); each PDF page, image or OFD is a billed call. Pages and files left out are named in pagesNotRecognized and the execution hint.`,
		displayOptions: showForOperation,
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Invoices and Line Items',
				value: 'invoicesAndLineItems',
				description:
					'One item per invoice (recordType "invoice"), then one item per line item (recordType "lineItem")',
			},
			{
				name: 'Invoices and Line Items (Separate Outputs)',
				value: 'separateOutputs',
				description: 'Invoice items on output 1 "Invoices", line items on output 2 "Line Items"',
			},
			{
				name: 'Invoices',
				value: 'invoices',
				description: 'One item per invoice, its line items nested in lineItems',
			},
			{
				name: 'Raw Response',
				value: 'raw',
				description: "Tencent's response as it comes, one item per call",
			},
		],
		default: 'invoicesAndLineItems',
		// The node's outputs follow this choice, so it cannot change from item to item.
		noDataExpression: true,
		displayOptions: showForOperation,
	},
	optionsCollection('recognizeVatInvoice', 'VatInvoiceOCR', [
		{
			displayName: 'Include Polygons',
			name: 'includePolygons',
			type: 'boolean',
			default: false,
			description: 'Whether to add each field\'s position on the page (four corner points) under polygons',
		},
	]),
];

interface ItemSettings {
	pageSelection: PdfPageSelection;
	/** Max Pages per Item: what the item's files may still have recognized. */
	pageBudget: ItemPageBudget;
	outputMode: OutputMode;
	includePolygons: boolean;
	continueOnFail: boolean;
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
	if (isOfdSource(source)) {
		const ofdResponse = await caller.call('VerifyOfdVatInvoiceOCR', ofdRequestForPage(source, pageNumber));
		return {
			requestedPage: pageNumber,
			pdfPageCount: 0,
			reading: readsAnswer ? readOfdInvoice(ofdResponse) : null,
			angle: null,
			requestId: requestId(ofdResponse),
			rawResponse: ofdResponse,
		};
	}
	const response = await caller.call('VatInvoiceOCR', requestForPage(source, pageNumber));
	return {
		requestedPage: pageNumber,
		pdfPageCount: response.PdfPageSize ?? 0,
		reading: readsAnswer ? readRecognizedInvoice(response) : null,
		angle: typeof response.Angle === 'number' ? response.Angle : null,
		requestId: requestId(response),
		rawResponse: response,
	};
}

/** The page count the answer claims; 0 for an image or an OFD, and for anything that is not a count. */
function claimedPageCount(page: RecognizedPage): number {
	const pageCount = page.pdfPageCount;
	return typeof pageCount === 'number' && Number.isSafeInteger(pageCount) && pageCount > 0 ? pageCount : 0;
}

/** The error of a page after the first, its message naming the page; `reason` is what went wrong. */
function pageError(context: IExecuteFunctions, error: unknown, itemIndex: number, page: number) {
	const nodeError = toNodeError(context, error, itemIndex);
	const reason = nodeError.message.replace(/ \[item \d+\]$/, '');
	nodeError.message = `Page ${page}: ${nodeError.message}`;
	return { nodeError, reason };
}

/** Pages whose slot stayed empty: not started because the node stopped. */
function pagesNotStarted(outcomes: Array<PageOutcome | undefined>, pageAt: (index: number) => number): PagesNotRecognized[] {
	return outcomes.flatMap((outcome, index) =>
		outcome ? [] : [{ firstPage: pageAt(index), lastPage: pageAt(index), reason: 'Not started: the execution stopped' }],
	);
}

interface RecognizedFile {
	pages: PageOutcome[];
	pagesNotRecognized: PagesNotRecognized[];
}

/**
 * The first selected page tells the page count; the other planned pages follow, each pulled only
 * when one under way ends (as many under way as Max Concurrency, the caller's scheduler pacing
 * their calls), so the gate is checked right before each page starts.
 */
async function recognizePages(
	this: IExecuteFunctions,
	itemIndex: number,
	file: InvoiceFile,
	source: InvoiceSource,
	caller: OcrCaller,
	settings: ItemSettings,
	gate: StartGate,
): Promise<RecognizedFile> {
	const { pageSelection } = settings;
	const recognizePage = (pageNumber: number) => recognizePageOf(source, pageNumber, caller, settings.outputMode !== 'raw');
	const firstPageNumber = pageSelection.spans[0].firstPage;
	if (gate.isClosed()) return { pages: [], pagesNotRecognized: [] };
	settings.pageBudget.take(1);
	const firstPage = await recognizePage(firstPageNumber);
	const documentPageCount = claimedPageCount(firstPage);
	if (documentPageCount === 0) return { pages: [firstPage], pagesNotRecognized: [] };

	const { pageBudget } = settings;
	const plan = planPages(pageSelection, Math.max(documentPageCount, firstPageNumber), {
		pages: pageBudget.remaining + 1,
		reason: pageBudget.reason,
	});
	pageBudget.take(plan.pageCount - 1);
	const outcomes: Array<PageOutcome | undefined> = new Array<PageOutcome | undefined>(plan.pageCount);
	outcomes[0] = firstPage;
	const failedPages: PagesNotRecognized[] = [];
	let firstFailure: NodeError | undefined;
	await forEachConcurrently(
		plan.pageCount - 1,
		caller.policy.maxConcurrency,
		async (laterIndex) => {
			const index = laterIndex + 1;
			const pageNumber = plan.pageAt(index);
			try {
				outcomes[index] = await recognizePage(pageNumber);
			} catch (error) {
				const { nodeError, reason } = pageError(this, error, itemIndex, pageNumber);
				if (!settings.continueOnFail) {
					gate.close(nodeError);
					firstFailure ??= nodeError;
					return;
				}
				const pageSource = { ...file.source, pdfPage: pageNumber };
				outcomes[index] = { requestedPage: pageNumber, errorItem: errorItem(nodeError, itemIndex, pageSource) };
				failedPages.push({ firstPage: pageNumber, lastPage: pageNumber, reason });
			}
		},
		() => gate.isClosed(),
	);
	if (firstFailure) throw firstFailure;
	const pagesNotRecognized = [...plan.notRecognized, ...failedPages, ...pagesNotStarted(outcomes, plan.pageAt)].sort(
		(a, b) => a.firstPage - b.firstPage,
	);
	return { pages: outcomes.filter((outcome) => outcome !== undefined), pagesNotRecognized };
}

/**
 * Where the version has execution hints (n8n 1.x before them has not), one says what of a file was
 * left out: its pages (`pagesNotRecognized`), or the whole file, e.g. beyond Max Pages per Item.
 */
function hintNotRecognized(context: IExecuteFunctions, itemIndex: number, file: InvoiceFile, leftOut: PagesNotRecognized[] | string): void {
	if (leftOut.length === 0 || typeof context.addExecutionHints !== 'function') return;
	const fileName = file.source.sourceFileName ?? file.source.sourceBinaryField ?? 'the file';
	const list = typeof leftOut === 'string' ? leftOut : leftOut.map((span) => `${describePages(span)} (${span.reason})`).join('; ');
	context.addExecutionHints({ message: `Item ${itemIndex}, ${fileName}: not recognized: ${list}`, location: 'outputPane' });
}

/**
 * Recognizes one input item: for each of its files, the invoices (one per recognized page) and
 * line items, in order, per output of the node. Under Continue On Fail a failed file gives an
 * error item naming the file, a failed page one naming the page, and the rest go on.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	caller: OcrCaller,
	gate: StartGate,
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includePolygons?: boolean };
	const settings: ItemSettings = {
		pageSelection: readPageSelection({
			pdfPages: this.getNodeParameter('pdfPages', itemIndex) as string,
			pdfPageNumber: this.getNodeParameter('pdfPageNumber', itemIndex, 1),
			pdfPageRange: this.getNodeParameter('pdfPageRange', itemIndex, ''),
			maxPages: this.getNodeParameter('maxPages', itemIndex, DEFAULT_MAX_PAGES),
		}),
		pageBudget: new ItemPageBudget(
			readMaxPagesPerItem(this.getNodeParameter('maxPagesPerItem', itemIndex, DEFAULT_MAX_PAGES_PER_ITEM)),
		),
		outputMode: outputModeOf(this),
		includePolygons: options.includePolygons === true,
		continueOnFail: this.continueOnFail(),
	};
	const files = invoiceFilesOf.call(this, itemIndex);
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCountOf(settings.outputMode) }, () => []);
	const skippedFiles: InvoiceFile[] = [];
	for (const file of files) {
		// Stop (n8n's cancel signal) or a failure elsewhere closes the gate: nothing more starts.
		if (gate.isClosed()) break;
		try {
			const source = await file.loadSource();
			if (!source) {
				skippedFiles.push(file);
				continue;
			}
			if (settings.pageBudget.remaining === 0) {
				hintNotRecognized(this, itemIndex, file, `the whole file (${settings.pageBudget.reason})`);
				continue;
			}
			const { pages, pagesNotRecognized } = await recognizePages.call(
				this,
				itemIndex,
				file,
				source,
				caller,
				settings,
				gate,
			);
			hintNotRecognized(this, itemIndex, file, pagesNotRecognized);
			const fileOutputs = toInvoiceItems(pages, {
				outputMode: settings.outputMode,
				includePolygons: settings.includePolygons,
				inputBinary: file.binary,
				sourceFile: file.source,
				pagesNotRecognized,
			});
			fileOutputs.forEach((items, outputIndex) => outputs[outputIndex].push(...items));
		} catch (error) {
			const nodeError = toNodeError(this, error, itemIndex);
			if (!settings.continueOnFail) {
				gate.close(nodeError);
				throw nodeError;
			}
			outputs[0].push(errorItem(nodeError, itemIndex, { ...file.source }));
		}
	}
	assertSomeInvoiceFile(skippedFiles, files.length);
	return outputs;
}

/** The Output choice, read once: the node's outputs depend on it. */
export function outputModeOf(context: IExecuteFunctions): OutputMode {
	return context.getNodeParameter('output', 0, 'invoicesAndLineItems') as OutputMode;
}

/** How many outputs the node has for this execution. */
export function outputCount(this: IExecuteFunctions): number {
	return outputCountOf(outputModeOf(this));
}
