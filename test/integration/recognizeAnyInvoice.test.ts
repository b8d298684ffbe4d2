/**
 * Recognize Any Invoice or Receipt in n8n's real execution engine, calling the real SDK over real HTTP against the
 * emulator's RecognizeGeneralInvoice: documents per scan, pages per call, documents billed, the VAT invoice as
 * Recognize VAT Invoice reads it, unsupported entries, and files without any document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../emulator';
import type { FixtureItem } from '../harness/run-workflow';
import { blankPdf } from '../helpers/generated-pdf';
import { pngWithDocuments } from '../helpers/marked-files';
import { OCR_NODE_NAME, runOcrNode, type OcrNodeRun } from './run-ocr-node';

const PNG = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png'));

const fileItem = (data: Buffer, fileName: string): FixtureItem => ({
	json: { fileName },
	binary: { data: { data, fileName, mimeType: fileName.endsWith('.pdf') ? 'application/pdf' : 'image/png' } },
});
/** A PDF of `pageCount` pages, each holding one taxi receipt. */
const taxiPdf = (pageCount: number) => fileItem(blankPdf(pageCount, () => ['TaxiTicket']), `taxis-${pageCount}.pdf`);

let emulator: RunningEmulator;

beforeAll(async () => {
	// These tests follow each other faster than the 5/s quota; pacing is the bench's and the throughput suite's subject.
	emulator = await startEmulator({ rateLimitsPerAction: { RecognizeGeneralInvoice: 1000 } });
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.resetStats());

const recognizeAny = ({ parameters, ...run }: Partial<Omit<OcrNodeRun, 'endpoint'>> & { inputItems: FixtureItem[] }) =>
	runOcrNode({ endpoint: emulator.url, ...run, parameters: { operation: 'recognizeAnyInvoice', ...parameters } });

const json = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => item.json);
const invoicesOf = (items: Array<{ json: Record<string, unknown> }>) => json(items).filter((item) => item.recordType === 'invoice');
const calls = () => emulator.stats().requests.filter((request) => request.action === 'RecognizeGeneralInvoice');

describe('a scan with several documents', () => {
	it('gives a train ticket, a taxi receipt and a 数电 invoice with its lines, from 1 call', async () => {
		const scan = pngWithDocuments(PNG, ['TrainTicket', 'TaxiTicket', 'VatElectronicInvoiceFull']);
		const { items, error } = await recognizeAny({ inputItems: [fileItem(scan, 'expenses.png')] });
		expect(error).toBeUndefined();
		const invoices = invoicesOf(items);
		expect(invoices.map((invoice) => invoice.documentType)).toEqual(['trainTicket', 'taxiReceipt', 'vatInvoice']);
		expect(invoices.map((invoice) => [invoice.totalWithTax, invoice.issueDate ?? invoice.departureDate])).toEqual([
			[74.5, '2024-05-18'],
			[48.6, '2024-05-18'],
			[300, '2024-05-20'],
		]);
		expect(invoices[0]).toMatchObject({ trainNumber: 'G6017', departure: '广州南', arrival: '深圳北', departureTime: '08:05', documentTypeName: '火车票' });
		expect(invoices[2]).toMatchObject({ invoiceKind: 'digitalOrdinary', invoiceNumber: '24442000000123456789', lineItemCount: 2, needsReview: false });
		const lines = json(items).filter((item) => item.recordType === 'lineItem');
		// The 数电 invoice prints no line numbers: the position stands in, in lineKey.
		expect(lines.map((line) => [line.lineKey, line.lineNo, line.itemName])).toEqual([
			['24442000000123456789#pos1', null, '*住宿服务*住宿费'],
			['24442000000123456789#pos2', null, '*餐饮服务*早餐'],
		]);
		expect(invoices.every((invoice) => invoice.pdfPage === null && invoice.sourceFileName === 'expenses.png')).toBe(true);
		expect(calls()).toHaveLength(1);
		expect(emulator.stats().documentsBilled).toBe(3);
	});

	it('puts line items on the second output under Separate Outputs', async () => {
		const scan = pngWithDocuments(PNG, ['AirTransport', 'QuotaInvoice']);
		const run = await recognizeAny({ inputItems: [fileItem(scan, 'trip.png')], parameters: { output: 'separateOutputs' } });
		const [invoiceOutput, lineOutput] = [run.itemsOf(OCR_NODE_NAME, 0), run.itemsOf(OCR_NODE_NAME, 1)];
		expect(json(invoiceOutput).map((item) => item.documentType)).toEqual(['flightItinerary', 'quotaInvoice']);
		expect(json(lineOutput).map((line) => [line.flightNumber, line.departurePlace, line.arrivalPlace])).toEqual([
			['CA1301', '北京首都', '深圳'],
			['CA1302', '深圳', '北京首都'],
		]);
	});
});

