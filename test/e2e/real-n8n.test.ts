/**
 * The built package in a real n8n 2.41.1 (Node 24, a child process), against the local Tencent emulator
 * running in this jest process. The first run on a machine installs n8n (minutes); later runs reuse it.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import {
	DEMO_CREDENTIALS,
	VERIFY_ERRORS,
	loadSampleRecognition,
	sampleVerifyAnswer,
	startEmulator,
	verifyError,
	type RecognizeInput,
	type RunningEmulator,
	type VerifyRequest,
} from '../emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';
import { invoiceField, requestIdOf } from './invoice-fields';
import { N8nSandbox, type WorkflowRun } from './n8n-sandbox';
import {
	NODE_NAMES,
	recognizeAndCheckTotals,
	recognizeFilesFromDisk,
	recognizeVerifyAndBranch,
	recognizeWithoutFile,
	tencentCredential,
} from './workflows/invoice-workflows';

const SAMPLE_INVOICE_NUMBER = 'No63591128';
const SETUP_TIMEOUT_MS = 10 * 60_000;
const WORKFLOW_TIMEOUT_MS = 3 * 60_000;

let emulator: RunningEmulator;
/** What the emulator recognises: the documented sample unless a test serves its own responses. */
let recognition: (input: RecognizeInput) => object = loadSampleRecognition;

/** Pages 1–3 of the 3-page PDF answer the project's fully digital, red-letter and disagreeing-totals responses. */
function serveThreeProjectResponses(): void {
	const responsesByPage = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
	recognition = ({ pdfPageNumber }) =>
		JSON.parse(readFileSync(join(FIXTURES_DIR, 'responses', `${responsesByPage[pdfPageNumber - 1]}.json`), 'utf8'));
}

/** The tax authority's verdicts in this suite: the red-letter fixture is red-lettered, 33445566 unknown. */
function taxAuthority(request: VerifyRequest): object {
	if (request.invoiceNo === '02468135') return sampleVerifyAnswer(request, { RedLetterInvoiceMark: true });
	if (request.invoiceNo === '33445566') throw verifyError(VERIFY_ERRORS.notFound);
	return sampleVerifyAnswer(request);
}
/** The tax authority the emulator asks: taxAuthority unless a test sets its own. */
let verdicts: (request: VerifyRequest) => object = taxAuthority;
let fixtureServer: FixtureServer;
let sandbox: N8nSandbox;

