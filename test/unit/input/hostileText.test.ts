/**
 * User text that an expression may fill from mail or webhook data: every parser of it is linear and
 * bounded. Each case checks the result and the CPU time spent (process.cpuUsage, not wall time)
 * against a budget far above what linear work needs: the pattern used before took 4.8 s for
 * "1-" + 40,000 spaces + "x", and about 50 minutes for 1 MB.
 */
import {
	MAX_PAGE_NUMBER,
	MAX_PAGE_RANGE_LENGTH,
	parsePageRange,
	readPageSelection,
	readPageSpan,
	type PageSpan,
} from '../../../nodes/TencentInvoiceOcr/input/pageSelection';
import { decodeBase64Content } from '../../../nodes/TencentInvoiceOcr/input/invoiceSource';
import {
	normalizeInvoiceNumber,
	parseAmount,
	parseChineseAmount,
	parseTaxRate,
	toIsoDate,
} from '../../../nodes/TencentInvoiceOcr/invoice/normalize';
import { LINEAR_CPU_BUDGET_MS, measureCpu, refusalOf, valueOf } from '../../helpers/cpu-budget';
import { seededRandom } from '../../helpers/virtual-clock';

const MEGABYTE = 1024 * 1024;

describe('Page Range', () => {
	const spaces = (count: number) => ' '.repeat(count);

	it.each<[string, string, RegExp]>([
		['"1-" + 40,000 spaces + "x"', `1-${spaces(40_000)}x`, /^Page Range is 40,003 characters long; it may have at most 10,000$/],
		['1 MB of "1-" + spaces + "x"', `1-${spaces(MEGABYTE)}x`, /^Page Range is 1,048,579 characters long/],
		['1 MB of "1," repeated', '1,'.repeat(MEGABYTE / 2), /^Page Range is 1,048,576 characters long/],
		['1 MB of digits', '7'.repeat(MEGABYTE), /^Page Range is 1,048,576 characters long/],
	])('refuses %s by its length, within the CPU budget', (_label, pageRange, message) => {
		const measured = measureCpu(() => parsePageRange(pageRange));
		expect(refusalOf(measured)).toMatch(message);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});

	it.each<[string, string, string]>([
		['spaces between a dash and a letter', `1-${spaces(MAX_PAGE_RANGE_LENGTH - 3)}x`, 'is not a list of pages'],
		['spaces between two dashes', `1-${spaces(MAX_PAGE_RANGE_LENGTH - 4)}-2`, 'is not a list of pages'],
		['spaces between two digits', `1${spaces(MAX_PAGE_RANGE_LENGTH - 2)}2`, 'is not a list of pages'],
		['a page number of 9,998 digits', `1-${'9'.repeat(MAX_PAGE_RANGE_LENGTH - 2)}`, 'page numbers go up to'],
	])('refuses %s at the length limit, within the CPU budget', (_label, pageRange, message) => {
		expect(pageRange.length).toBeLessThanOrEqual(MAX_PAGE_RANGE_LENGTH);
		const measured = measureCpu(() => parsePageRange(pageRange));
		expect(refusalOf(measured)).toContain(message);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});

	it('reads a range padded with spaces up to the length limit, within the CPU budget', () => {
		const padding = spaces((MAX_PAGE_RANGE_LENGTH - 4) / 2);
		const measured = measureCpu(() => parsePageRange(`${padding}2-${padding}5`));
		expect(valueOf(measured)).toEqual([{ firstPage: 2, lastPage: 5 }]);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});

	it.each<[string, string, PageSpan | undefined]>([
		['"1-" + 1 MB of spaces + "x"', `1-${spaces(MEGABYTE)}x`, undefined],
		['1 MB of spaces around "3 - 9"', `${spaces(MEGABYTE / 2)}3 - 9${spaces(MEGABYTE / 2)}`, { firstPage: 3, lastPage: 9 }],
		['"4-" + 1 MB of spaces', `4-${spaces(MEGABYTE)}`, { firstPage: 4, lastPage: undefined }],
		['1 MB of dashes', '-'.repeat(MEGABYTE), undefined],
	])('reads one part of 1 MB, %s, within the CPU budget (no length limit applies here)', (_label, part, expected) => {
		const measured = measureCpu(() => readPageSpan(part));
		expect(valueOf(measured)).toEqual(expected);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});

	it.each([
		['a 309-digit page', `1${'0'.repeat(308)}`],
		['2^53', '9007199254740992'],
		['a range ending at a 400-digit page', `2-${'9'.repeat(400)}`],
	])('refuses %s: no page number above the API range becomes Infinity (sent as null) or a rounded number', (_label, pageRange) => {
		expect(refusalOf(measureCpu(() => parsePageRange(pageRange)))).toContain(`page numbers go up to ${MAX_PAGE_NUMBER}`);
	});

	it('takes the highest exact page number', () => {
		expect(parsePageRange(`${MAX_PAGE_NUMBER}`)).toEqual([{ firstPage: MAX_PAGE_NUMBER, lastPage: MAX_PAGE_NUMBER }]);
	});

	it('quotes a refused range shortly, never whole', () => {
		const message = refusalOf(measureCpu(() => parsePageRange(`1-3,${'x'.repeat(5000)}`)));
		expect(message).toBe(`Page Range "1-3,${'x'.repeat(36)}…" (5,004 characters) is not a list of pages such as 1-3,5`);
	});

	/**
	 * One part of Page Range as the node documents it, written as the pattern it used before: exact
	 * on short texts, where its backtracking costs nothing.
	 */
	function documentedPart(part: string): PageSpan | undefined {
		const match = /^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$/.exec(part);
		if (!match) return undefined;
		const firstPage = Number(match[1]);
		const lastPage = match[3] ? Number(match[3]) : match[2] ? undefined : firstPage;
		return firstPage < 1 || (lastPage !== undefined && lastPage < firstPage) ? undefined : { firstPage, lastPage };
	}

	it('reads 20,000 random short parts of digits, dashes, spaces and letters as the documented grammar does', () => {
		const random = seededRandom(18);
		const alphabet = ['1', '2', '9', '0', '-', '-', ' ', ' ', '\t', '\u3000', 'x'];
		let accepted = 0;
		const disagreements: Array<{ part: string; span: PageSpan | undefined; documented: PageSpan | undefined }> = [];
		for (let trial = 0; trial < 20_000; trial++) {
			const length = 1 + Math.floor(random() * 10);
			const part = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
			const expected = documentedPart(part);
			if (expected) accepted++;
			const span = readPageSpan(part);
			if (JSON.stringify(span) !== JSON.stringify(expected)) disagreements.push({ part, span, documented: expected });
		}
		expect(disagreements).toEqual([]);
		// The sample holds both outcomes in numbers, so the comparison means something.
		expect(accepted).toBeGreaterThan(1000);
		expect(accepted).toBeLessThan(19_000);
	});
});