describe('pages and calls', () => {
	it('reads a 12-page PDF with All Pages and Max Pages 12 in 1 call, one item per page in order', async () => {
		const { items } = await recognizeAny({ inputItems: [taxiPdf(12)], parameters: { pdfPages: 'all', maxPages: 12 } });
		expect(calls().map((call) => call.params.EnableMultiplePage)).toEqual([true]);
		expect(invoicesOf(items).map((invoice) => invoice.pdfPage)).toEqual(Array.from({ length: 12 }, (_u, index) => index + 1));
		expect(invoicesOf(items)[0]).toMatchObject({ pdfPageCount: 12, documentType: 'taxiReceipt' });
	});

	it('reads Page Range 31-32 of a 40-page PDF in 2 calls', async () => {
		const { items } = await recognizeAny({ inputItems: [taxiPdf(40)], parameters: { pdfPages: 'range', pdfPageRange: '31-32' } });
		expect(calls().map((call) => [call.params.PdfPageNumber, call.params.EnableMultiplePage])).toEqual([
			[31, undefined],
			[32, undefined],
		]);
		expect(invoicesOf(items).map((invoice) => invoice.pdfPage)).toEqual([31, 32]);
	});

	it('bills 3 documents for Max Pages 3 of a 40-page PDF, and outputs nothing from page 4', async () => {
		const { items } = await recognizeAny({ inputItems: [taxiPdf(40)], parameters: { pdfPages: 'all', maxPages: 3 } });
		expect(emulator.stats().documentsBilled).toBe(3);
		expect(calls().every((call) => call.params.EnableMultiplePage === undefined)).toBe(true);
		expect(invoicesOf(items).map((invoice) => invoice.pdfPage)).toEqual([1, 2, 3]);
		expect(invoicesOf(items)[0].pagesNotRecognized).toEqual([{ firstPage: 4, lastPage: 40, reason: 'Beyond Max Pages (3)' }]);
	});

	it('reads a 40-page PDF whole as pages 1..30 together and 31..40 alone: every page billed once', async () => {
		await recognizeAny({ inputItems: [taxiPdf(40)], parameters: { pdfPages: 'all' } });
		const billedPages = emulator.stats().requests.flatMap((request) => request.billedPages ?? []);
		expect([...billedPages].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_u, index) => index + 1));
		expect(calls()).toHaveLength(11);
	});

	it('reads a PDF it cannot count one page per call, planned from the first answer', async () => {
		// A page tree that does not match its page objects: not counted here, so never read together.
		const pdf = Buffer.from(blankPdf(4, () => ['BusInvoice']).toString('latin1').replace('/Count 4', '/Count 3'), 'latin1');
		const { items } = await recognizeAny({ inputItems: [fileItem(pdf, 'odd.pdf')], parameters: { pdfPages: 'all' } });
		expect(calls().map((call) => [call.params.PdfPageNumber, call.params.EnableMultiplePage])).toEqual([
			[1, undefined],
			[2, undefined],
			[3, undefined],
			[4, undefined],
		]);
		expect(invoicesOf(items)).toHaveLength(4);
	});

	it('forces the Document Type chosen, as Types', async () => {
		const scan = pngWithDocuments(PNG, ['TrainTicket', 'TaxiTicket']);
		const { items } = await recognizeAny({ inputItems: [fileItem(scan, 'x.png')], parameters: { documentType: 'trainTicket' } });
		expect(calls()[0].params.Types).toEqual([2]);
		expect(invoicesOf(items).map((invoice) => [invoice.documentType, invoice.needsReview])).toEqual([
			['trainTicket', false],
			['trainTicket', true],
		]);
	});
});

