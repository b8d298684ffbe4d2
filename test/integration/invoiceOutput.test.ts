/**
 * The shaped output, end to end through n8n-core's engine, the real SDK and the emulator, with
 * VatInvoiceOCR responses the project wrote (test/fixtures/responses) served page by page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers, Workflow, type INode, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js';
import { startEmulator, type RecognizeInput, type RunningEmulator } from '../emulator';
import { HarnessNodeTypes } from '../harness/node-types';
import type { BinaryDataMode, FixtureItem } from '../harness/run-workflow';
import { OCR_NODE_TYPE } from '../helpers/package-names';
import { OCR_NODE_NAME, runOcrNode } from './run-ocr-node';
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
			totalBeforeTax: 11984.12,
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
				amountBeforeTax: 10000,
				taxRate: 0.06,
				taxAmount: 600,
			}),
			expect.objectContaining({ lineNo: 2, quantity: 20, unitPrice: 84.955752, taxRate: 0.13 }),
			expect.objectContaining({ lineNo: 3, taxRate: null, taxRateText: '免税', taxAmount: null }),
		]);
	});

	it('no two line items of an invoice share a lineKey when line numbers are missing: the position stands in', async () => {
		servePages('line-numbers-missing');

		const [, ...lineItems] = await recognize({}, [pdfItem('invoice-1-page.pdf')]);

		expect(lineItems.map((item) => [item.json.lineNo, item.json.lineKey])).toEqual([
			[null, '24442000000012345678#pos1'],
			[2, '24442000000012345678#2'],
			[null, '24442000000012345678#pos3'],
		]);
	});

	it('an invoice whose totals disagree needs review, and says why', async () => {
		servePages('totals-disagree');

		const [invoice] = await recognize({ output: 'invoices' }, [pdfItem('invoice-1-page.pdf')]);

		expect(invoice.json.needsReview).toBe(true);
		expect(invoice.json.reviewReasons).toEqual([
			'Line amounts before tax add up to 300.00, not the total before tax 310.00',
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

describe('Separate Outputs: invoices on output 1, line items on output 2', () => {
	const gifItem: FixtureItem = {
		json: {},
		binary: { data: { data: readFileSync(join(fixturesFolder, 'animation.gif')), fileName: 'logo.gif', mimeType: 'image/gif' } },
	};

	/** The outputs n8n gives the node for these parameters, as the editor and the engine compute them. */
	function outputsFor(parameters: INodeParameters) {
		const nodeTypes = new HarnessNodeTypes({ [OCR_NODE_TYPE]: new TencentInvoiceOcr() });
		const node: INode = { id: 'ocr', name: OCR_NODE_NAME, type: OCR_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(OCR_NODE_NAME)!, nodeTypes.getByNameAndVersion(OCR_NODE_TYPE).description);
	}

	it.each<[string, INodeParameters, unknown[]]>([
		['the default', {}, ['main']],
		['Invoices and Line Items', { output: 'invoicesAndLineItems' }, ['main']],
		[
			'Separate Outputs',
			{ output: 'separateOutputs' },
			[
				{ type: 'main', displayName: 'Invoices' },
				{ type: 'main', displayName: 'Line Items' },
			],
		],
		[
			'Verify under Separate Outputs, as Recognize',
			{ operation: 'verifyVatInvoice', output: 'separateOutputs' },
			[
				{ type: 'main', displayName: 'Invoices' },
				{ type: 'main', displayName: 'Line Items' },
			],
		],
		['Verify by default', { operation: 'verifyVatInvoice' }, ['main']],
	])('%s: the outputs n8n computes', (_label, parameters, expected) => {
		expect(outputsFor(parameters)).toEqual(expected);
	});

	it('sends each shape to its own output, every item linked to its input', async () => {
		servePages('fully-digital-mixed-rates', 'red-letter', 'no-line-items');

		const result = await runOcrNode({
			endpoint: emulator.url,
			parameters: { pdfPages: 'all', output: 'separateOutputs' },
			inputItems: [pdfItem('invoice-3-pages.pdf')],
		});

		expect(result.error).toBeUndefined();
		const digital = '24442000000012345678';
		const redLetter = '4403201130-02468135';
		const fromInput = { item: 0 };
		expect(summary(result.itemsOf(OCR_NODE_NAME, 0))).toEqual([
			['invoice', 1, digital, ['data'], fromInput],
			['invoice', 2, redLetter, ['data'], fromInput],
			['invoice', 3, '044002000311-87654321', ['data'], fromInput],
		]);
		expect(summary(result.itemsOf(OCR_NODE_NAME, 1))).toEqual([
			['lineItem', 1, digital, null, fromInput],
			['lineItem', 2, digital, null, fromInput],
			['lineItem', 3, digital, null, fromInput],
			['lineItem', 1, redLetter, null, fromInput],
		]);
	});

	it('under Continue On Fail, error items go to the Invoices output', async () => {
		servePages('fully-digital-mixed-rates');

		const result = await runOcrNode({
			endpoint: emulator.url,
			parameters: { output: 'separateOutputs' },
			inputItems: [gifItem, pdfItem('invoice-1-page.pdf')],
			continueOnFail: true,
		});

		expect(result.itemsOf(OCR_NODE_NAME, 0).map((item) => [item.json.recordType ?? item.json.error, item.pairedItem])).toEqual([
			['The file is a GIF file, which Tencent cannot read [item 0]', { item: 0 }],
			['invoice', { item: 1 }],
		]);
		expect(result.itemsOf(OCR_NODE_NAME, 1).map((item) => [item.json.recordType, item.pairedItem])).toEqual([
			['lineItem', { item: 1 }],
			['lineItem', { item: 1 }],
			['lineItem', { item: 1 }],
		]);
	});
});
