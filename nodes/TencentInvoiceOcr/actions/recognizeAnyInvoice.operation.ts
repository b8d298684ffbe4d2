/**
 * Recognize Any Invoice or Receipt: RecognizeGeneralInvoice reads every document on a page (VAT invoices, tickets,
 * receipts, several on one scan) and bills each; pages are planned so that none is billed unasked or twice.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputError } from '../errors';
import { planDocumentPages, pagesOfRequest, type PageRequest } from '../input/documentPagePlan';
import type { InvoiceFile } from '../input/invoiceFiles';
import type { InvoiceSource } from '../input/invoiceSource';
import { describePages, planPages, type PagesNotRecognized } from '../input/pageSelection';
import { countPdfPages } from '../input/pdfPageCount';
import { FORCEABLE_DOCUMENT_TYPES, forceCodeOf, type DocumentType } from '../invoice/documents/documentTypes';
import { readDocument } from '../invoice/documents/readDocument';
import { inPageOrder, toDocumentItems, type AnsweredCall, type CallOutcome } from '../output/documentItems';
import { errorItem, type NodeError } from '../output/errorItems';
import type { OcrCaller } from '../tencent/caller';
import { optionsCollection } from '../tencent/callPolicy';
import { forEachConcurrently } from '../tencent/concurrency';
import { generalInvoiceRequest, type GeneralInvoiceCall } from '../tencent/generalInvoiceRequest';
import {
	INCLUDE_POLYGONS,
	hintPagesNotRecognized,
	pageError,
	pagesNotStarted,
	readItemSettings,
	recognizeEachFile,
	type ItemSettings,
} from './recognizeVatInvoice.operation';
import type { StartGate } from './router';

const OPERATION = 'recognizeAnyInvoice';

/** "Train Ticket", "VAT Invoice": the vocabulary's words as n8n shows option names. */
const titleOf = (documentType: DocumentType) =>
	documentType.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase()).replace(/^Vat /, 'VAT ');

/** Document Type goes first, right under the operation; the Options last. */
export const description: INodeProperties[] = [
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any', description: 'Read every kind of document found, each as Tencent recognizes it' },
			...FORCEABLE_DOCUMENT_TYPES.map((entry) => ({
				name: titleOf(entry.documentType),
				value: entry.documentType,
				description: `Read every document as this kind: ${entry.meaning}`,
			})),
		],
		default: 'any',
		description: 'Which kind of document the files hold; Any lets Tencent tell each document\'s kind',
		displayOptions: { show: { operation: [OPERATION] } },
	},
];

export const optionsDescription: INodeProperties[] = [optionsCollection(OPERATION, 'RecognizeGeneralInvoice', [INCLUDE_POLYGONS])];

/** What Tencent is sent of the file: an OFD goes as an image does (Tencent reads its first page). */
function callFileOf(source: InvoiceSource): Pick<GeneralInvoiceCall, 'file' | 'mayBePdf'> {
	if ('OfdFileBase64' in source) return { file: { ImageBase64: source.OfdFileBase64 }, mayBePdf: false };
	if ('OfdFileUrl' in source) return { file: { ImageUrl: source.OfdFileUrl }, mayBePdf: false };
	if ('ImageUrl' in source) return { file: { ImageUrl: source.ImageUrl }, mayBePdf: true };
	return { file: { ImageBase64: source.ImageBase64 }, mayBePdf: source.IsPdf };
}

interface FileReading {
	outcomes: CallOutcome[];
	pagesNotRecognized: PagesNotRecognized[];
}

const spanOf = (request: PageRequest) => {
	const pages = pagesOfRequest(request);
	return { firstPage: pages[0], lastPage: pages[pages.length - 1] };
};

/**
 * Reads a file's chosen pages. A PDF whose pages are counted here is planned at once (pages 1..30 together only
 * when all were asked); otherwise the first chosen page is read alone and its answer's count plans the rest, one
 * page per call. After the first call, the others run a few at a time, each started only while the gate is open.
 */
