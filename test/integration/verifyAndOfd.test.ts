/**
 * Recognize → Verify with no mapping, and OFD files, in n8n-core's engine against the emulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode, INodeParameters } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js';
import {
	DEMO_CREDENTIALS,
	RECENT_SAMPLE_AGE_DAYS,
	VERIFY_ERRORS,
	loadRecentSampleRecognition,
	sampleVerifyAnswer,
	startEmulator,
	verifyError,
	type RunningEmulator,
	type VerifyRequest,
} from '../emulator';
import { runWorkflow, type FixtureItem } from '../harness/run-workflow';
import { OCR_NODE_TYPE } from '../helpers/package-names';
import { runOcrNode } from './run-ocr-node';

const fixturesFolder = join(__dirname, '..', 'fixtures');
const fixture = (name: string) => readFileSync(join(fixturesFolder, name));
const readResponse = (name: string): object => JSON.parse(readFileSync(join(fixturesFolder, 'responses', `${name}.json`), 'utf8'));
const fileItem = (fileName: string, mimeType: string): FixtureItem => ({
	binary: { data: { data: fixture(fileName), fileName, mimeType } },
});

/** Invoices the tax authority marks as cancelled (IsAbandoned) in these tests, by number. */
const ABANDONED_MARKS: Record<string, string> = {
	'11110001': 'H',
	'11110002': 'HF',
	'11110003': 'HP',
	'11110004': 'X',
	'11110005': 'Y',
};

/** The verdict the tax authority gives each invoice number in these tests. */
function taxAuthority(request: VerifyRequest): object {
	const abandonedMark = ABANDONED_MARKS[request.invoiceNo];
	if (abandonedMark) return sampleVerifyAnswer(request, { IsAbandoned: abandonedMark, RedLetterInvoiceMark: false });
	if (request.invoiceNo === '02468135') return sampleVerifyAnswer(request, { RedLetterInvoiceMark: true });
	if (request.invoiceNo === '33445566') throw verifyError(VERIFY_ERRORS.notFound);
	if (request.invoiceNo === '87654321') throw verifyError(VERIFY_ERRORS.todayNotSupported);
	return sampleVerifyAnswer(request);
}

const pageResponses = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** A date `days` before today in China (UTC+8), as the Verify inputs take it. */
const daysAgo = (days: number) => new Date(Date.now() + 8 * 60 * 60 * 1000 - days * DAY_MS).toISOString().slice(0, 10);
/** A classic invoice's Verify inputs, as the Recognize output names them. */
const classicInvoice = (invoiceNumber: string) => ({
	json: { invoiceNumber, invoiceCode: '044031900111', issueDate: daysAgo(10), checkCode: '12345678901234567890', totalBeforeTax: 100, totalWithTax: 113 },
});
let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({
		rateLimitPerSecond: 0,
		recognize: ({ pdfPageNumber }) => readResponse(pageResponses[pdfPageNumber - 1]),
		verify: taxAuthority,
	});
});

afterAll(async () => await emulator.stop());

beforeEach(() => emulator.resetStats());

const node = (name: string, operation: string, x: number): INode => ({
	id: name,
	name,
	type: OCR_NODE_TYPE,
	typeVersion: 1,
	position: [x, 0],
	parameters: { operation, ...(operation === 'recognizeVatInvoice' ? { pdfPages: 'all' } : {}) },
	credentials: { tencentCloudApi: { id: '1', name: 'Tencent (emulator)' } },
});

