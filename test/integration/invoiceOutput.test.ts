/**
 * The shaped output, end to end through n8n-core's engine, the real SDK and the emulator, with
 * VatInvoiceOCR responses the project wrote (test/fixtures/responses) served page by page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startEmulator, type RecognizeInput, type RunningEmulator } from '../emulator';
import type { BinaryDataMode, FixtureItem } from '../harness/run-workflow';
import { runOcrNode } from './run-ocr-node';
const fixturesFolder = join(__dirname, '..', 'fixtures');
const readResponse = (name: string): object =>
	JSON.parse(readFileSync(join(fixturesFolder, 'responses', `${name}.json`), 'utf8'));

const pdfItem = (name: string): FixtureItem => ({
	json: { subject: 'Invoices for March' },
	binary: { data: { data: readFileSync(join(fixturesFolder, name)), fileName: name, mimeType: 'application/pdf' } },
});

/** Which response each page gets; the emulator asks this for every recognition. */
let responseForPage: (input: RecognizeInput) => object;
let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 1000, recognize: (input) => responseForPage(input) });
});

afterAll(async () => await emulator.stop());

beforeEach(() => emulator.resetStats());

function servePages(...responseNames: string[]) {
	responseForPage = ({ pdfPageNumber }) => readResponse(responseNames[Math.max(pdfPageNumber, 1) - 1]);
}

async function recognize(parameters: INodeParameters, inputItems: FixtureItem[], binaryDataMode?: BinaryDataMode) {
	const { items, error } = await runOcrNode({ endpoint: emulator.url, parameters, inputItems, binaryDataMode });
	expect(error).toBeUndefined();
	return items;
}

const summary = (items: INodeExecutionData[]) =>
	items.map(({ json, binary, pairedItem }) => [
		json.recordType,
		json.recordType === 'invoice' ? json.pdfPage : json.lineNo,
		json.dedupeKey,
		binary ? Object.keys(binary) : null,
		pairedItem,
	]);

describe('every PDF page, one invoice item each, followed by its line items', () => {
	it.each<BinaryDataMode>(['default', 'filesystem'])('in %s binary mode', async (binaryDataMode) => {
		servePages('fully-digital-mixed-rates', 'red-letter', 'no-line-items');

		const items = await recognize({ pdfPages: 'all' }, [pdfItem('invoice-3-pages.pdf')], binaryDataMode);

		const digital = '24442000000012345678';
		const redLetter = '4403201130-02468135';
		const toll = '044002000311-87654321';
		const fromInput = { item: 0 };
		expect(summary(items)).toEqual([
			['invoice', 1, digital, ['data'], fromInput],
			['lineItem', 1, digital, null, fromInput],
			['lineItem', 2, digital, null, fromInput],
			['lineItem', 3, digital, null, fromInput],
			['invoice', 2, redLetter, ['data'], fromInput],
			['lineItem', 1, redLetter, null, fromInput],
			['invoice', 3, toll, ['data'], fromInput],
		]);
		expect(emulator.stats().requests.map((request) => request.params.PdfPageNumber)).toEqual([1, 2, 3]);
		expect(items[0].binary?.data.fileName).toBe('invoice-3-pages.pdf');
	});

	it('costs one call for a one-page PDF', async () => {
		servePages('red-letter');

		const items = await recognize({ pdfPages: 'all' }, [pdfItem('invoice-1-page.pdf')]);

		expect(items.map((item) => item.json.recordType)).toEqual(['invoice', 'lineItem']);
		expect(items[0].json).toMatchObject({ pdfPage: 1, pdfPageCount: 1 });
		expect(emulator.stats().total).toBe(1);
	});
});

describe('what later steps get', () => {
	it('line items carry their invoice and the numbers a spreadsheet needs', async () => {
		servePages('fully-digital-mixed-rates');

		const [invoice, ...lineItems] = await recognize({}, [pdfItem('invoice-1-page.pdf')]);

		expect(invoice.json).toMatchObject({
			recordType: 'invoice',
			invoiceNumber: '24442000000012345678',
			invoiceCode: null,
			issueDate: '2024-03-05',
			totalAmount: 11984.12,
			totalTax: 820.88,
			totalWithTax: 12805,
			lineItemCount: 3,
			needsReview: false,
			reviewReasons: [],
		});
		expect(lineItems.map((item) => item.json)).toEqual([
			expect.objectContaining({
				recordType: 'lineItem',
				invoiceNumber: '24442000000012345678',
				issueDate: '2024-03-05',
				sellerTaxId: '91440300MA5G12345X',
				lineKey: '24442000000012345678#1',
				amount: 10000,
				taxRate: 0.06,
				taxAmount: 600,
			}),
			expect.objectContaining({ lineNo: 2, quantity: 20, unitPrice: 84.955752, taxRate: 0.13 }),
			expect.objectContaining({ lineNo: 3, taxRate: null, taxRateText: '免税', taxAmount: null }),
		]);
	});

	it('an invoice whose totals disagree needs review, and says why', async () => {
		servePages('totals-disagree');

		const [invoice] = await recognize({ output: 'invoices' }, [pdfItem('invoice-1-page.pdf')]);

		expect(invoice.json.needsReview).toBe(true);
		expect(invoice.json.reviewReasons).toEqual([
			'Line amounts add up to 300.00, not the total amount 310.00',
			'The amount in words (348.00) differs from the total including tax (349.00)',
		]);
		expect(invoice.json.lineItems).toHaveLength(2);
	});

	it('nothing the API returns is lost: unknown names stay in fields', async () => {
		servePages('unknown-field');

		const [invoice] = await recognize({ output: 'invoices', options: { includePolygons: true } }, [
			pdfItem('invoice-1-page.pdf'),
		]);

		expect(invoice.json.fields).toMatchObject({ 销售方电子邮箱: 'finance@yunfan.example.cn', '发票号码 (2)': 'No00012346' });
		expect(invoice.json.polygons).toHaveProperty('销售方电子邮箱', null);
	});

	it('raw output is the response as Tencent sends it', async () => {
		servePages('red-letter');

		const [raw] = await recognize({ output: 'raw' }, [pdfItem('invoice-1-page.pdf')]);

		expect(raw.json).toEqual({
			...readResponse('red-letter'),
			PdfPageSize: 1,
			RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(raw.binary).toBeUndefined();
	});
});
