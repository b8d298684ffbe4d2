/**
 * Which requests read a PDF's chosen pages when the service bills every document on every page it reads and
 * can read pages 1..N together (N at most PAGES_READ_TOGETHER): together only when every one of those pages
 * was chosen, so no page is billed that was not asked for, and none twice; every other page alone. Max Pages per
 * Item counts every page read: pages 1..N go together only when all of them are within the item's allowance.
 */
import { planPages, type PagesNotRecognized, type PdfPageSelection } from './pageSelection';

/** RecognizeGeneralInvoice's EnableMultiplePage reads the first 30 pages, whatever else is asked. */
export const PAGES_READ_TOGETHER = 30;

/** One request: pages 1..`firstPages` together, or one page. */
export type PageRequest = { firstPages: number } | { page: number };

export interface DocumentPagePlan {
	requests: PageRequest[];
	/** How many pages the requests read (and bill) in all: what the item's Max Pages per Item gives up. */
	pageCount: number;
	notRecognized: PagesNotRecognized[];
}

/** The pages a request reads, in order. */
export const pagesOfRequest = (request: PageRequest): number[] =>
	'page' in request ? [request.page] : Array.from({ length: request.firstPages }, (_unused, index) => index + 1);

/**
 * The requests for the chosen pages of a PDF of `pageCount` pages (counted locally, see pdfPageCount.ts).
 * Requests are as many as the pages chosen within Max Pages at most, never as many as a file claims.
 * `itemPagesLeft`: the pages the input item may still have read (Max Pages per Item); pages beyond it are left out,
 * and when fewer than N remain, pages 1..N are not read together (that request would bill all N) but one by one.
 */
export function planDocumentPages(
	selection: PdfPageSelection,
	pageCount: number,
	itemPagesLeft?: { pages: number; reason: string },
): DocumentPagePlan {
	const plan = planPages(selection, pageCount, itemPagesLeft);
	const together = Math.min(PAGES_READ_TOGETHER, pageCount);
	// Pages come ascending and once each, so the first `together` are 1..together exactly when the last of them is.
	const readsFirstPagesTogether = together > 1 && plan.pageCount >= together && plan.pageAt(together - 1) === together;
	const requests: PageRequest[] = readsFirstPagesTogether ? [{ firstPages: together }] : [];
	for (let index = readsFirstPagesTogether ? together : 0; index < plan.pageCount; index++) {
		requests.push({ page: plan.pageAt(index) });
	}
	return { requests, pageCount: plan.pageCount, notRecognized: plan.notRecognized };
}
