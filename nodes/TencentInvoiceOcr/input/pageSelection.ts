/**
 * Which pages of a PDF to recognize: PDF Pages, Page Number, Page Range and Max Pages read into a
 * selection, and a selection planned against the page count an answer claims, without allocating
 * anything per claimed page.
 */
import { InputError } from '../errors';
import { boundedText, quoteValue } from './userText';

export const DEFAULT_MAX_PAGES = 50;
/** The most Max Pages allows: a billed call per page, so a mistaken All Pages costs at most this. */
export const MAX_PAGES_LIMIT = 1000;
/** Pages (calls) per input item across all its files: 20 attachments of 1,000 pages are 200 calls, not 20,000. */
export const DEFAULT_MAX_PAGES_PER_ITEM = 200;
export const MAX_PAGES_PER_ITEM_LIMIT = 10_000;

/** Pages `firstPage` to `lastPage`, both included; `lastPage` undefined: to the end of the document. */
export interface PageSpan {
	firstPage: number;
	lastPage?: number;
}

/** Pages in ascending order, no page twice, and at most `maxPages` of them recognized. */
export interface PdfPageSelection {
	spans: PageSpan[];
	maxPages: number;
}

/** Pages that were not recognized, and why; what invoice items carry as `pagesNotRecognized`. */
export interface PagesNotRecognized {
	firstPage: number;
	lastPage: number;
	reason: string;
}

/**
 * The highest page number sent: Tencent's Integer goes up to 2^64 - 1, a JavaScript number is exact
 * up to 2^53 - 1, so a larger one would go out rounded (or as Infinity, which JSON writes as null).
 */
/** A page count as an answer claims it; 0 for none (an image, an OFD) and for anything that is not a count. */
export const claimedPageCount = (pageCount: unknown): number =>
	typeof pageCount === 'number' && Number.isSafeInteger(pageCount) && pageCount > 0 ? pageCount : 0;

export const MAX_PAGE_NUMBER = Number.MAX_SAFE_INTEGER;
/** Every page of a 1,000-page selection listed one by one ("1,3,5,…") fits in well under this. */
export const MAX_PAGE_RANGE_LENGTH = 10_000;
/** A page number as text: the digits of MAX_PAGE_NUMBER, and a few spaces or a sign around them. */
const MAX_PAGE_NUMBER_TEXT_LENGTH = 100;

const RANGE_HINT = 'Give pages and ranges separated by commas, counting from 1, e.g. 1-3,5 or 2- (page 2 to the end).';
const DIGITS = /^\d+$/;

function wholePageNumber(value: unknown, label: string, hint: string): number {
	const text = typeof value === 'string' ? boundedText(value, label, MAX_PAGE_NUMBER_TEXT_LENGTH, hint) : undefined;
	const page = text !== undefined && text.trim() !== '' ? Number(text) : value;
	if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
		throw new InputError(`${label} must be a whole number from 1 up, not ${quoteValue(String(value))}`, hint);
	}
	if (page > MAX_PAGE_NUMBER) {
		throw new InputError(`${label} must be at most ${MAX_PAGE_NUMBER}, not ${quoteValue(String(value))}`, hint);
	}
	return page;
}

/** Sorted, with overlapping and touching spans merged, so no page is asked for twice. */
function mergeSpans(spans: PageSpan[]): PageSpan[] {
	const sorted = [...spans].sort((a, b) => a.firstPage - b.firstPage);
	const merged: PageSpan[] = [];
	for (const span of sorted) {
		const previous = merged.at(-1);
		if (previous && (previous.lastPage === undefined || span.firstPage <= previous.lastPage + 1)) {
			if (previous.lastPage !== undefined && (span.lastPage === undefined || span.lastPage > previous.lastPage)) {
				previous.lastPage = span.lastPage;
			}
		} else {
			merged.push({ ...span });
		}
	}
	return merged;
}