describe('Recognize → Verify, with no mapping in between', () => {
	it('verifies each recognised invoice once, with the amount rule, and gives each a status', async () => {
		const result = await runWorkflow({
			nodeTypes: { [OCR_NODE_TYPE]: new TencentInvoiceOcr() },
			credentialTypes: [new TencentCloudApi()],
			credentials: { tencentCloudApi: { ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url } },
			workflow: {
				nodes: [node('Recognize', 'recognizeVatInvoice', 200), node('Verify', 'verifyVatInvoice', 400)],
				connections: { Recognize: { main: [[{ node: 'Verify', type: 'main', index: 0 }]] } },
			},
			inputItems: [fileItem('invoice-3-pages.pdf', 'application/pdf')],
		});

		expect(result.error).toBeUndefined();
		const verdicts = result.itemsOf('Verify').filter((item) => item.json.recordType === 'invoice');
		expect(verdicts.map((item) => [item.json.status, (item.json.verifiedWith as { invoiceNumber: string }).invoiceNumber])).toEqual([
			['valid', '24442000000012345678'],
			['redLettered', '02468135'],
			['notFound', '33445566'],
		]);
		// Line items are passed over: three invoices, three verifications.
		// Items are verified several at a time, so the calls may arrive in any order: compared by invoice number.
		const verifications = emulator.stats().requests.filter((request) => request.action === 'VatInvoiceVerifyNew');
		const byInvoiceNo = (params: Record<string, unknown>) => String(params.InvoiceNo);
		expect(verifications.map((request) => request.params).sort((a, b) => byInvoiceNo(a).localeCompare(byInvoiceNo(b)))).toEqual([
			{ InvoiceNo: '02468135', InvoiceDate: '2023-12-01', InvoiceCode: '4403201130', Amount: '-1000.00' },
			{ InvoiceNo: '24442000000012345678', InvoiceDate: '2024-03-05', Amount: '12805.00' },
			{ InvoiceNo: '33445566', InvoiceDate: '2024-01-15', InvoiceCode: '044031900111', CheckCode: '567890', Amount: '310.00' },
		]);
		expect(verdicts[0].json).toMatchObject({
			statusMessage: 'The tax authority confirms the invoice',
			invoiceNumber: '24442000000012345678',
			issueDate: '2024-03-05',
			totalWithTax: 498.9,
			requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		// Tencent's answer only under Output → Raw Response.
		expect(verdicts[0].json).not.toHaveProperty('raw');
		expect(verdicts[0].json).toMatchObject({ sellerName: '广州市天河区员美丽美食店', statusCode: null });
		// Each verdict is keyed as Recognize keyed the invoice it verified.
		const recognized = result.itemsOf('Recognize').filter((item) => item.json.recordType === 'invoice');
		expect(verdicts.map((item) => item.json.dedupeKey)).toEqual(recognized.map((item) => item.json.dedupeKey));
		expect(verdicts[2].json).toMatchObject({
			recordType: 'invoice',
			statusCode: 'ResourceNotFound.NoInvoice',
			needsReview: true,
			statusMessage: expect.stringMatching(/does not exist, or a value was misread/),
			verifiedWith: {
				invoiceNumber: '33445566',
				invoiceCode: '044031900111',
				issueDate: '2024-01-15',
				checkCodeLastSix: '567890',
				totalBeforeTax: 310,
				totalWithTax: null,
				allowTodaysInvoices: false,
			},
		});
		// errorCode is the error items' key: a verdict never has it, so routing on it never takes a verdict for a failure.
		for (const verdict of verdicts) expect(verdict.json).not.toHaveProperty('errorCode');
		expect(verdicts.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 4 }, { item: 6 }]);
	});

	it('tells an invoice not yet in the records from one that does not exist', async () => {
		const { items } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [{ json: { invoiceNumber: '87654321', invoiceCode: '044002000311', issueDate: daysAgo(1), checkCode: '123456', totalBeforeTax: 97.09, totalWithTax: 100 } }],
			parameters: { operation: 'verifyVatInvoice' },
		});

		expect(items[0].json).toMatchObject({ status: 'notYetAvailable', statusCode: 'ResourceNotFound.NotSupportCurrentInvoiceQuery' });
		expect(items[0].json).not.toHaveProperty('errorCode');
		expect(items[0].json.statusMessage).toMatch(/issued today/);
	});

	it('stops with a clear error for input that cannot be verified, before any call', async () => {
		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [{ json: { invoiceNumber: '123', issueDate: '2024-03-05' } }],
			parameters: { operation: 'verifyVatInvoice' },
		});

		expect(error?.message).toBe('Invoice Number "123" has neither 8 digits (classic invoices) nor 20 (fully digital ones) [item 0]');
		expect(emulator.stats().total).toBe(0);
	});
});