describe('Max Pages per Item', () => {
	/** One input item carrying the files, one binary field each. */
	const itemWithFiles = (files: Array<{ data: Buffer; fileName: string }>): FixtureItem => ({
		json: {},
		binary: Object.fromEntries(
			files.map(({ data, fileName }, index) => [
				`attachment_${index}`,
				{ data, fileName, mimeType: fileName.endsWith('.pdf') ? 'application/pdf' : 'image/png' },
			]),
		),
	});
	const taxiPdfNamed = (pageCount: number, fileName: string) => ({ data: blankPdf(pageCount, () => ['TaxiTicket']), fileName });
	const hintsOf = (runData: Awaited<ReturnType<typeof recognizeAny>>['runData']) =>
		(runData[OCR_NODE_NAME][0].hints ?? []).map((hint) => hint.message);
	const pagesReadPerFile = (items: Array<{ json: Record<string, unknown> }>) =>
		invoicesOf(items).reduce<Record<string, unknown[]>>((pages, invoice) => {
			const fileName = String(invoice.sourceFileName);
			return { ...pages, [fileName]: [...(pages[fileName] ?? []), invoice.pdfPage] };
		}, {});
	const pages = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_u, index) => first + index);

	it('bills exactly 50 pages of 3 PDFs of 40 pages (All Pages, Max Pages 40, Max Pages per Item 50), and names the rest', async () => {
		const files = ['a.pdf', 'b.pdf', 'c.pdf'].map((fileName) => taxiPdfNamed(40, fileName));
		const { items, error, runData } = await recognizeAny({
			inputItems: [itemWithFiles(files)],
			parameters: { processAllBinaryFields: true, pdfPages: 'all', maxPages: 40, maxPagesPerItem: 50 },
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().documentsBilled).toBe(50);
		// a.pdf: pages 1..30 together, 31..40 alone; b.pdf: 10 pages left, fewer than 30, so one by one.
		expect(calls().filter((call) => call.params.EnableMultiplePage === true)).toHaveLength(1);
		expect(calls()).toHaveLength(21);
		expect(pagesReadPerFile(items)).toEqual({ 'a.pdf': pages(1, 40), 'b.pdf': pages(1, 10) });
		const leftOutOf = (fileName: string) => invoicesOf(items).find((invoice) => invoice.sourceFileName === fileName)?.pagesNotRecognized;
		expect([leftOutOf('a.pdf'), leftOutOf('b.pdf')]).toEqual([[], [{ firstPage: 11, lastPage: 40, reason: 'Beyond Max Pages per Item (50)' }]]);
		expect(hintsOf(runData)).toEqual([
			'Item 0, b.pdf: not recognized: pages 11–40 (Beyond Max Pages per Item (50))',
			'Item 0, c.pdf: not recognized: the whole file (Beyond Max Pages per Item (50))',
		]);
	});

	it('counts an image and the pages of a PDF planned from its answer, and starts afresh for the next item', async () => {
		// A page tree that does not match its page objects: not counted here, so planned from the first answer.
		const oddPdf = Buffer.from(blankPdf(4, () => ['BusInvoice']).toString('latin1').replace('/Count 4', '/Count 3'), 'latin1');
		const scan = { data: pngWithDocuments(PNG, ['TaxiTicket']), fileName: 'scan.png' };
		const { items, error, runData } = await recognizeAny({
			inputItems: [itemWithFiles([scan, { data: oddPdf, fileName: 'odd.pdf' }]), itemWithFiles([taxiPdfNamed(5, 'next.pdf')])],
			parameters: { processAllBinaryFields: true, pdfPages: 'all', maxPagesPerItem: 3 },
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().documentsBilled).toBe(6);
		expect(calls().map((call) => call.params.EnableMultiplePage)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
		const readOf = (itemIndex: number) =>
			pagesReadPerFile(items.filter((item) => (item.pairedItem as { item: number }).item === itemIndex));
		expect([readOf(0), readOf(1)]).toEqual([{ 'scan.png': [null], 'odd.pdf': [1, 2] }, { 'next.pdf': [1, 2, 3] }]);
		// Items may run side by side, so their hints may come in either order.
		expect(hintsOf(runData).sort()).toEqual([
			'Item 0, odd.pdf: not recognized: pages 3–4 (Beyond Max Pages per Item (3))',
			'Item 1, next.pdf: not recognized: pages 4–5 (Beyond Max Pages per Item (3))',
		]);
	});
});

describe('the same VAT invoice through both recognition operations', () => {
	it('gives identical invoice keys and values but for the listed exceptions', async () => {
		const input = { inputItems: [fileItem(PNG, 'invoice.png')] };
		const viaVat = invoicesOf((await runOcrNode({ endpoint: emulator.url, ...input })).items)[0];
		const viaAny = invoicesOf((await recognizeAny(input)).items)[0];
		const exceptions = ['fields', 'requestId', 'documentTypeName', 'cipherArea', 'cipherArea1', 'cipherArea2', 'cipherArea3', 'cipherArea4'];
		const flagsOneLeavesEmpty = ['isIssuedOnBehalf', 'isPurchaseInvoice', 'refinedOilMark', 'tollMark'];
		const without = (record: Record<string, unknown>) =>
			Object.fromEntries(Object.entries(record).filter(([key]) => ![...exceptions, ...flagsOneLeavesEmpty].includes(key)));
		expect(without(viaAny)).toEqual(without(viaVat));
		expect(viaAny).toMatchObject({ documentType: 'vatInvoice', invoiceNumber: '63591128', totalWithTax: 89.9 });
		expect(viaVat.documentType).toBe('vatInvoice');
		expect(viaAny.cipherArea).toBe([1, 2, 3, 4].map((line) => viaVat[`cipherArea${line}`]).join('\n'));
		for (const flag of flagsOneLeavesEmpty) expect([viaVat[flag], viaAny[flag]]).toContain(null);
	});
});

describe('documents Tencent does not read', () => {
	it('flags an unsupported entry beside a good one: 2 items, no error item', async () => {
		const scan = pngWithDocuments(PNG, ['Unsupported', 'TaxiTicket']);
		const { items, error } = await recognizeAny({ inputItems: [fileItem(scan, 'mixed.png')] });
		expect(error).toBeUndefined();
		expect(json(items).map((item) => [item.recordType, item.documentType, item.needsReview])).toEqual([
			['invoice', 'other', true],
			['invoice', 'taxiReceipt', false],
		]);
		expect(json(items)[0].reviewReasons).toEqual([expect.stringMatching(/does not support its kind/)]);
		expect(emulator.stats().documentsBilled).toBe(1);
	});

	it('gives one error item naming a file without any document, and goes on with the next', async () => {
		const empty = pngWithDocuments(PNG, []);
		const { items } = await recognizeAny({
			inputItems: [fileItem(empty, 'blank.png'), fileItem(PNG, 'invoice.png')],
			continueOnFail: true,
		});
		expect(json(items).map((item) => item.error ?? item.documentType)).toEqual([
			expect.stringMatching(/^Tencent found no invoice or receipt in blank\.png/),
			'vatInvoice',
		]);
	});

	it('refuses pages that are not in the PDF before any call', async () => {
		const { error } = await recognizeAny({ inputItems: [taxiPdf(3)], parameters: { pdfPages: 'range', pdfPageRange: '5-6' } });
		expect(error?.message).toMatch(/None of the chosen pages is in the PDF, which has 3 pages/);
		expect(calls()).toHaveLength(0);
	});
});

describe('billing safety', () => {
	afterEach(() => emulator.setFaults({}));

	it('never resends a call that got no answer: it may have billed up to 30 pages', async () => {
		emulator.setFaults({ dropConnectionEvery: 1 });
		const { error } = await recognizeAny({ inputItems: [taxiPdf(12)], parameters: { pdfPages: 'all' } });
		expect(error).toBeDefined();
		expect(calls()).toHaveLength(1);
	});

	it('gives a failed page its error item under Continue On Fail, and reads the pages around it', async () => {
		emulator.setFaults({ failPages: { pages: [31], code: 'FailedOperation.ImageDecodeFailed' } });
		const { items } = await recognizeAny({ inputItems: [taxiPdf(32)], parameters: { pdfPages: 'all' }, continueOnFail: true });
		// An error item's message starts with the pages it stands for.
		const outcomes = json(items).map((item) => (item.error ? String(item.error).split(':')[0] : item.pdfPage));
		expect(outcomes).toEqual([...Array.from({ length: 30 }, (_u, index) => index + 1), 'Page 31', 32]);
		expect(json(items)[0].pagesNotRecognized).toEqual([{ firstPage: 31, lastPage: 31, reason: expect.stringMatching(/decode/i) }]);
		expect(emulator.stats().documentsBilled).toBe(31);
	});
});
