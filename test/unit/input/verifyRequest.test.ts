/** The values to verify → the checked query (verifiedWith) → a VatInvoiceVerifyNew request, and what is refused before any (billed) call. */
import { InputError } from '../../../nodes/TencentInvoiceOcr/errors';
import {
	MAX_VERIFY_VALUE_LENGTH,
	chinaDateOf,
	readVerifyQuery,
	verificationAmounts,
	type VerifyInput,
} from '../../../nodes/TencentInvoiceOcr/actions/verifyVatInvoice/verifyQuery';
import { verifyRequestOf } from '../../../nodes/TencentInvoiceOcr/tencent/transport/verifyRequest';
import { LINEAR_CPU_BUDGET_MS, measureCpu, refusalOf } from '../../helpers/cpu-budget';

/** The whole way from the node's inputs to the request Tencent is sent. */
const buildVerifyRequest = (input: VerifyInput, nowMs: number) => verifyRequestOf(readVerifyQuery(input, nowMs));

/** 2026-03-10 20:30 UTC is already 2026-03-11 in China. */
const NOW = Date.UTC(2026, 2, 10, 20, 30);

describe('chinaDateOf: the tax authority’s calendar day (UTC+8)', () => {
	it.each<[string, number, string]>([
		['UTC evening is the next day in China', NOW, '2026-03-11'],
		['15:59:59 UTC is still the same day', Date.UTC(2026, 2, 10, 15, 59, 59), '2026-03-10'],
		['16:00 UTC starts the next day', Date.UTC(2026, 2, 10, 16, 0, 0), '2026-03-11'],
		['new year in China first', Date.UTC(2025, 11, 31, 16, 0, 0), '2026-01-01'],
	])('%s', (_label, nowMs, date) => {
		expect(chinaDateOf(nowMs)).toBe(date);
	});
});

describe('verificationAmounts: pre-tax for classic invoices, tax-inclusive for fully digital ones', () => {
	it.each<[string, string | null, string, unknown, unknown, { totalBeforeTax: number | null; totalWithTax: number | null }]>([
		['a classic special invoice', '4403201130', '02468135', 1000, 1130, { totalBeforeTax: 1000, totalWithTax: null }],
		['a classic ordinary invoice', '012001100311', '63591128', 87.28, 89.9, { totalBeforeTax: 87.28, totalWithTax: null }],
		['a fully digital invoice', null, '24442000000012345678', 11984.12, 12805, { totalBeforeTax: null, totalWithTax: 12805 }],
		['a red-letter invoice', '4403201130', '02468135', -1000, -1130, { totalBeforeTax: -1000, totalWithTax: null }],
		['amounts given as text', '4403201130', '02468135', '¥1,000.50', '', { totalBeforeTax: 1000.5, totalWithTax: null }],
		['no amount at all', '4403201130', '02468135', '', null, { totalBeforeTax: null, totalWithTax: null }],
		['an unreadable amount', null, '24442000000012345678', 1, '***', { totalBeforeTax: null, totalWithTax: null }],
	])('%s', (_label, invoiceCode, invoiceNumber, amountBeforeTax, totalWithTax, expected) => {
		expect(verificationAmounts(invoiceCode, invoiceNumber, amountBeforeTax, totalWithTax)).toEqual(expected);
	});
});

const fromRecognition: VerifyInput = {
	invoiceNumber: '63591128',
	issueDate: '2026-03-01',
	invoiceCode: '012001100311',
	checkCode: '04656054380312409795',
	amountBeforeTax: 87.28,
	totalWithTax: 89.9,
	allowTodaysInvoice: false,
};