/** A page number of Page Range: digits only, at most MAX_PAGE_NUMBER; undefined when it is not one. */
function rangePageNumber(text: string, rangeText: string): number | undefined {
	if (!DIGITS.test(text)) return undefined;
	const page = Number(text);
	if (page > MAX_PAGE_NUMBER) {
		throw new InputError(
			`Page Range ${quoteValue(rangeText)} names page ${quoteValue(text)}: page numbers go up to ${MAX_PAGE_NUMBER}`,
			RANGE_HINT,
		);
	}
	return page;
}

/**
 * One comma-separated part of Page Range ("3", "1-3", "2-"), spaces allowed around each number;
 * undefined when it is none of these. Split and trimmed rather than matched by one pattern, so the
 * work grows with the part's length, however its spaces and dashes are arranged.
 */
export function readPageSpan(part: string, rangeText = part): PageSpan | undefined {
	const dash = part.indexOf('-');
	const firstPage = rangePageNumber((dash === -1 ? part : part.slice(0, dash)).trim(), rangeText);
	if (firstPage === undefined || firstPage < 1) return undefined;
	if (dash === -1) return { firstPage, lastPage: firstPage };
	const lastText = part.slice(dash + 1).trim();
	if (lastText === '') return { firstPage, lastPage: undefined };
	const lastPage = rangePageNumber(lastText, rangeText);
	return lastPage === undefined || lastPage < firstPage ? undefined : { firstPage, lastPage };
}

/** Reads "1-3,5" or "2-" (page 2 to the end); spaces are allowed. At most MAX_PAGE_RANGE_LENGTH characters. */
export function parsePageRange(pageRange: unknown): PageSpan[] {
	const text = boundedText(pageRange, 'Page Range', MAX_PAGE_RANGE_LENGTH, RANGE_HINT).trim();
	if (text === '') throw new InputError('Page Range is empty', RANGE_HINT);
	const spans = text.split(',').map((part): PageSpan => {
		const span = readPageSpan(part, text);
		if (!span) throw new InputError(`Page Range ${quoteValue(text)} is not a list of pages such as 1-3,5`, RANGE_HINT);
		return span;
	});
	return mergeSpans(spans);
}

function readPageLimit(value: unknown, label: string, defaultLimit: number, highestLimit: number): number {
	if (value === undefined || value === null || value === '') return defaultLimit;
	const hint = `Set ${label} from 1 to ${highestLimit}; each page is a billed call.`;
	const limit = wholePageNumber(value, label, hint);
	if (limit > highestLimit) throw new InputError(`${label} must be at most ${highestLimit}, not ${limit}`, hint);
	return limit;
}

export const readMaxPages = (maxPages: unknown) => readPageLimit(maxPages, 'Max Pages', DEFAULT_MAX_PAGES, MAX_PAGES_LIMIT);

export const readMaxPagesPerItem = (maxPagesPerItem: unknown) =>
	readPageLimit(maxPagesPerItem, 'Max Pages per Item', DEFAULT_MAX_PAGES_PER_ITEM, MAX_PAGES_PER_ITEM_LIMIT);

/**
 * The pages (calls) an input item may still have recognized, across its files: Max Pages per Item.
 * Every recognized page of a PDF, every image and every OFD takes one.
 */
export class ItemPageBudget {
	private pagesLeft: number;

	constructor(readonly maxPagesPerItem: number) {
		this.pagesLeft = maxPagesPerItem;
	}

	get remaining(): number {
		return this.pagesLeft;
	}

	/** Takes `pageCount` pages, which the caller has planned within `remaining`. */
	take(pageCount: number): void {
		if (pageCount > this.pagesLeft) throw new RangeError(`${pageCount} pages planned, ${this.pagesLeft} left`);
		this.pagesLeft -= pageCount;
	}

	/** Why a page was left out when this budget, not Max Pages, was the lower limit. */
	get reason(): string {
		return `Beyond Max Pages per Item (${this.maxPagesPerItem})`;
	}
}

export interface PageParameters {
	pdfPages: string;
	pdfPageNumber?: unknown;
	pdfPageRange?: unknown;
	maxPages?: unknown;
}