describe('Verify: invoices cancelled by a red invoice are never valid', () => {
	it('H and HF give reversed, HP partiallyReversed, Y void; each says what it means', async () => {
		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: ['11110001', '11110002', '11110003', '11110005'].map(classicInvoice),
			parameters: { operation: 'verifyVatInvoice', output: 'invoices' },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.invoiceNumber, item.json.status])).toEqual([
			['11110001', 'reversed'],
			['11110002', 'reversed'],
			['11110003', 'partiallyReversed'],
			['11110005', 'void'],
		]);
		expect(items[0].json.statusMessage).toMatch(/cancelled this invoice in full/);
		expect(items[2].json.statusMessage).toMatch(/cancelled part of this invoice/);
		expect(emulator.stats().byAction).toEqual({ VatInvoiceVerifyNew: 4 });
	});

	it("gives Tencent's answer as it came under Output → Raw Response, a verdict answered as a code included", async () => {
		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [classicInvoice('11110001'), { json: { invoiceNumber: '87654321', invoiceCode: '044002000311', issueDate: daysAgo(1), checkCode: '123456', totalBeforeTax: 97.09 } }],
			parameters: { operation: 'verifyVatInvoice', output: 'raw' },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ Invoice: { IsAbandoned: 'H', RedLetterInvoiceMark: false } });
		expect(items[0].json).not.toHaveProperty('status');
		expect(items[1].json).toEqual({
			RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			Error: { Code: 'ResourceNotFound.NotSupportCurrentInvoiceQuery', Message: expect.any(String) },
		});
	});

	it('an IsAbandoned value the API does not document gives an error item naming it, under Continue On Fail', async () => {
		const { items } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [classicInvoice('11110004'), classicInvoice('11110003')],
			parameters: { operation: 'verifyVatInvoice' },
			continueOnFail: true,
		});

		expect(items[0].json).toMatchObject({
			error: 'The tax authority answered IsAbandoned "X", which is none of Y, N, H, HP, HF: the invoice is not confirmed as valid [item 0]',
			hint: expect.stringMatching(/^Do not pay the invoice/),
		});
		expect(items[0].json).not.toHaveProperty('status');
		// An error item always has errorCode (null here: the answer came, the verdict is unknown); a verdict never has it.
		expect(items[0].json).toHaveProperty('errorCode', null);
		expect(items[1].json.status).toBe('partiallyReversed');
		expect(items[1].json).not.toHaveProperty('errorCode');
	});
});

describe('Verify: what the tax authority cannot verify is refused before any call', () => {
	it.each<[string, object, RegExp]>([
		['an 8-digit number without a code', { invoiceCode: null }, /^Invoice Number 33445566 has 8 digits but Invoice Code is empty/],
		['a date in the future', { issueDate: daysAgo(-2) }, /is in the future/],
		['a date more than five years ago', { issueDate: daysAgo(6 * 366) }, /is more than five years ago/],
		["today's date without Allow Today's Invoices", { issueDate: daysAgo(0) }, /is today in China/],
	])('%s', async (_label, change, message) => {
		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [{ json: { ...classicInvoice('33445566').json, ...change } }],
			parameters: { operation: 'verifyVatInvoice' },
		});

		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(emulator.stats().total).toBe(0);
	});

	it("today's date goes out with Allow Today's Invoices on", async () => {
		const { items } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [{ json: { ...classicInvoice('33445566').json, issueDate: daysAgo(0) } }],
			parameters: { operation: 'verifyVatInvoice', options: { allowTodaysInvoices: true } },
		});

		expect(items[0].json.status).toBe('notFound');
		expect(emulator.stats().requests[0].params).toMatchObject({ InvoiceDate: daysAgo(0), EnableTodayInvoice: true });
	});
});

