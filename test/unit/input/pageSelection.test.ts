import {
	ItemPageBudget,
	describePages,
	readMaxPagesPerItem,
	parsePageRange,
	planPages,
	readMaxPages,
	readPageSelection,
	type PdfPageSelection,
} from '../../../nodes/TencentInvoiceOcr/input/pageSelection';
import { inputErrorOf } from '../../helpers/input-error-of';

/** Every planned page, in order. */
const plannedPages = (selection: PdfPageSelection, documentPageCount: number) => {
	const plan = planPages(selection, documentPageCount);
	return Array.from({ length: plan.pageCount }, (_unused, index) => plan.pageAt(index));
};

describe('parsePageRange', () => {
	it.each([
		['1', [{ firstPage: 1, lastPage: 1 }]],
		['1-3,5', [{ firstPage: 1, lastPage: 3 }, { firstPage: 5, lastPage: 5 }]],
		[' 5 , 1 - 3 ', [{ firstPage: 1, lastPage: 3 }, { firstPage: 5, lastPage: 5 }]],
		['2-', [{ firstPage: 2, lastPage: undefined }]],
		['1-3,2-6,8', [{ firstPage: 1, lastPage: 6 }, { firstPage: 8, lastPage: 8 }]],
		['1-3,4', [{ firstPage: 1, lastPage: 4 }]],
		['3,3,3', [{ firstPage: 3, lastPage: 3 }]],
		['4-,1,6-9', [{ firstPage: 1, lastPage: 1 }, { firstPage: 4, lastPage: undefined }]],
		[7, [{ firstPage: 7, lastPage: 7 }]],
	])('%j → %j', (pageRange, expected) => {
		expect(parsePageRange(pageRange)).toEqual(expected);
	});

	it.each(['0', '3-1', '1,,2', 'a-b', '1-2-3', '-3', '1.5', '1;2'])('refuses %j', (pageRange) => {
		const error = inputErrorOf(() => parsePageRange(pageRange));
		expect(error.message).toBe(`Page Range "${pageRange}" is not a list of pages such as 1-3,5`);
		expect(error.hint).toMatch(/e\.g\. 1-3,5/);
	});

	it.each(['', '  ', undefined])('refuses an empty range %j', (pageRange) => {
		expect(inputErrorOf(() => parsePageRange(pageRange)).message).toBe('Page Range is empty');
	});
});

describe('readMaxPages and readMaxPagesPerItem', () => {
	it.each<[string, (value: unknown) => number, unknown, number]>([
		['Max Pages', readMaxPages, undefined, 50],
		['Max Pages', readMaxPages, '', 50],
		['Max Pages', readMaxPages, 1, 1],
		['Max Pages', readMaxPages, '20', 20],
		['Max Pages', readMaxPages, 1000, 1000],
		['Max Pages per Item', readMaxPagesPerItem, undefined, 200],
		['Max Pages per Item', readMaxPagesPerItem, '500', 500],
		['Max Pages per Item', readMaxPagesPerItem, 10_000, 10_000],
	])('%s: %j → %d', (_label, read, value, expected) => {
		expect(read(value)).toBe(expected);
	});

	it.each<[(value: unknown) => number, unknown, string]>([
		[readMaxPages, 0, 'Max Pages must be a whole number from 1 up, not "0"'],
		[readMaxPages, 2.5, 'Max Pages must be a whole number from 1 up, not "2.5"'],
		[readMaxPages, 'many', 'Max Pages must be a whole number from 1 up, not "many"'],
		[readMaxPages, 1001, 'Max Pages must be at most 1000, not 1001'],
		[readMaxPagesPerItem, 0, 'Max Pages per Item must be a whole number from 1 up, not "0"'],
		[readMaxPagesPerItem, 10_001, 'Max Pages per Item must be at most 10000, not 10001'],
	])('refuses case %#', (read, value, message) => {
		expect(inputErrorOf(() => read(value)).message).toBe(message);
	});
});

describe('readPageSelection', () => {
	it.each([
		[{ pdfPages: 'first', maxPages: 900 }, { spans: [{ firstPage: 1, lastPage: 1 }], maxPages: 1 }],
		[{ pdfPages: 'specific', pdfPageNumber: '2' }, { spans: [{ firstPage: 2, lastPage: 2 }], maxPages: 1 }],
		[{ pdfPages: 'all' }, { spans: [{ firstPage: 1 }], maxPages: 50 }],
		[{ pdfPages: 'all', maxPages: 3 }, { spans: [{ firstPage: 1 }], maxPages: 3 }],
		[
			{ pdfPages: 'range', pdfPageRange: '5,1-2', maxPages: 10 },
			{
				spans: [
					{ firstPage: 1, lastPage: 2 },
					{ firstPage: 5, lastPage: 5 },
				],
				maxPages: 10,
			},
		],
	])('%j → %j', (parameters, expected) => {
		expect(readPageSelection(parameters)).toEqual(expected);
	});

	it.each([0, -1, 1.5, 'two', '', null, Number.NaN])('refuses page number %j', (pdfPageNumber) => {
		expect(inputErrorOf(() => readPageSelection({ pdfPages: 'specific', pdfPageNumber })).message).toMatch(
			/^Page Number must be a whole number from 1 up/,
		);
	});

	it('refuses an unknown mode', () => {
		expect(inputErrorOf(() => readPageSelection({ pdfPages: 'odd' })).message).toBe('PDF Pages "odd" is not an option');
	});
});