describe('Page Number', () => {
	it.each([
		['1 MB of digits', '9'.repeat(MEGABYTE), /^Page Number is 1,048,576 characters long/],
		['a 309-digit number', `1${'0'.repeat(308)}`, /^Page Number is 309 characters long; it may have at most 100$/],
		['a 60-digit number', `1${'0'.repeat(59)}`, /^Page Number must be at most 9007199254740991, not "1000000000000000000000000000000000000000…" \(60 characters\)$/],
		['a number past 2^53', 2 ** 60, /^Page Number must be at most 9007199254740991, not "1152921504606847000"$/],
	])('refuses %s', (_label, pdfPageNumber, message) => {
		const measured = measureCpu(() => readPageSelection({ pdfPages: 'specific', pdfPageNumber }));
		expect(refusalOf(measured)).toMatch(message);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});
});

describe('Base64 Content', () => {
	it.each<[string, string, string]>([
		['a data URL prefix of 1 MB without its comma', `data:${';base64'.repeat(MEGABYTE / 7)}`, 'Base64 Content is not valid base64'],
		['1 MB of line breaks and spaces', `${' \n'.repeat(MEGABYTE / 2)}`, 'Base64 Content is empty'],
		['1 MB of "=" padding', '='.repeat(MEGABYTE), 'Base64 Content is not valid base64'],
	])('refuses %s within the CPU budget', (_label, base64Content, message) => {
		const measured = measureCpu(() => decodeBase64Content(base64Content));
		expect(refusalOf(measured)).toBe(message);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});
});

/**
 * The normalizers read Tencent's answers (and, through Verify, user text after its length check):
 * linear on a megabyte of the inputs that make backtracking patterns slow.
 */
describe('normalizers on a megabyte', () => {
	const digits = '1'.repeat(MEGABYTE);
	it.each<[string, () => unknown, unknown]>([
		['parseAmount: digits then a letter', () => parseAmount(`${digits}x`), null],
		['parseAmount: thousands groups then a letter', () => parseAmount(`${'1,000'.repeat(MEGABYTE / 5)}.x`), null],
		['parseAmount: digits and spaces', () => parseAmount(`1${' 1'.repeat(MEGABYTE / 2)}.`), null],
		['parseTaxRate: digits without %', () => parseTaxRate(`${digits}.${digits}`), null],
		['toIsoDate: spaces inside a date', () => toIsoDate(`2024年${' '.repeat(MEGABYTE)}3月5日x`), null],
		['parseChineseAmount: repeated digits', () => parseChineseAmount('壹'.repeat(MEGABYTE)), null],
		['parseChineseAmount: 圆 then 角 repeated', () => parseChineseAmount(`壹圆${'玖角'.repeat(MEGABYTE / 2)}`), null],
		['normalizeInvoiceNumber: "No" repeated', () => normalizeInvoiceNumber('No '.repeat(350_000))?.length, 349_999 * 2],
	])('%s', (_label, action, expected) => {
		const measured = measureCpu(action);
		expect(valueOf(measured)).toEqual(expected);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});
});