describe('OFD invoices', () => {
	it('are read through VerifyOfdVatInvoiceOCR into the same invoice and line items', async () => {
		const { items, error } = await runOcrNode({ endpoint: emulator.url, inputItems: [fileItem('invoice.ofd', 'application/ofd')] });

		expect(error).toBeUndefined();
		expect(emulator.stats().byAction).toEqual({ VerifyOfdVatInvoiceOCR: 1 });
		expect(items[0].json).toMatchObject({
			recordType: 'invoice',
			issueDate: '2020-06-18',
			totalBeforeTax: -300,
			totalTax: -18,
			totalWithTax: -318,
			sourceFileName: 'invoice.ofd',
		});
		expect(items.slice(1).every((item) => item.json.recordType === 'lineItem')).toBe(true);
		expect(items[1].json).toMatchObject({ itemName: '*餐饮服务*餐费', amountBeforeTax: -100, taxRate: 0.06 });
	});

	it('keep their own answer in Raw Response output', async () => {
		const { items } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [fileItem('invoice.ofd', 'application/ofd')],
			parameters: { output: 'raw' },
		});

		expect(items[0].json).toHaveProperty('TaxInclusiveTotalAmount', '-318.00');
		expect(items[0].json).toHaveProperty('GoodsInfos');
	});

	it('a ZIP without OFD.xml nor invoice files is refused before any call', async () => {
		const { error } = await runOcrNode({ endpoint: emulator.url, inputItems: [fileItem('not-ofd.zip', 'application/zip')] });

		expect(error?.message).toBe('"not-ofd.zip" is a ZIP archive without invoice files (XML, OFD, PDF, PNG or JPEG) [item 0]');
		expect(emulator.stats().total).toBe(0);
	});

	it('a ZIP without OFD.xml is refused as before with Read Digital Invoices Locally off', async () => {
		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [fileItem('not-ofd.zip', 'application/zip')],
			parameters: { options: { readDigitalLocally: false } },
		});

		expect(error?.message).toBe('The file is a ZIP file, which Tencent cannot read [item 0]');
		expect(emulator.stats().total).toBe(0);
	});
});

describe('OFD pages: First reads page 1, Specific sends OfdPageNumber, All reads page 1 only (an OFD answer names no page count)', () => {
	it.each<[string, INodeParameters, number[]]>([
		['First Page', { pdfPages: 'first' }, [1]],
		['All Pages', { pdfPages: 'all' }, [1]],
		['Specific Page 1', { pdfPages: 'specific', pdfPageNumber: 1 }, [1]],
	])('%s', async (_label, parameters, pagesAsked) => {
		const { items, error } = await runOcrNode({ endpoint: emulator.url, inputItems: [fileItem('invoice.ofd', 'application/ofd')], parameters });

		expect(error).toBeUndefined();
		const requests = emulator.stats().requests;
		expect(requests.map((request) => request.params.OfdPageNumber)).toEqual(pagesAsked);
		expect(items[0].json).toMatchObject({ recordType: 'invoice', pdfPage: null, pdfPageCount: null });
	});

	it('Specific Page 2 of a one-page OFD asks Tencent for page 2, which it refuses', async () => {
		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [fileItem('invoice.ofd', 'application/ofd')],
			parameters: { pdfPages: 'specific', pdfPageNumber: 2 },
		});

		expect(emulator.stats().requests.map((request) => request.params.OfdPageNumber)).toEqual([2]);
		expect(error).toBeDefined();
	});
});