/** The node's page parameters as a selection; First Page and Specific Page are one page each. */
export function readPageSelection(parameters: PageParameters): PdfPageSelection {
	switch (parameters.pdfPages) {
		case 'first':
			return { spans: [{ firstPage: 1, lastPage: 1 }], maxPages: 1 };
		case 'specific': {
			const hint = 'Set Page Number to the page of the PDF that holds the invoice, counting from 1.';
			const page = wholePageNumber(parameters.pdfPageNumber, 'Page Number', hint);
			return { spans: [{ firstPage: page, lastPage: page }], maxPages: 1 };
		}
		case 'all':
			return { spans: [{ firstPage: 1 }], maxPages: readMaxPages(parameters.maxPages) };
		case 'range':
			return { spans: parsePageRange(parameters.pdfPageRange), maxPages: readMaxPages(parameters.maxPages) };
		default:
			throw new InputError(
				`PDF Pages "${parameters.pdfPages}" is not an option`,
				'Choose First Page, Specific Page, Page Range or All Pages.',
			);
	}
}

/** The pages to recognize once the page count is known, and the pages left out. */
export interface PagePlan {
	/** How many pages will be recognized: at most Max Pages, whatever the count claims. */
	pageCount: number;
	/** The nth page to recognize (0-based), in ascending order. */
	pageAt(index: number): number;
	notRecognized: PagesNotRecognized[];
}

/**
 * Plans the selected pages of a document of `documentPageCount` pages (as the first answer claims
 * it). Work and memory grow with the number of spans and Max Pages, never with the claimed count.
 * `itemPagesLeft`: the pages the input item may still have recognized (Max Pages per Item), this
 * document's first page included; when lower than Max Pages, pages beyond it are left out for it.
 */
export function planPages(
	selection: PdfPageSelection,
	documentPageCount: number,
	itemPagesLeft?: { pages: number; reason: string },
): PagePlan {
	const planned: Array<{ firstPage: number; lastPage: number }> = [];
	const notRecognized: PagesNotRecognized[] = [];
	const itemLimitIsLower = itemPagesLeft !== undefined && itemPagesLeft.pages < selection.maxPages;
	const pageLimit = itemLimitIsLower ? itemPagesLeft.pages : selection.maxPages;
	const beyondLimit = itemLimitIsLower ? itemPagesLeft.reason : `Beyond Max Pages (${selection.maxPages})`;
	let budget = pageLimit;
	for (const span of selection.spans) {
		const wantedLast = span.lastPage ?? documentPageCount;
		const lastInDocument = Math.min(wantedLast, documentPageCount);
		if (span.firstPage <= lastInDocument && budget > 0) {
			const lastPlanned = Math.min(lastInDocument, span.firstPage + budget - 1);
			planned.push({ firstPage: span.firstPage, lastPage: lastPlanned });
			budget -= lastPlanned - span.firstPage + 1;
			if (lastPlanned < lastInDocument) {
				notRecognized.push({ firstPage: lastPlanned + 1, lastPage: lastInDocument, reason: beyondLimit });
			}
		} else if (span.firstPage <= lastInDocument) {
			notRecognized.push({ firstPage: span.firstPage, lastPage: lastInDocument, reason: beyondLimit });
		}
		if (span.lastPage !== undefined && span.lastPage > documentPageCount) {
			notRecognized.push({
				firstPage: Math.max(span.firstPage, documentPageCount + 1),
				lastPage: span.lastPage,
				reason: `Not in the PDF, which has ${documentPageCount} page${documentPageCount === 1 ? '' : 's'}`,
			});
		}
	}
	const pageCount = pageLimit - budget;
	return {
		pageCount,
		pageAt(index) {
			let remaining = index;
			for (const span of planned) {
				const spanLength = span.lastPage - span.firstPage + 1;
				if (remaining < spanLength) return span.firstPage + remaining;
				remaining -= spanLength;
			}
			throw new RangeError(`Page ${index} of ${pageCount} planned pages`);
		},
		notRecognized,
	};
}

/** "page 2", "pages 51–1000": how messages and hints name a span. */
export function describePages({ firstPage, lastPage }: { firstPage: number; lastPage: number }): string {
	return firstPage === lastPage ? `page ${firstPage}` : `pages ${firstPage}–${lastPage}`;
}
