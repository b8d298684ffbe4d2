/**
 * The shipped example `examples/email-attachments.json`, run in a real n8n 2.41.1 against the emulator.
 * Only its Email Trigger (IMAP) is replaced: by nodes that emit the items that trigger emits (format Simple,
 * Download Attachments on, prefix `attachment_`), three mails built from the fixtures. Every node after the
 * trigger, and its connections, are the example's own. Mail 4 carries a ZIP of two digital invoices (XML + PDF + OFD each)
 * and a scanned JPEG: 3 invoices, 1 call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, loadSampleRecognition, startEmulator, type RecognizeInput, type RunningEmulator } from '../emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox, type WorkflowRun } from './n8n-sandbox';
import { exampleWithStandInMails, loadExample, ocrCredentialReference, type StandInMail } from './stand-in-mails';
import { tencentCredential } from './workflows/invoice-workflows';

const EXAMPLE_PATH = join(REPO_ROOT, 'examples', 'email-attachments.json');
const SETUP_TIMEOUT_MS = 10 * 60_000;
const WORKFLOW_TIMEOUT_MS = 3 * 60_000;

/** The example's node names the test reads results from. */
const NODES = {
	ocr: 'Tencent Invoice OCR',
	route: 'Route Invoices',
	errors: 'Errors',
	needsReview: 'Needs Review',
	invoiceRows: 'Spreadsheet Rows',
	lineItemRows: 'Line Item Rows',
} as const;

/** The Switch's outputs, in the order of its rules. */
const ROUTE_OUTPUTS = ['Errors', 'Needs Review', 'Invoices', 'Line Items'] as const;

/** Mail 1 mixes a 3-page PDF, a text and a PNG; mail 2 has one JPEG; mail 3 only a GIF, no invoice; mail 4 发票.zip and a JPEG. */
const MAILS: StandInMail[] = [
	{
		from: 'Yunfan Billing <billing@yunfan.example>',
		subject: 'Invoices for March',
		date: '2024-03-06T08:15:00.000Z',
		text: 'Please find our invoices attached.',
		attachments: ['invoice-3-pages.pdf', 'not-an-image.txt', 'invoice.png'],
	},
	{
		from: 'Accounts <accounts@supplier.example>',
		subject: 'Invoice 00012345',
		date: '2024-03-07T09:30:00.000Z',
		text: 'Invoice attached.',
		attachments: ['invoice.jpg'],
	},
	{
		from: 'Newsletter <news@shop.example>',
		subject: 'Our spring offers',
		date: '2024-03-08T10:45:00.000Z',
		text: 'See the animation.',
		attachments: ['animation.gif'],
	},
	{
		from: 'E-Tax <noreply@etax.example>',
		subject: '您收到的数电发票',
		date: '2024-03-09T11:00:00.000Z',
		text: '发票见附件。',
		attachments: ['digital/发票.zip', 'invoice.jpg'],
	},
];

/** The two invoices of 发票.zip (test/fixtures/digital/make-fixtures.ts), each read from its XML. */
const BUNDLE_INVOICES = ['25312000000087654321', '25322000000055556666'];

/** What the emulator reads from each file: the PDF's pages differ, page 3 fails the self-check. */
const RESPONSE_BY_PDF_PAGE = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function loadResponse(name: string): object {
	return JSON.parse(readFileSync(join(FIXTURES_DIR, 'responses', `${name}.json`), 'utf8')) as object;
}

/** PDF pages by number; the PNG is the documented sample; the JPEG a classic invoice with an unknown field. */
function recognizeByFile({ fileBytes, isPdf, pdfPageNumber }: RecognizeInput): object {
	if (isPdf) return loadResponse(RESPONSE_BY_PDF_PAGE[pdfPageNumber - 1]);
	return fileBytes.subarray(0, 4).equals(PNG_MAGIC) ? loadSampleRecognition() : loadResponse('unknown-field');
}

// ----- reading the run -----

function outputOf(run: WorkflowRun, nodeName: string, outputIndex: number): INodeExecutionData[] {
	return run.runData[nodeName]?.[0]?.data?.main[outputIndex] ?? [];
}

/** The index, in its node's input, of the item an output item came from. */
function pairedIndexOf(item: INodeExecutionData): number {
	return (item.pairedItem as { item: number }).item;
}

/** The mail (input index of the OCR node) an OCR output item is paired with. */
const mailIndexOf = pairedIndexOf;

/**
 * The mail behind an item of a node after the Switch: each node pairs with its own input, so follow
 * the chain back: branch node → Switch output → OCR output → mail.
 */