describe('planPages', () => {
	const all = (maxPages: number): PdfPageSelection => ({ spans: [{ firstPage: 1 }], maxPages });
	const range = (text: string, maxPages = 50): PdfPageSelection => ({ spans: parsePageRange(text), maxPages });

	it.each<[string, PdfPageSelection, number, number[], Array<[number, number, string]>]>([
		['a 3-page PDF, all pages', all(50), 3, [1, 2, 3], []],
		['a 1-page PDF', all(50), 1, [1], []],
		['1,000 pages at Max Pages 50', all(50), 1000, Array.from({ length: 50 }, (_u, i) => i + 1), [[51, 1000, 'Beyond Max Pages (50)']]],
		['a claim of 1,000,000 pages at Max Pages 3', all(3), 1_000_000, [1, 2, 3], [[4, 1_000_000, 'Beyond Max Pages (3)']]],
		['1-3,5 of 10 pages', range('1-3,5'), 10, [1, 2, 3, 5], []],
		['1-3,5 of 4 pages', range('1-3,5'), 4, [1, 2, 3], [[5, 5, 'Not in the PDF, which has 4 pages']]],
		['2-4,9-12 of 10 pages', range('2-4,9-12'), 10, [2, 3, 4, 9, 10], [[11, 12, 'Not in the PDF, which has 10 pages']]],
		['2- of 5 pages', range('2-'), 5, [2, 3, 4, 5], []],
		['1-3,5-9 at Max Pages 4', range('1-3,5-9', 4), 20, [1, 2, 3, 5], [[6, 9, 'Beyond Max Pages (4)']]],
		[
			'1-2,4,6-7 at Max Pages 2',
			range('1-2,4,6-7', 2),
			20,
			[1, 2],
			[
				[4, 4, 'Beyond Max Pages (2)'],
				[6, 7, 'Beyond Max Pages (2)'],
			],
		],
		['5-8 of a 1-page PDF', range('3,5-8'), 1, [], [[3, 3, 'Not in the PDF, which has 1 page'], [5, 8, 'Not in the PDF, which has 1 page']]],
	])('%s', (_label, selection, documentPageCount, expectedPages, expectedLeftOut) => {
		const plan = planPages(selection, documentPageCount);
		expect(plannedPages(selection, documentPageCount)).toEqual(expectedPages);
		expect(plan.notRecognized.map(({ firstPage, lastPage, reason }) => [firstPage, lastPage, reason])).toEqual(
			expectedLeftOut,
		);
	});

	it('has no page past the planned count', () => {
		expect(() => planPages(all(2), 10).pageAt(2)).toThrow(RangeError);
	});
});

describe('planPages within Max Pages per Item', () => {
	const all = (maxPages: number): PdfPageSelection => ({ spans: [{ firstPage: 1 }], maxPages });
	const itemLeft = (pages: number) => ({ pages, reason: 'Beyond Max Pages per Item (200)' });

	it.each<[string, PdfPageSelection, number, number, number, Array<[number, number, string]>]>([
		['the item limit lower than Max Pages', all(1000), 1000, 200, 200, [[201, 1000, 'Beyond Max Pages per Item (200)']]],
		['Max Pages lower than what the item has left', all(50), 1000, 200, 50, [[51, 1000, 'Beyond Max Pages (50)']]],
		['both equal: Max Pages named', all(50), 1000, 50, 50, [[51, 1000, 'Beyond Max Pages (50)']]],
		['one page left: the first, already recognized', all(1000), 30, 1, 1, [[2, 30, 'Beyond Max Pages per Item (200)']]],
		['a short document within both', all(1000), 3, 200, 3, []],
	])('%s', (_label, selection, documentPageCount, pagesLeft, expectedCount, expectedLeftOut) => {
		const plan = planPages(selection, documentPageCount, itemLeft(pagesLeft));
		expect(plan.pageCount).toBe(expectedCount);
		expect(plan.notRecognized.map(({ firstPage, lastPage, reason }) => [firstPage, lastPage, reason])).toEqual(expectedLeftOut);
	});

	it('gives 20 files of 1,000 pages at most 200 pages in all, in order', () => {
		const budget = new ItemPageBudget(200);
		const planned = Array.from({ length: 20 }, () => {
			if (budget.remaining === 0) return 0;
			const plan = planPages(all(1000), 1000, { pages: budget.remaining, reason: budget.reason });
			budget.take(plan.pageCount);
			return plan.pageCount;
		});
		expect(planned).toEqual([200, ...Array(19).fill(0)]);
		expect(budget.remaining).toBe(0);
	});

	it('refuses to take more than is left', () => {
		const budget = new ItemPageBudget(2);
		budget.take(2);
		expect(() => budget.take(1)).toThrow(RangeError);
	});
});

describe('describePages', () => {
	it.each([
		[{ firstPage: 2, lastPage: 2 }, 'page 2'],
		[{ firstPage: 51, lastPage: 1000 }, 'pages 51–1000'],
	])('%j → %s', (span, expected) => {
		expect(describePages(span)).toBe(expected);
	});
});
