/**
 * The built package in a real n8n 2.41.1 (Node 24, a child process), against the local Tencent emulator
 * running in this jest process: the smoke suite (smoke-suite.ts, also run in n8n 1.x) and the 2.x-only
 * checks below. The first run on a machine installs n8n (minutes); later runs reuse it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { N8N_2 } from '../../scripts/n8n-env';
import { sampleVerifyAnswer } from '../emulator';
import { FIXTURES_DIR } from './built-package';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';
import {
	SETUP_TIMEOUT_MS,
	WORKFLOW_TIMEOUT_MS,
	expectSampleInvoice,
	expectShapedSampleInvoice,
	expectSucceeded,
	registerSmokeTests,
	startSmokeEnvironment,
	taxAuthority,
	timed,
	type SmokeEnvironment,
} from './smoke-suite';
import {
	NODE_NAMES,
	recognizeAndCheckTotals,
	recognizeFilesFromDisk,
	recognizeVerifyAndBranch,
	recognizeWithoutFile,
} from './workflows/invoice-workflows';

let environment: SmokeEnvironment;
let fixtureServer: FixtureServer;

beforeAll(async () => {
	environment = await startSmokeEnvironment(N8N_2);
	fixtureServer = await serveFolder(FIXTURES_DIR);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await fixtureServer?.stop();
	await environment?.stop();
});

registerSmokeTests(() => environment);

test(
	'URL input, raw output: Tencent (the emulator) downloads the invoice from a loopback server',
	async () => {
		const fileUrl = fixtureServer.urlOf('invoice.jpg');
		environment.emulator.resetStats();
		const workflow = recognizeWithoutFile('e2eFileUrl000001', { inputType: 'url', fileUrl }, { output: 'raw' });
		const run = await timed('workflow: file URL', () => environment.sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const items = run.itemsOf(NODE_NAMES.ocr);
		expect(items).toHaveLength(1);
		expectSampleInvoice(items[0]);
		expect(items[0].json.VatInvoiceInfos).toEqual(expect.any(Array));
		const [request] = environment.emulator.stats().requests;
		expect(request.params).toMatchObject({ ImageUrl: fileUrl });
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Without Continue On Fail the GIF stops the workflow with the node error',
	async () => {
		const workflow = recognizeFilesFromDisk('e2eStopOnError01', join(FIXTURES_DIR, 'animation.gif'));
		const run = await timed('workflow: stop on error', () => environment.sandbox.importAndExecute(workflow));

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
		environment.emulator.resetStats();
		const run = await timed('workflow: PDF, all pages', () => environment.sandbox.importAndExecute(workflow));

		expectSucceeded(run);
		const invoices = run.itemsOf(NODE_NAMES.ocr);
		expect(invoices.map((item) => [item.json.pdfPage, item.json.pdfPageCount])).toEqual([[1, 3], [2, 3], [3, 3]]);
		invoices.forEach((item) => {
			expectShapedSampleInvoice(item);
			expect(item.json.lineItems).toHaveLength(1);
		});
		expect(environment.emulator.stats().requests.map((request) => request.params.PdfPageNumber)).toEqual([1, 2, 3]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Base64 input under Continue On Fail: a Tencent API error becomes an item with its error code',
	async () => {
		const base64Content = (await readFile(join(FIXTURES_DIR, 'invoice.jpg'))).toString('base64');
		const workflow = recognizeWithoutFile('e2eApiError00001', { inputType: 'base64', base64Content }, { continueOnFail: true });
		environment.emulator.setFaults({ failNext: { code: 'FailedOperation.OcrFailed' } });
		const run = await timed('workflow: Tencent API error', () => environment.sandbox.importAndExecute(workflow)).finally(() =>
			environment.emulator.setFaults({}),
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
		environment.serveThreeProjectResponses();
		const workflow = recognizeAndCheckTotals('e2eCodeTotals001', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
		const run = await timed('workflow: Code node checks line totals', () => environment.sandbox.importAndExecute(workflow)).finally(
			environment.serveSample,
		);

		expectSucceeded(run);
		expect(run.itemsOf(NODE_NAMES.checkTotals).map((item) => item.json)).toEqual([
			{ invoiceNumber: '24442000000012345678', lineCount: 3, lineAmountSum: 11984.12, totalBeforeTax: 11984.12, linesMatchTotal: true, needsReview: false },
			{ invoiceNumber: '02468135', lineCount: 1, lineAmountSum: -1000, totalBeforeTax: -1000, linesMatchTotal: true, needsReview: false },
			{ invoiceNumber: '33445566', lineCount: 2, lineAmountSum: 300, totalBeforeTax: 310, linesMatchTotal: false, needsReview: true },
		]);
	},
	WORKFLOW_TIMEOUT_MS,
);

test(
	'Recognize → Verify → If on status: invoices reversed in full (HF) and in part (HP) by a red invoice take the not-valid branch',
	async () => {
		environment.serveThreeProjectResponses();
		environment.answerVerify((request) => {
			if (request.invoiceNo === '24442000000012345678') return sampleVerifyAnswer(request, { IsAbandoned: 'HF', RedLetterInvoiceMark: false });
			if (request.invoiceNo === '33445566') return sampleVerifyAnswer(request, { IsAbandoned: 'HP', RedLetterInvoiceMark: false });
			return taxAuthority(request);
		});
		const workflow = recognizeVerifyAndBranch('e2eVerifyReversed1', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
		const run = await timed('workflow: recognize, verify reversed invoices, branch', () =>
			environment.sandbox.importAndExecute(workflow),
		).finally(() => {
			environment.serveSample();
			environment.answerVerifyAsUsual();
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