function mailIndexBehind(run: WorkflowRun, routeOutput: (typeof ROUTE_OUTPUTS)[number], branchItem: INodeExecutionData): number {
	const routedItem = outputOf(run, NODES.route, ROUTE_OUTPUTS.indexOf(routeOutput))[pairedIndexOf(branchItem)];
	return mailIndexOf(run.itemsOf(NODES.ocr)[pairedIndexOf(routedItem)]);
}

function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

const example = loadExample(EXAMPLE_PATH);
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let run: WorkflowRun;

beforeAll(async () => {
	assertPackageBuilt();
	emulator = await startEmulator({ recognize: recognizeByFile });
	sandbox = await N8nSandbox.create({ install: await ensureN8n(), packageDir: REPO_ROOT, readableFolders: [FIXTURES_DIR] });
	const emulatorCredential = tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url });
	await sandbox.importCredentials([{ ...emulatorCredential, ...ocrCredentialReference(example) }]);

	const startedAt = Date.now();
	run = await sandbox.importAndExecute(exampleWithStandInMails(example, MAILS, { id: 'e2eEmailAttach01', folder: FIXTURES_DIR }));
	process.stdout.write(`[e2e] example e-mail attachments workflow: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
}, SETUP_TIMEOUT_MS + WORKFLOW_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.dispose();
	await emulator?.stop();
});

test('the stand-in emits three mails shaped as the IMAP trigger\'s, attachments as attachment_0..n', () => {
	expectSucceeded(run);
	const mails = run.itemsOf('Email Trigger (IMAP)');
	expect(mails.map((mail) => mail.json.subject)).toEqual(MAILS.map((mail) => mail.subject));
	expect(mails.map((mail) => Object.entries(mail.binary ?? {}).map(([field, file]) => [field, file.fileName, file.mimeType]))).toEqual([
		[
			['attachment_0', 'invoice-3-pages.pdf', 'application/pdf'],
			['attachment_1', 'not-an-image.txt', 'text/plain'],
			['attachment_2', 'invoice.png', 'image/png'],
		],
		[['attachment_0', 'invoice.jpg', 'image/jpeg']],
		[['attachment_0', 'animation.gif', 'image/gif']],
		[
			['attachment_0', '发票.zip', 'application/zip'],
			['attachment_1', 'invoice.jpg', 'image/jpeg'],
		],
	]);
});

test('Process All Binary Fields reads every invoice attachment of a mail and passes the text over', () => {
	expectSucceeded(run);
	const invoices = run.itemsOf(NODES.ocr).filter((item) => item.json.recordType === 'invoice');
	expect(invoices.map((item) => [mailIndexOf(item), item.json.sourceBinaryField, item.json.sourceFileName, item.json.pdfPage])).toEqual([
		[0, 'attachment_0', 'invoice-3-pages.pdf', 1],
		[0, 'attachment_0', 'invoice-3-pages.pdf', 2],
		[0, 'attachment_0', 'invoice-3-pages.pdf', 3],
		[0, 'attachment_2', 'invoice.png', null],
		[1, 'attachment_0', 'invoice.jpg', null],
		[3, 'attachment_0', `发票.zip/xml/${BUNDLE_INVOICES[0]}.xml`, null],
		[3, 'attachment_0', `发票.zip/xml/${BUNDLE_INVOICES[1]}.xml`, null],
		[3, 'attachment_1', 'invoice.jpg', null],
	]);
	// Each invoice carries on only the attachment it was read from.
	expect(invoices.map((item) => Object.keys(item.binary ?? {}))).toEqual([
		['attachment_0'], ['attachment_0'], ['attachment_0'], ['attachment_2'], ['attachment_0'], ['attachment_0'], ['attachment_0'], ['attachment_1'],
	]);
	// 3 PDF pages + PNG + JPEG + mail 4's JPEG; neither the text nor the GIF nor anything in 发票.zip was sent to Tencent.
	expect(emulator.stats().requests).toHaveLength(6);
});

test('a mail with 发票.zip (XML + PDF + OFD of two invoices) and a scanned JPEG: 3 invoices, 1 call', () => {
	expectSucceeded(run);
	const invoices = run.itemsOf(NODES.ocr).filter((item) => item.json.recordType === 'invoice' && mailIndexOf(item) === 3);
	expect(invoices.map((item) => [item.json.readFrom, item.json.invoiceNumber, item.json.requestId === null])).toEqual([
		['xml', BUNDLE_INVOICES[0], true],
		['xml', BUNDLE_INVOICES[1], true],
		['ocr', '00012345', false],
	]);
	// The mail's one call is its JPEG: of the 6 calls, 3 are the PDF's pages, 3 the images of mails 1, 2 and 4.
	const calls = emulator.stats().requests.map((request) => (request.params.IsPdf === true ? 'pdf page' : 'image'));
	expect(calls.filter((kind) => kind === 'image')).toHaveLength(3);
});

test('every OCR output is paired with the mail it came from', () => {
	expectSucceeded(run);
	const outputs = run.itemsOf(NODES.ocr);
	const mailIndexByKind = outputs.map((item) => [item.json.error === undefined ? item.json.recordType : 'error', mailIndexOf(item)]);
	// Mail 1: 3 PDF invoices (3 + 1 + 2 lines), the PNG (1 line); mail 2: the JPEG (1 line); mail 3: the error.
	expect(mailIndexByKind).toEqual([
		['invoice', 0], ['lineItem', 0], ['lineItem', 0], ['lineItem', 0],
		['invoice', 0], ['lineItem', 0],
		['invoice', 0], ['lineItem', 0], ['lineItem', 0],
		['invoice', 0], ['lineItem', 0],
		['invoice', 1], ['lineItem', 1],
		['error', 2],
		['invoice', 3], ['lineItem', 3],
		['invoice', 3], ['lineItem', 3], ['lineItem', 3],
		['invoice', 3], ['lineItem', 3],
	]);
});

test('the Switch routes every OCR output to exactly one branch', () => {
	expectSucceeded(run);
	const switchRules = example.nodes.find((node) => node.name === NODES.route)?.parameters.rules as { values: Array<{ outputKey: string }> };
	expect(switchRules.values.map((rule) => rule.outputKey)).toEqual(ROUTE_OUTPUTS);
	const routedCounts = ROUTE_OUTPUTS.map((_name, index) => outputOf(run, NODES.route, index).length);
	expect(routedCounts).toEqual([1, 3, 7, 10]);
	expect(routedCounts.reduce((sum, count) => sum + count, 0)).toBe(run.itemsOf(NODES.ocr).length);
});

test('Errors gets exactly the mail without an invoice file', () => {
	expectSucceeded(run);
	const errors = run.itemsOf(NODES.errors);
	expect(errors.map((item) => item.json)).toEqual([
		{
			error: 'None of the item\'s files is a PNG, JPEG, PDF, OFD, 数电 XML or a ZIP holding them (animation.gif) [item 2]',
			hint: 'Check that the mail or step before carries the invoice itself, not a link to it.',
			errorCode: null,
			requestId: null,
			// The item as a whole failed: no file or page to name.
			sourceFileName: null,
			sourceBinaryField: null,
			pdfPage: null,
		},
	]);
	expect(mailIndexBehind(run, 'Errors', errors[0])).toBe(2);
});

test('Needs Review gets the invoice whose totals disagree, with its line items', () => {
	expectSucceeded(run);
	const review = run.itemsOf(NODES.needsReview);
	expect(review.map((item) => [item.json.recordType, item.json.invoiceNumber, item.json.lineKey ?? null])).toEqual([
		['invoice', '33445566', null],
		['lineItem', '33445566', '044031900111-33445566#1'],
		['lineItem', '33445566', '044031900111-33445566#2'],
	]);
	expect(review.map((item) => mailIndexBehind(run, 'Needs Review', item))).toEqual([0, 0, 0]);
	expect(review[0].json).toMatchObject({ needsReview: true, sourceFileName: 'invoice-3-pages.pdf', pdfPage: 3, totalBeforeTax: 310 });
	expect(review[0].json.reviewReasons).toEqual(expect.arrayContaining([expect.any(String)]));
	// The source PDF goes along, for a reviewer to open.
	expect(review[0].binary?.attachment_0?.fileName).toBe('invoice-3-pages.pdf');
});

test('Spreadsheet Rows holds one flat row per good invoice, with its file and mail', () => {
	expectSucceeded(run);
	const mail1 = { mailFrom: MAILS[0].from, mailSubject: MAILS[0].subject };
	const mail2 = { mailFrom: MAILS[1].from, mailSubject: MAILS[1].subject };
	const mail4 = { mailFrom: MAILS[3].from, mailSubject: MAILS[3].subject };
	const rows = run.itemsOf(NODES.invoiceRows);
	expect(rows.map((item) => item.json)).toEqual([
		{
			invoiceNumber: '24442000000012345678', invoiceCode: null, issueDate: '2024-03-05',
			sellerName: '深圳市云帆信息技术有限公司', sellerTaxId: '91440300MA5G12345X', buyerName: '广州市明远贸易有限公司',
			totalBeforeTax: 11984.12, totalTax: 820.88, totalWithTax: 12805,
			dedupeKey: '24442000000012345678', sourceFileName: 'invoice-3-pages.pdf', ...mail1,
		},
		{
			invoiceNumber: '02468135', invoiceCode: '4403201130', issueDate: '2023-12-01',
			sellerName: '深圳市云帆信息技术有限公司', sellerTaxId: '91440300MA5G12345X', buyerName: '广州市明远贸易有限公司',
			totalBeforeTax: -1000, totalTax: -130, totalWithTax: -1130,
			dedupeKey: '4403201130-02468135', sourceFileName: 'invoice-3-pages.pdf', ...mail1,
		},
		{
			invoiceNumber: '63591128', invoiceCode: '012001100311', issueDate: '2019-06-16',
			sellerName: '深圳腾讯游戏有限公司', sellerTaxId: '911201103409033300', buyerName: '腾讯优图有限公司',
			totalBeforeTax: 87.28, totalTax: 2.62, totalWithTax: 89.9,
			dedupeKey: '012001100311-63591128', sourceFileName: 'invoice.png', ...mail1,
		},
		{
			invoiceNumber: '00012345', invoiceCode: '011002200311', issueDate: '2024-02-29',
			sellerName: '深圳市云帆信息技术有限公司', sellerTaxId: '91440300MA5G12345X', buyerName: '广州市明远贸易有限公司',
			totalBeforeTax: 50, totalTax: 1.5, totalWithTax: 51.5,
			dedupeKey: '011002200311-00012345', sourceFileName: 'invoice.jpg', ...mail2,
		},
		{
			invoiceNumber: '25312000000087654321', invoiceCode: null, issueDate: '2025-03-07',
			sellerName: '上海港湾餐饮管理有限公司', sellerTaxId: '91310115MA1K4ABC2D', buyerName: '杭州青禾科技有限公司',
			totalBeforeTax: 1886.79, totalTax: 113.21, totalWithTax: 2000,
			dedupeKey: '25312000000087654321', sourceFileName: '发票.zip/xml/25312000000087654321.xml', ...mail4,
		},
		{
			invoiceNumber: '25322000000055556666', invoiceCode: null, issueDate: '2025-11-20',
			sellerName: '苏州精工机械制造有限公司', sellerTaxId: '91320505MA1MQWER3T', buyerName: '南京恒远设备安装有限公司',
			totalBeforeTax: 5309.73, totalTax: 690.27, totalWithTax: 6000,
			dedupeKey: '25322000000055556666', sourceFileName: '发票.zip/xml/25322000000055556666.xml', ...mail4,
		},
		{
			invoiceNumber: '00012345', invoiceCode: '011002200311', issueDate: '2024-02-29',
			sellerName: '深圳市云帆信息技术有限公司', sellerTaxId: '91440300MA5G12345X', buyerName: '广州市明远贸易有限公司',
			totalBeforeTax: 50, totalTax: 1.5, totalWithTax: 51.5,
			dedupeKey: '011002200311-00012345', sourceFileName: 'invoice.jpg', ...mail4,
		},
	]);
	expect(rows.map((item) => mailIndexBehind(run, 'Invoices', item))).toEqual([0, 0, 0, 1, 3, 3, 3]);
	// Flat rows: no binary, nothing nested.
	expect(rows.every((item) => item.binary === undefined)).toBe(true);
});

test('Line Item Rows holds the lines of the good invoices only', () => {
	expectSucceeded(run);
	const lines = run.itemsOf(NODES.lineItemRows);
	expect(lines.map((item) => item.json.lineKey)).toEqual([
		'24442000000012345678#1',
		'24442000000012345678#2',
		'24442000000012345678#3',
		'4403201130-02468135#1',
		'012001100311-63591128#1',
		'011002200311-00012345#1',
		'25312000000087654321#1',
		'25322000000055556666#1',
		'25322000000055556666#2',
		'011002200311-00012345#1',
	]);
	expect(lines[4].json).toEqual({
		lineKey: '012001100311-63591128#1', dedupeKey: '012001100311-63591128', invoiceNumber: '63591128', lineNo: 1,
		itemName: '客运服务费', specification: '无', unitOfMeasure: '次', quantity: 1, unitPrice: 87.28, amountBeforeTax: 87.28, taxRate: 0.03, taxAmount: 2.62,
	});
});