describe('invoiceKind: the same invoice from a PNG (Recognize), the tax authority (Verify) and an OFD', () => {
	let defaultEmulator: RunningEmulator;

	beforeAll(async () => {
		// The emulator's own answers: its recognition sample (a recent 增值税电子普通发票) and, verified, that invoice (Type 10).
		defaultEmulator = await startEmulator({
			rateLimitPerSecond: 0,
			// The same invoice as VerifyOfdVatInvoiceOCR would answer it for its OFD file (Type 026).
			recognizeOfd: () => {
				const recognized = (loadRecentSampleRecognition(Date.now()).VatInvoiceInfos as Array<{ Name: string; Value: string }>).reduce<Record<string, string>>(
					(fields, info) => ({ ...fields, [info.Name]: info.Value }),
					{},
				);
				return {
					Type: '026',
					InvoiceCode: recognized['发票代码'],
					InvoiceNumber: recognized['发票号码'].replace(/^No/, ''),
					IssueDate: recognized['开票日期'],
					InvoiceCheckCode: recognized['校验码'],
					Seller: { Name: recognized['销售方名称'], TaxId: recognized['销售方识别号'] },
					TaxExclusiveTotalAmount: '87.28',
					TaxTotalAmount: '2.62',
					TaxInclusiveTotalAmount: '89.90',
					GoodsInfos: [{ Item: '客运服务费', Quantity: '1', Price: '87.28', Amount: '87.28', TaxScheme: '3%', TaxAmount: '2.62', MeasurementDimension: '次', Specification: '无' }],
				};
			},
		});
	});

	afterAll(async () => await defaultEmulator.stop());

	it('is electronicOrdinary from all three, with the same identity; Recognize → Verify of the sample is valid', async () => {
		const workflowResult = await runWorkflow({
			nodeTypes: { [OCR_NODE_TYPE]: new TencentInvoiceOcr() },
			credentialTypes: [new TencentCloudApi()],
			credentials: { tencentCloudApi: { ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: defaultEmulator.url } },
			workflow: {
				nodes: [node('Recognize', 'recognizeVatInvoice', 200), node('Verify', 'verifyVatInvoice', 400)],
				connections: { Recognize: { main: [[{ node: 'Verify', type: 'main', index: 0 }]] } },
			},
			inputItems: [fileItem('invoice.png', 'image/png')],
		});
		const ofdRun = await runOcrNode({ endpoint: defaultEmulator.url, inputItems: [fileItem('invoice.ofd', 'application/ofd')] });

		expect(workflowResult.error).toBeUndefined();
		const recognized = workflowResult.itemsOf('Recognize')[0].json;
		const [verified, verifiedLine] = workflowResult.itemsOf('Verify').map((item) => item.json);
		const fromOfd = ofdRun.items[0].json;
		const identity = (json: object) => {
			const { invoiceKind, invoiceCode, invoiceNumber, issueDate, sellerTaxId, totalBeforeTax, totalTax, totalWithTax } = json as Record<string, unknown>;
			return { invoiceKind, invoiceCode, invoiceNumber, issueDate, sellerTaxId, totalBeforeTax, totalTax, totalWithTax };
		};
		expect(identity(recognized)).toEqual({
			invoiceKind: 'electronicOrdinary',
			invoiceCode: '012001100311',
			invoiceNumber: '63591128',
			issueDate: daysAgo(RECENT_SAMPLE_AGE_DAYS),
			sellerTaxId: '911201103409033300',
			totalBeforeTax: 87.28,
			totalTax: 2.62,
			totalWithTax: 89.9,
		});
		expect(identity(verified)).toEqual(identity(recognized));
		expect(identity(fromOfd)).toEqual(identity(recognized));
		expect([recognized.invoiceType, verified.invoiceType, fromOfd.invoiceType]).toEqual(['增值税电子普通发票', '10', '026']);
		expect(verified).toMatchObject({ recordType: 'invoice', status: 'valid', dedupeKey: recognized.dedupeKey, lineItemCount: 1 });
		expect(verifiedLine).toMatchObject({ recordType: 'lineItem', itemName: '客运服务费', amountBeforeTax: 87.28, lineKey: `${String(recognized.dedupeKey)}#1` });
		expect(defaultEmulator.stats().byAction).toEqual({ VatInvoiceOCR: 1, VatInvoiceVerifyNew: 1, VerifyOfdVatInvoiceOCR: 1 });
	});
});
