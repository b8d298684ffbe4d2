/**
 * Recognize Any Invoice or Receipt: RecognizeGeneralInvoice reads every document on a page (VAT invoices, tickets,
 * receipts, several on one scan) and bills each; a file's pages are planned so that none is billed unasked or twice.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../errors';
import { planDocumentPages, type PageRequest } from '../../input/documentPagePlan';
import type { InvoiceFile } from '../../input/invoiceFiles';
import type { InvoiceSource } from '../../input/invoiceSource';
import { claimedPageCount, planPages, type PagesNotRecognized } from '../../input/pageSelection';
import { countPdfPages } from '../../input/pdfPageCount';
import { forceCodeOf, type DocumentType } from '../../invoice/documents/documentTypes';
import { inPageOrder, readDocument } from '../../invoice/documents/readDocument';
import type { DocumentsCall, FileInvoices, PageOutcome } from '../../output/invoiceItems';
import { forEachConcurrently } from '../../tencent/pacing/concurrency';
import { generalInvoiceRequestOf } from '../../tencent/transport/recognizeRequest';
import {
	pagesNotStarted,
	readRecognizeSettings,
	recognizeEachFile,
	type RecognizeSettings,
	type RecognizedFile,
} from '../recognizeVatInvoice/execute';
import type { ItemScope } from '../runner';

interface AnySettings extends RecognizeSettings {
	/** The `Types` code of the Document Type chosen; undefined for Any. */
	forcedType?: number;
}

/** The first page a request reads. */
const firstPageOf = (request: PageRequest) => ('page' in request ? request.page : 1);

/**
 * The pages after the first, one call each, once Tencent's answer has told the count (files not counted here);
 * within Max Pages per Item, whose remaining pages plus the first one (already taken) bound the plan.
 */
function laterPagesFromAnswer(settings: AnySettings, first: DocumentsCall, firstPage: number) {
	const { pageBudget } = settings;
	const plan = planPages(settings.pageSelection, Math.max(first.pdfPageCount, firstPage), {
		pages: pageBudget.remaining + 1,
		reason: pageBudget.reason,
	});
	pageBudget.take(plan.pageCount - 1);
	const requests: PageRequest[] = Array.from({ length: plan.pageCount - 1 }, (_unused, index) => ({ page: plan.pageAt(index + 1) }));
	return { requests, notRecognized: plan.notRecognized };
}

/** A PDF's pages counted here, planned before any call within the item's Max Pages per Item; undefined for anything else. */
function localPlanOf(source: InvoiceSource, settings: AnySettings) {
	const pageCount = source.format === 'pdf' ? countPdfPages(source.fileBytes) : undefined;
	if (pageCount === undefined) return undefined;
	const { pageBudget } = settings;
	const plan = planDocumentPages(settings.pageSelection, pageCount, { pages: pageBudget.remaining, reason: pageBudget.reason });
	if (plan.requests.length === 0) {
		throw new InputError(
			`None of the chosen pages is in the PDF, which has ${pageCount} page${pageCount === 1 ? '' : 's'}`,
			'Check Page Number or Page Range against the file, counting pages from 1.',
		);
	}
	return plan;
}

/**
 * Reads a file's chosen pages. A PDF whose pages are counted here is planned at once (pages 1..30 together only
 * when all were asked and are within Max Pages per Item); otherwise the first chosen page is read alone and its
 * answer's count plans the rest, one page per call. After the first call, the others run a few at a time, each
 * started only while the gate is open; a failed one is the runner's to judge (`item.failed`), the first one's
 * failure is the file's.
 */
async function readDocumentsOf(item: ItemScope, file: InvoiceFile, source: InvoiceSource, settings: AnySettings): Promise<RecognizedFile> {
	const localPlan = localPlanOf(source, settings);
	const callPages = async (request: PageRequest): Promise<DocumentsCall> => {
		const pages = 'page' in request ? request : ({ firstPagesTogether: true } as const);
		const answer = await item.caller.call('RecognizeGeneralInvoice', generalInvoiceRequestOf(source, pages, settings));
		return {
			documents: inPageOrder((answer.MixedInvoiceItems ?? []).map(readDocument)),
			pdfPageCount: claimedPageCount(answer.TotalPDFCount),
			requestId: answer.RequestId ?? null,
			rawResponse: answer,
		};
	};

	const firstRequest: PageRequest = localPlan?.requests[0] ?? { page: settings.pageSelection.spans[0].firstPage };
	if (!item.mayStart()) return { pages: [], pagesNotRecognized: [] };
	// Every page the plan reads counts against Max Pages per Item, as Recognize VAT Invoice's pages do.
	settings.pageBudget.take(localPlan?.pageCount ?? 1);
	const first = await callPages(firstRequest);
	const mayBePdf = source.format === 'pdf' || source.format === 'pdfOrImage';
	const later =
		localPlan !== undefined
			? { requests: localPlan.requests.slice(1), notRecognized: localPlan.notRecognized }
			: mayBePdf && first.pdfPageCount > 0
				? laterPagesFromAnswer(settings, first, firstPageOf(firstRequest))
				: { requests: [], notRecognized: [] };

	const outcomes: Array<PageOutcome | undefined> = [first, ...new Array<PageOutcome | undefined>(later.requests.length)];
	const failedPages: PagesNotRecognized[] = [];
	await forEachConcurrently(
		later.requests.length,
		item.caller.policy.maxConcurrency,
		async (laterIndex) => {
			const page = firstPageOf(later.requests[laterIndex]);
			try {
				outcomes[laterIndex + 1] = await callPages(later.requests[laterIndex]);
			} catch (error) {
				const failedPage = item.failed(error, { ...file.source, pdfPage: page });
				outcomes[laterIndex + 1] = failedPage;
				failedPages.push({ firstPage: page, lastPage: page, reason: failedPage.reason });
			}
		},
		() => !item.mayStart(),
	);
	const notStarted = pagesNotStarted(outcomes.slice(1), (index) => firstPageOf(later.requests[index]));
	return {
		pages: outcomes.filter((outcome) => outcome !== undefined),
		pagesNotRecognized: [...later.notRecognized, ...failedPages, ...notStarted].sort((a, b) => a.firstPage - b.firstPage),
	};
}

/** A file in which Tencent found nothing at all is one error, naming the file, not an empty success. */
function assertSomeDocument(reading: RecognizedFile, file: InvoiceFile): void {
	const found = reading.pages.some((outcome) => !('documents' in outcome) || outcome.documents.length > 0);
	if (found || reading.pages.length === 0) return;
	const fileName = file.source.sourceFileName ?? file.source.sourceBinaryField ?? 'the file';
	throw new InputError(
		`Tencent found no invoice or receipt in ${fileName}`,
		'Check that the file shows the document itself, upright and readable; a blank or cropped scan has nothing to read.',
	);
}

/**
 * Recognizes one input item: for each of its files, one invoice item per document found (page order, then the
 * answer's order) with its line items; failures as Recognize VAT Invoice gives them.
 */
export async function execute(this: IExecuteFunctions, item: ItemScope): Promise<FileInvoices[]> {
	const documentType = this.getNodeParameter('documentType', item.itemIndex, 'any') as DocumentType | 'any';
	const settings: AnySettings = {
		...readRecognizeSettings(this, item.itemIndex),
		forcedType: documentType === 'any' ? undefined : forceCodeOf(documentType),
	};
	return await recognizeEachFile.call(this, item, settings, async (file, source) => {
		const reading = await readDocumentsOf(item, file, source, settings);
		assertSomeDocument(reading, file);
		return reading;
	});
}