async function readFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: InvoiceFile,
	source: InvoiceSource,
	caller: OcrCaller,
	settings: ItemSettings & { forcedType?: number },
	gate: StartGate,
): Promise<FileReading> {
	const { file: callFile, mayBePdf } = callFileOf(source);
	const localPageCount = mayBePdf && 'ImageBase64' in callFile ? countPdfPages(callFile.ImageBase64.bytes) : undefined;
	const plan = localPageCount === undefined ? undefined : planDocumentPages(settings.pageSelection, localPageCount);
	const callPages = async (request: PageRequest): Promise<AnsweredCall> => {
		const pages = 'page' in request ? { page: request.page } : ({ firstPagesTogether: true } as const);
		const answer = await caller.call(
			'RecognizeGeneralInvoice',
			generalInvoiceRequest({ file: callFile, mayBePdf, pages, forcedType: settings.forcedType, includePolygons: settings.includePolygons }),
		);
		const pdfPageCount = answer.TotalPDFCount;
		return {
			documents: inPageOrder((answer.MixedInvoiceItems ?? []).map(readDocument)),
			pdfPageCount: typeof pdfPageCount === 'number' && Number.isSafeInteger(pdfPageCount) && pdfPageCount > 0 ? pdfPageCount : 0,
			requestId: answer.RequestId ?? null,
			rawResponse: answer,
		};
	};

	if (plan?.requests.length === 0) {
		throw new InputError(
			`None of the chosen pages is in the PDF, which has ${localPageCount} page${localPageCount === 1 ? '' : 's'}`,
			'Check Page Number or Page Range against the file, counting pages from 1.',
		);
	}
	const firstRequest: PageRequest = plan?.requests[0] ?? { page: settings.pageSelection.spans[0].firstPage };
	if (gate.isClosed()) return { outcomes: [], pagesNotRecognized: [] };
	const first = await callPages(firstRequest);
	let laterRequests: PageRequest[] = plan?.requests.slice(1) ?? [];
	let notRecognized = plan?.notRecognized ?? [];
	if (!plan && mayBePdf && first.pdfPageCount > 0) {
		// Counted by Tencent, not here: the rest one page at a time, so nothing is read twice or unasked.
		const firstPage = 'page' in firstRequest ? firstRequest.page : 1;
		const pagePlan = planPages(settings.pageSelection, Math.max(first.pdfPageCount, firstPage));
		laterRequests = Array.from({ length: pagePlan.pageCount - 1 }, (_unused, index) => ({ page: pagePlan.pageAt(index + 1) }));
		notRecognized = pagePlan.notRecognized;
	}

	const outcomes: Array<CallOutcome | undefined> = [first, ...new Array<CallOutcome | undefined>(laterRequests.length)];
	const failedPages: PagesNotRecognized[] = [];
	let firstFailure: NodeError | undefined;
	await forEachConcurrently(
		laterRequests.length,
		caller.policy.maxConcurrency,
		async (laterIndex) => {
			const request = laterRequests[laterIndex];
			try {
				outcomes[laterIndex + 1] = await callPages(request);
			} catch (error) {
				const span = spanOf(request);
				const pagesNamed = describePages(span);
				const { nodeError, reason } = pageError(this, error, itemIndex, `${pagesNamed[0].toUpperCase()}${pagesNamed.slice(1)}`);
				if (!settings.continueOnFail) {
					gate.close(nodeError);
					firstFailure ??= nodeError;
					return;
				}
				outcomes[laterIndex + 1] = { requestedPage: span.firstPage, errorItem: errorItem(nodeError, itemIndex, { ...file.source, pdfPage: span.firstPage }) };
				failedPages.push({ ...span, reason });
			}
		},
		() => gate.isClosed(),
	);
	if (firstFailure) throw firstFailure;
	const notStarted = pagesNotStarted(outcomes.slice(1), (index) => spanOf(laterRequests[index]).firstPage);
	return {
		outcomes: outcomes.filter((outcome) => outcome !== undefined),
		pagesNotRecognized: [...notRecognized, ...failedPages, ...notStarted].sort((a, b) => a.firstPage - b.firstPage),
	};
}

/** A file in which Tencent found nothing at all is one error, naming the file, not an empty success. */
function assertSomeDocument(reading: FileReading, file: InvoiceFile): void {
	const found = reading.outcomes.some((outcome) => 'errorItem' in outcome || outcome.documents.length > 0);
	if (found || reading.outcomes.length === 0) return;
	const fileName = file.source.sourceFileName ?? file.source.sourceBinaryField ?? 'the file';
	throw new InputError(
		`Tencent found no invoice or receipt in ${fileName}`,
		'Check that the file shows the document itself, upright and readable; a blank or cropped scan has nothing to read.',
	);
}

/**
 * Recognizes one input item: for each of its files, one invoice item per document found (page order, then the
 * answer's order) with its line items, per output of the node; Continue On Fail as Recognize VAT Invoice.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	caller: OcrCaller,
	gate: StartGate,
): Promise<INodeExecutionData[][]> {
	const documentType = this.getNodeParameter('documentType', itemIndex, 'any') as DocumentType | 'any';
	const settings = {
		...readItemSettings(this, itemIndex),
		forcedType: documentType === 'any' ? undefined : forceCodeOf(documentType),
	};
	return await recognizeEachFile.call(this, itemIndex, settings, gate, async (file, source) => {
		const reading = await readFile.call(this, itemIndex, file, source, caller, settings, gate);
		assertSomeDocument(reading, file);
		hintPagesNotRecognized(this, itemIndex, file, reading.pagesNotRecognized);
		return toDocumentItems(reading.outcomes, {
			outputMode: settings.outputMode,
			includePolygons: settings.includePolygons,
			inputBinary: file.binary,
			sourceFile: file.source,
			pagesNotRecognized: reading.pagesNotRecognized,
		});
	});
}
