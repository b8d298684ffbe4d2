/**
 * Recognize → Verify with no mapping, and OFD files, in n8n-core's engine against the emulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js';
import {
	DEMO_CREDENTIALS,
	VERIFY_ERRORS,
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

/** The verdict the tax authority gives each invoice number in these tests. */
function taxAuthority(request: VerifyRequest): object {
	if (request.invoiceNo === '02468135') return sampleVerifyAnswer(request, { RedLetterInvoiceMark: true });
	if (request.invoiceNo === '33445566') throw verifyError(VERIFY_ERRORS.notFound);
	if (request.invoiceNo === '87654321') throw verifyError(VERIFY_ERRORS.todayNotSupported);
	return sampleVerifyAnswer(request);
}

const pageResponses = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
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
		const verdicts = result.itemsOf('Verify');
		expect(verdicts.map((item) => [item.json.status, (item.json.verifiedWith as { InvoiceNo: string }).InvoiceNo])).toEqual([
			['valid', '24442000000012345678'],
			['redLettered', '02468135'],
			['notFound', '33445566'],
		]);
		// Line items are passed over: three invoices, three verifications.
		const verifications = emulator.stats().requests.filter((request) => request.action === 'VatInvoiceVerifyNew');
		expect(verifications.map((request) => request.params)).toEqual([
			{ InvoiceNo: '24442000000012345678', InvoiceDate: '2024-03-05', Amount: '12805.00' },
			{ InvoiceNo: '02468135', InvoiceDate: '2023-12-01', InvoiceCode: '4403201130', Amount: '-1000.00' },
			{ InvoiceNo: '33445566', InvoiceDate: '2024-01-15', InvoiceCode: '044031900111', CheckCode: '567890', Amount: '310.00' },
		]);
		expect(verdicts[0].json).toMatchObject({
			statusMessage: 'The tax authority confirms the invoice',
			invoiceNumber: '24442000000012345678',
			issueDate: '2024-03-05',
			totalWithTax: 498.9,
			requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(verdicts[0].json.raw).toHaveProperty('Invoice.SellerName', '广州市天河区员美丽美食店');
		expect(verdicts[2].json).toMatchObject({
			errorCode: 'ResourceNotFound.NoInvoice',
			statusMessage: expect.stringMatching(/does not exist, or a value was misread/),
		});
		expect(verdicts.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 4 }, { item: 6 }]);
	});

	it('tells an invoice not yet in the records from one that does not exist', async () => {
		const { items } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [{ json: { invoiceNumber: '87654321', invoiceCode: '044002000311', issueDate: '2026-11-25', checkCode: '123456', totalAmount: 97.09, totalWithTax: 100 } }],
			parameters: { operation: 'verifyVatInvoice' },
		});

		expect(items[0].json).toMatchObject({ status: 'notYetAvailable', errorCode: 'ResourceNotFound.NotSupportCurrentInvoiceQuery' });
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

describe('OFD invoices', () => {
	it('are read through VerifyOfdVatInvoiceOCR into the same invoice and line items', async () => {
		const { items, error } = await runOcrNode({ endpoint: emulator.url, inputItems: [fileItem('invoice.ofd', 'application/ofd')] });

		expect(error).toBeUndefined();
		expect(emulator.stats().byAction).toEqual({ VerifyOfdVatInvoiceOCR: 1 });
		expect(items[0].json).toMatchObject({
			recordType: 'invoice',
			issueDate: '2020-06-18',
			totalAmount: -300,
			totalTax: -18,
			totalWithTax: -318,
			sourceFileName: 'invoice.ofd',
		});
		expect(items.slice(1).every((item) => item.json.recordType === 'lineItem')).toBe(true);
		expect(items[1].json).toMatchObject({ name: '*餐饮服务*餐费', amount: -100, taxRate: 0.06 });
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

	it('a ZIP without OFD.xml is refused before any call', async () => {
		const { error } = await runOcrNode({ endpoint: emulator.url, inputItems: [fileItem('not-ofd.zip', 'application/zip')] });

		expect(error?.message).toBe('The file is a ZIP file, which Tencent cannot read [item 0]');
		expect(emulator.stats().total).toBe(0);
	});
});