/** Runs a step and prints how long it took: the install and n8n's start-ups dominate this suite. */
async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	const result = await action();
	process.stdout.write(`[e2e] ${label}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
	return result;
}

/** A run that must have succeeded; otherwise fail with what n8n printed. */
function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

/** The sample's fields as Tencent read them: in both the raw answer and the shaped invoice. */
function expectSampleInvoice(item: INodeExecutionData): void {
	expect(invoiceField(item.json, '发票号码')).toBe(SAMPLE_INVOICE_NUMBER);
	expect(invoiceField(item.json, '发票代码')).toBe('012001100311');
	expect(invoiceField(item.json, '小写金额')).toBe('¥89.90');
	expect(invoiceField(item.json, '销售方名称')).toBe('深圳腾讯游戏有限公司');
	expect(requestIdOf(item.json)).toEqual(expect.any(String));
}

/** The shaped invoice item: normalised values and a passed self-check. */
function expectShapedSampleInvoice(item: INodeExecutionData): void {
	expectSampleInvoice(item);
	expect(item.json).toMatchObject({
		recordType: 'invoice',
		invoiceNumber: '63591128',
		invoiceCode: '012001100311',
		issueDate: '2019-06-16',
		totalWithTax: 89.9,
		needsReview: false,
	});
}

const byRecordType = (items: INodeExecutionData[], recordType: string) =>
	items.filter((item) => item.json.recordType === recordType);

beforeAll(async () => {
	assertPackageBuilt();
	emulator = await startEmulator({ recognize: (input) => recognition(input), verify: (request) => verdicts(request) });
	fixtureServer = await serveFolder(FIXTURES_DIR);
	const install = await timed('ensure n8n installed', ensureN8n);
	sandbox = await timed('install the packed package into a fresh n8n user folder', () =>
		N8nSandbox.create({ install, packageDir: REPO_ROOT, readableFolders: [FIXTURES_DIR] }),
	);
	const credential = tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url });
	await timed('import credentials (first n8n command: database migrations)', () => sandbox.importCredentials([credential]));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.dispose();
	await fixtureServer?.stop();
	await emulator?.stop();
});

test(
	'Read/Write Files from Disk → Tencent Invoice OCR: one invoice item and one line item for the sample PNG',
	async () => {
		const workflow = recognizeFilesFromDisk('e2eReadFromDisk1', join(FIXTURES_DIR, 'invoice.png'));
		const run = await timed('workflow: binary file from disk', () => sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const [invoice, lineItem, ...rest] = run.itemsOf(NODE_NAMES.ocr);
		expect(rest).toHaveLength(0);
		expectShapedSampleInvoice(invoice);
		expect(invoice.binary?.data.fileName).toBe('invoice.png');
		expect(lineItem.json).toMatchObject({ recordType: 'lineItem', invoiceNumber: '63591128', name: '客运服务费', amount: 87.28 });
		expect([invoice.pairedItem, lineItem.pairedItem]).toEqual([{ item: 0 }, { item: 0 }]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'URL input, raw output: Tencent (the emulator) downloads the invoice from a loopback server',
	async () => {
		const fileUrl = fixtureServer.urlOf('invoice.jpg');
		emulator.resetStats();
		const workflow = recognizeWithoutFile('e2eFileUrl000001', { inputType: 'url', fileUrl }, { output: 'raw' });
		const run = await timed('workflow: file URL', () => sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const items = run.itemsOf(NODE_NAMES.ocr);
		expect(items).toHaveLength(1);
		expectSampleInvoice(items[0]);
		expect(items[0].json.VatInvoiceInfos).toEqual(expect.any(Array));
		const [request] = emulator.stats().requests;
		expect(request.params).toMatchObject({ ImageUrl: fileUrl });
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Continue On Fail: a GIF next to a good invoice gives one error item and the recognised invoice',
	async () => {
		const fileSelector = join(FIXTURES_DIR, '{invoice.png,animation.gif}');
		const workflow = recognizeFilesFromDisk('e2eContinueFail1', fileSelector, { continueOnFail: true });
		const run = await timed('workflow: continue on fail', () => sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const inputFileNames = run.itemsOf(NODE_NAMES.readFile).map((item) => item.binary?.data.fileName);
		expect([...inputFileNames].sort()).toEqual(['animation.gif', 'invoice.png']);

		const outputs = run.itemsOf(NODE_NAMES.ocr);
		const inputFileNameOf = (item: INodeExecutionData) =>
			inputFileNames[(item.pairedItem as { item: number }).item];
		const failed = outputs.filter((item) => item.json.error !== undefined);
		const invoices = byRecordType(outputs, 'invoice');

		expect(failed).toHaveLength(1);
		expect(inputFileNameOf(failed[0])).toBe('animation.gif');
		expect(failed[0].json.error).toMatch(/^The file is a GIF file, which Tencent cannot read \[item [01]\]$/);
		expect(invoices).toHaveLength(1);
		expect(inputFileNameOf(invoices[0])).toBe('invoice.png');
		expectShapedSampleInvoice(invoices[0]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Without Continue On Fail the GIF stops the workflow with the node error',
	async () => {
		const workflow = recognizeFilesFromDisk('e2eStopOnError01', join(FIXTURES_DIR, 'animation.gif'));
		const run = await timed('workflow: stop on error', () => sandbox.importAndExecute(workflow));

		expect(run.exitCode).toBe(1);
		expect(run.errorMessage).toBe('The file is a GIF file, which Tencent cannot read [item 0]');
		expect(run.runData[NODE_NAMES.ocr]?.[0]?.error?.message).toBe(run.errorMessage);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'PDF, all pages, invoices output: one invoice per page of a 3-page PDF, line items nested',
	async () => {
		const pdfPath = join(FIXTURES_DIR, 'invoice-3-pages.pdf');
		const workflow = recognizeFilesFromDisk('e2ePdfAllPages01', pdfPath, { pdfPages: 'all', output: 'invoices' });
		emulator.resetStats();
		const run = await timed('workflow: PDF, all pages', () => sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const invoices = run.itemsOf(NODE_NAMES.ocr);
		expect(invoices.map((item) => [item.json.pdfPage, item.json.pdfPageCount])).toEqual([[1, 3], [2, 3], [3, 3]]);
		invoices.forEach((item) => {
			expectShapedSampleInvoice(item);
			expect(item.json.lineItems).toHaveLength(1);
		});
		expect(emulator.stats().requests.map((request) => request.params.PdfPageNumber)).toEqual([1, 2, 3]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Base64 input under Continue On Fail: a Tencent API error becomes an item with its error code',
	async () => {
		const base64Content = (await readFile(join(FIXTURES_DIR, 'invoice.jpg'))).toString('base64');
		const workflow = recognizeWithoutFile('e2eApiError00001', { inputType: 'base64', base64Content }, { continueOnFail: true });
		emulator.setFaults({ failNext: { code: 'FailedOperation.OcrFailed' } });
		const run = await timed('workflow: Tencent API error', () => sandbox.importAndExecute(workflow)).finally(() =>
			emulator.setFaults({}),
		);

		expectSucceeded(run);
		const [item] = run.itemsOf(NODE_NAMES.ocr);
		expect(item.json).toMatchObject({ errorCode: 'FailedOperation.OcrFailed', requestId: expect.any(String) });
		expect(item.json.error).toEqual(expect.any(String));
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'A Code node after the OCR node sums each invoice\'s line items and checks them against its total, no mapping needed',
	async () => {
		serveThreeProjectResponses();
		const workflow = recognizeAndCheckTotals('e2eCodeTotals001', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
		const run = await timed('workflow: Code node checks line totals', () => sandbox.importAndExecute(workflow)).finally(
			() => (recognition = loadSampleRecognition),
		);

		expectSucceeded(run);
		expect(run.itemsOf(NODE_NAMES.checkTotals).map((item) => item.json)).toEqual([
			{ invoiceNumber: '24442000000012345678', lineCount: 3, lineAmountSum: 11984.12, totalAmount: 11984.12, linesMatchTotal: true, needsReview: false },
			{ invoiceNumber: '02468135', lineCount: 1, lineAmountSum: -1000, totalAmount: -1000, linesMatchTotal: true, needsReview: false },
			{ invoiceNumber: '33445566', lineCount: 2, lineAmountSum: 300, totalAmount: 310, linesMatchTotal: false, needsReview: true },
		]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Recognize → Verify → If on status: only the genuine invoice takes the true branch, with no mapping',
	async () => {
		serveThreeProjectResponses();
		emulator.resetStats();
		const workflow = recognizeVerifyAndBranch('e2eVerifyBranch01', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
		const run = await timed('workflow: recognise, verify, branch', () => sandbox.importAndExecute(workflow)).finally(
			() => (recognition = loadSampleRecognition),
		);

		expectSucceeded(run);
		const statuses = run.itemsOf(NODE_NAMES.verify).map((item) => [item.json.status, item.json.invoiceNumber ?? null]);
		expect(statuses).toEqual([
			['valid', '24442000000012345678'],
			['redLettered', '02468135'],
			['notFound', null],
		]);
		const ifRun = run.runData[NODE_NAMES.isValid][0].data!.main;
		expect(ifRun[0]!.map((item) => item.json.status)).toEqual(['valid']);
		expect(ifRun[1]!.map((item) => item.json.status)).toEqual(['redLettered', 'notFound']);
		const verifications = emulator.stats().requests.filter((request) => request.action === 'VatInvoiceVerifyNew');
		expect(verifications.map((request) => request.params.Amount)).toEqual(['12805.00', '-1000.00', '310.00']);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Recognize → Verify → If on status: invoices reversed in full (HF) and in part (HP) by a red invoice take the not-valid branch',
	async () => {
		serveThreeProjectResponses();
		verdicts = (request) => {
			if (request.invoiceNo === '24442000000012345678') return sampleVerifyAnswer(request, { IsAbandoned: 'HF', RedLetterInvoiceMark: false });
			if (request.invoiceNo === '33445566') return sampleVerifyAnswer(request, { IsAbandoned: 'HP', RedLetterInvoiceMark: false });
			return taxAuthority(request);
		};
		const workflow = recognizeVerifyAndBranch('e2eVerifyReversed1', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
		const run = await timed('workflow: recognise, verify reversed invoices, branch', () => sandbox.importAndExecute(workflow)).finally(() => {
			recognition = loadSampleRecognition;
			verdicts = taxAuthority;
		});

		expectSucceeded(run);
		const statuses = run.itemsOf(NODE_NAMES.verify).map((item) => [item.json.status, item.json.invoiceNumber]);
		expect(statuses).toEqual([
			['reversed', '24442000000012345678'],
			['redLettered', '02468135'],
			['partiallyReversed', '33445566'],
		]);
		const ifRun = run.runData[NODE_NAMES.isValid][0].data!.main;
		expect(ifRun[0] ?? []).toEqual([]);
		expect(ifRun[1]!.map((item) => item.json.status)).toEqual(['reversed', 'redLettered', 'partiallyReversed']);
	},
	WORKFLOW_TIMEOUT_MS,
);