describe('buildVerifyRequest', () => {
	it('checks the Recognize output into the query verifiedWith shows, in camelCase keys', () => {
		expect(readVerifyQuery(fromRecognition, NOW)).toEqual({
			invoiceNumber: '63591128',
			invoiceCode: '012001100311',
			issueDate: '2026-03-01',
			checkCodeLastSix: '409795',
			totalBeforeTax: 87.28,
			totalWithTax: null,
			allowTodaysInvoices: false,
		});
	});

	it('takes the Recognize output as it is', () => {
		expect(buildVerifyRequest(fromRecognition, NOW)).toEqual({
			InvoiceNo: '63591128',
			InvoiceDate: '2026-03-01',
			InvoiceCode: '012001100311',
			CheckCode: '409795',
			Amount: '87.28',
		});
	});

	it('verifies a fully digital invoice by its number and total, with no code', () => {
		expect(
			buildVerifyRequest(
				{
					...fromRecognition,
					invoiceNumber: '24442000000012345678',
					invoiceCode: null,
					checkCode: null,
					amountBeforeTax: 11984.12,
					totalWithTax: 12805,
					allowTodaysInvoice: true,
				},
				NOW,
			),
		).toEqual({ InvoiceNo: '24442000000012345678', InvoiceDate: '2026-03-01', Amount: '12805.00', EnableTodayInvoice: true });
	});

	it('accepts values typed as printed', () => {
		expect(
			buildVerifyRequest({ ...fromRecognition, invoiceNumber: 'No 6359 1128', issueDate: '2026年3月1日', invoiceCode: ' 0120 0110 0311 ' }, NOW),
		).toMatchObject({ InvoiceNo: '63591128', InvoiceDate: '2026-03-01', InvoiceCode: '012001100311' });
	});

	it.each<[string, Partial<VerifyInput>, string]>([
		['yesterday in China', { issueDate: '2026-03-10' }, '2026-03-10'],
		['exactly five years ago', { issueDate: '2021-03-11' }, '2021-03-11'],
		["today, with Allow Today's Invoices", { issueDate: '2026-03-11', allowTodaysInvoice: true }, '2026-03-11'],
		['a 10-digit code', { invoiceCode: '4403201130' }, '2026-03-01'],
	])('accepts %s', (_label, change, date) => {
		expect(buildVerifyRequest({ ...fromRecognition, ...change }, NOW).InvoiceDate).toBe(date);
	});

	it.each<[string, Partial<VerifyInput>, RegExp]>([
		['no number', { invoiceNumber: '' }, /^Invoice Number is empty$/],
		['a number of 9 digits', { invoiceNumber: '123456789' }, /has neither 8 digits .* nor 20/],
		['letters in the number', { invoiceNumber: '6359112X' }, /has neither 8 digits/],
		['no date', { issueDate: null }, /^Issue Date "" is not a date$/],
		['an impossible date', { issueDate: '2026-02-30' }, /^Issue Date "2026-02-30" is not a date$/],
		['an 8-digit number without a code', { invoiceCode: '' }, /^Invoice Number 63591128 has 8 digits but Invoice Code is empty/],
		['an 8-digit number with a code of 11 digits', { invoiceCode: '01200110031' }, /^Invoice Code "01200110031" has neither 10 nor 12 digits$/],
		['a code with letters', { invoiceCode: '01200110031X' }, /^Invoice Code "01200110031X" has neither 10 nor 12 digits$/],
		['a date in the future (tomorrow in China)', { issueDate: '2026-03-12' }, /^Issue Date 2026-03-12 is in the future \(today is 2026-03-11 in China\)$/],
		['a date more than five years ago', { issueDate: '2021-03-10' }, /^Issue Date 2021-03-10 is more than five years ago: .* from 2021-03-11 on$/],
		['the documented sample’s date', { issueDate: '2019-06-16' }, /^Issue Date 2019-06-16 is more than five years ago/],
		["today in China, without Allow Today's Invoices", { issueDate: '2026-03-11' }, /^Issue Date 2026-03-11 is today in China/],
	])('refuses %s', (_label, change, message) => {
		const build = () => buildVerifyRequest({ ...fromRecognition, ...change }, NOW);
		expect(build).toThrow(InputError);
		expect(build).toThrow(message);
	});

	it("points to Allow Today's Invoices when refusing today's date", () => {
		expect.assertions(1);
		try {
			buildVerifyRequest({ ...fromRecognition, issueDate: '2026-03-11' }, NOW);
		} catch (error) {
			expect((error as InputError).hint).toMatch(/Allow Today's Invoices/);
		}
	});
});

describe('buildVerifyRequest on hostile text', () => {
	it.each<[keyof VerifyInput, string, string]>([
		['invoiceNumber', 'Invoice Number', '1'.repeat(1024 * 1024)],
		['issueDate', 'Issue Date', `2026年${' '.repeat(1024 * 1024)}x`],
		['invoiceCode', 'Invoice Code', 'No'.repeat(1024 * 1024 / 2)],
		['checkCode', 'Check Code', '\u3000'.repeat(1024 * 1024)],
		['amountBeforeTax', 'Amount Before Tax', `${'1,000'.repeat(1024 * 1024 / 5)}x`],
		['totalWithTax', 'Total Including Tax', `${'9'.repeat(1024 * 1024)}%`],
	])('refuses 1 MB of %s by its length, naming the field, within the CPU budget', (key, label, value) => {
		const measured = measureCpu(() => buildVerifyRequest({ ...fromRecognition, [key]: value }, NOW));
		expect(refusalOf(measured)).toBe(`${label} is ${value.length.toLocaleString('en-US')} characters long; it may have at most ${MAX_VERIFY_VALUE_LENGTH}`);
		expect(measured.cpuMs).toBeLessThan(LINEAR_CPU_BUDGET_MS);
	});
});
