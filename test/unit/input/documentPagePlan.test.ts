/** Counting a PDF's pages locally, and planning which pages RecognizeGeneralInvoice reads together or alone. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { PAGES_READ_TOGETHER, pagesOfRequest, planDocumentPages } from '../../../nodes/TencentInvoiceOcr/input/documentPagePlan';
import { readPageSelection, type PageParameters } from '../../../nodes/TencentInvoiceOcr/input/pageSelection';
import { countPdfPages } from '../../../nodes/TencentInvoiceOcr/input/pdfPageCount';
import { blankPdf } from '../../helpers/generated-pdf';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', '..', 'fixtures', name));
const pdf = (text: string) => Buffer.from(text, 'latin1');

describe('countPdfPages', () => {
	it.each([
		['the 3-page fixture', fixture('invoice-3-pages.pdf'), 3],
		['the 1-page fixture', fixture('invoice-1-page.pdf'), 1],
		['a generated 40-page PDF', blankPdf(40), 40],
		['a generated 1000-page PDF', blankPdf(1000), 1000],
	])('%s → %s', (_case, bytes, count) => {
		expect(countPdfPages(bytes)).toBe(count);
	});

	const tree = (count: string, pages: number, extra = '') =>
		pdf(
			`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${count} /Kids [] >> endobj\n` +
				'3 0 obj << /Type /Page >> endobj\n'.repeat(pages) +
				`${extra}trailer << /Root 1 0 R >>\n%%EOF`,
		);

	it.each([
		['a page tree that claims more pages than the file has', tree('12', 3)],
		['a page tree that claims fewer pages than the file has (the dangerous way)', tree('2', 30)],
		['an indirect /Count', tree('9 0 R', 1)],
		['a claim of a million pages', tree('1000000', 1)],
		['no trailer', pdf('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF')],
		['a catalog in a compressed object stream', pdf('%PDF-1.5\n5 0 obj << /Type /XRef /Root 1 0 R >> stream\nxx\nendstream endobj\n%%EOF')],
		['a /Root whose object has no end', pdf(`%PDF-1.4\n1 0 obj << /Pages 2 0 R ${' '.repeat(70_000)}\ntrailer << /Root 1 0 R >>`)],
		['an image', fixture('invoice.png')],
		['nothing', Buffer.alloc(0)],
	])('does not guess for %s', (_case, bytes) => {
		expect(countPdfPages(bytes)).toBeUndefined();
	});

	it('reads the last definition of an object, as an incremental update leaves it', () => {
		const updated = pdf(
			'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 1 >> endobj\n3 0 obj << /Type /Page >> endobj\ntrailer << /Root 1 0 R >>\n' +
				'2 0 obj << /Type /Pages /Count 2 >> endobj\n4 0 obj << /Type /Page >> endobj\ntrailer << /Root 1 0 R /Prev 9 >>\n%%EOF',
		);
		expect(countPdfPages(updated)).toBe(2);
	});
});

describe('planDocumentPages', () => {
	const plan = (parameters: PageParameters, pageCount: number) => planDocumentPages(readPageSelection(parameters), pageCount);
	const pagesRead = (parameters: PageParameters, pageCount: number) => plan(parameters, pageCount).requests.flatMap(pagesOfRequest);

	it.each<[string, PageParameters, number, unknown[]]>([
		['All Pages, Max Pages 12, of 12 pages: one request', { pdfPages: 'all', maxPages: 12 }, 12, [{ firstPages: 12 }]],
		['All Pages of 40 pages: 1..30 together, then one by one', { pdfPages: 'all', maxPages: 50 }, 40, [
			{ firstPages: 30 },
			...Array.from({ length: 10 }, (_u, index) => ({ page: 31 + index })),
		]],
		['Max Pages 3 of 40 pages: never together (it would bill 30)', { pdfPages: 'all', maxPages: 3 }, 40, [{ page: 1 }, { page: 2 }, { page: 3 }]],
		['Page Range 31-32 of 40', { pdfPages: 'range', pdfPageRange: '31-32', maxPages: 50 }, 40, [{ page: 31 }, { page: 32 }]],
		['Page Range 1-5 of 5', { pdfPages: 'range', pdfPageRange: '1-5', maxPages: 50 }, 5, [{ firstPages: 5 }]],
		['Page Range 1-4,6 of 6: page 5 not asked', { pdfPages: 'range', pdfPageRange: '1-4,6', maxPages: 50 }, 6, [
			{ page: 1 }, { page: 2 }, { page: 3 }, { page: 4 }, { page: 6 },
		]],
		['First Page of a 1-page PDF', { pdfPages: 'first' }, 1, [{ page: 1 }]],
		['Specific Page 7 of 40', { pdfPages: 'specific', pdfPageNumber: 7 }, 40, [{ page: 7 }]],
	])('%s', (_case, parameters, pageCount, requests) => {
		expect(plan(parameters, pageCount).requests).toEqual(requests);
	});

	it.each<[PageParameters, number]>([
		[{ pdfPages: 'all', maxPages: 1000 }, 1000],
		[{ pdfPages: 'all', maxPages: 29 }, 40],
		[{ pdfPages: 'all', maxPages: 30 }, 40],
		[{ pdfPages: 'range', pdfPageRange: '2-', maxPages: 50 }, 35],
		[{ pdfPages: 'range', pdfPageRange: '1-30,32', maxPages: 50 }, 31],
	])('reads each chosen page once and no other: %j of %s pages', (parameters, pageCount) => {
		const chosen = planDocumentPages(readPageSelection(parameters), pageCount);
		const read = pagesRead(parameters, pageCount);
		expect(new Set(read).size).toBe(read.length);
		const expected = Array.from({ length: pageCount }, (_u, index) => index + 1).filter(
			(page) => !chosen.notRecognized.some((span) => page >= span.firstPage && page <= span.lastPage),
		);
		const selection = readPageSelection(parameters);
		const asked = expected.filter((page) => selection.spans.some((span) => page >= span.firstPage && page <= (span.lastPage ?? Infinity)));
		expect(read).toEqual(asked);
		expect(read.length).toBeLessThanOrEqual(selection.maxPages);
	});

	it('lists pages left out by Max Pages', () => {
		expect(plan({ pdfPages: 'all', maxPages: 3 }, 40).notRecognized).toEqual([{ firstPage: 4, lastPage: 40, reason: 'Beyond Max Pages (3)' }]);
	});

	describe('within Max Pages per Item', () => {
		const reason = 'Beyond Max Pages per Item (50)';
		const all40 = readPageSelection({ pdfPages: 'all', maxPages: 40 });
		const single = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_u, index) => ({ page: first + index }));

		it.each<[string, number, number, unknown[], number, unknown[]]>([
			['enough left: 1..30 together, then one by one', 50, 40, [{ firstPages: 30 }, ...single(31, 40)], 40, []],
			['exactly 30 left of 40 pages: 1..30 together, the rest left out', 30, 40, [{ firstPages: 30 }], 30, [[31, 40]]],
			['10 left of 40 pages: one by one (together would bill 30)', 10, 40, single(1, 10), 10, [[11, 40]]],
			['29 left of 30 pages: one by one', 29, 30, single(1, 29), 29, [[30, 30]]],
			['12 left of 12 pages: together', 12, 12, [{ firstPages: 12 }], 12, []],
			['1 left: page 1 alone', 1, 40, [{ page: 1 }], 1, [[2, 40]]],
		])('%s', (_case, pagesLeft, pageCount, requests, pagesRead, leftOut) => {
			const plan = planDocumentPages(all40, pageCount, { pages: pagesLeft, reason });
			expect(plan.requests).toEqual(requests);
			expect([plan.pageCount, plan.requests.flatMap(pagesOfRequest).length]).toEqual([pagesRead, pagesRead]);
			expect(plan.notRecognized.map((span) => [span.firstPage, span.lastPage])).toEqual(leftOut);
			expect(plan.notRecognized.every((span) => span.reason === reason)).toBe(true);
		});

		it('names Max Pages when it is the lower limit', () => {
			const plan = planDocumentPages(readPageSelection({ pdfPages: 'all', maxPages: 3 }), 40, { pages: 50, reason });
			expect([plan.pageCount, plan.notRecognized]).toEqual([3, [{ firstPage: 4, lastPage: 40, reason: 'Beyond Max Pages (3)' }]]);
		});
	});

	it('reads at most 30 pages together', () => {
		expect(PAGES_READ_TOGETHER).toBe(30);
		expect(pagesOfRequest({ firstPages: 3 })).toEqual([1, 2, 3]);
	});
});
