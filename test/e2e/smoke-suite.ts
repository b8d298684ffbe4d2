/**
 * The smoke suite every tested n8n release runs (2.x in real-n8n.test.ts, the last 1.x in
 * smoke-n8n-1.test.ts): a file read from disk becomes an invoice item and a line item; Continue On Fail
 * keeps the good item next to an error item; Recognize → Verify → If branches on the tax authority's verdict.
 * Also the environment they share: the emulator (with a switchable recognition), a sandbox, the credential.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { ensureN8n, type N8nRelease } from '../../scripts/n8n-env';
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
import { invoiceField, requestIdOf } from './invoice-fields';
import { N8nSandbox, type WorkflowRun } from './n8n-sandbox';
import { NODE_NAMES, recognizeFilesFromDisk, recognizeVerifyAndBranch, tencentCredential } from './workflows/invoice-workflows';

export const SAMPLE_INVOICE_NUMBER = 'No63591128';
/** A cold install of n8n on 2 busy cores took up to 8 minutes; the sandbox and migrations add 2. */
export const SETUP_TIMEOUT_MS = 20 * 60_000;
export const WORKFLOW_TIMEOUT_MS = 3 * 60_000;

export interface SmokeEnvironment {
	emulator: RunningEmulator;
	sandbox: N8nSandbox;
	/** Pages 1–3 of the 3-page PDF answer the fully digital, red-letter and disagreeing-totals responses. */
	serveThreeProjectResponses(): void;
	/** Back to the documented sample for every file. */
	serveSample(): void;
	/** The tax authority's answers until `answerVerifyAsUsual()`; the suite's own by default. */
	answerVerify(verdicts: (request: VerifyRequest) => object): void;
	answerVerifyAsUsual(): void;
	stop(): Promise<void>;
}

/** The tax authority's verdicts in this suite: the red-letter fixture is red-lettered, 33445566 unknown. */
export function taxAuthority(request: VerifyRequest): object {
	if (request.invoiceNo === '02468135') return sampleVerifyAnswer(request, { RedLetterInvoiceMark: true });
	if (request.invoiceNo === '33445566') throw verifyError(VERIFY_ERRORS.notFound);
	return sampleVerifyAnswer(request);
}

function projectResponseForPage({ pdfPageNumber }: RecognizeInput): object {
	const responsesByPage = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
	return JSON.parse(readFileSync(join(FIXTURES_DIR, 'responses', `${responsesByPage[pdfPageNumber - 1]}.json`), 'utf8')) as object;
}

/** Runs a step and prints how long it took: the install and n8n's start-ups dominate these suites. */
export async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	const result = await action();
	process.stdout.write(`[e2e] ${label}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
	return result;
}

/** The emulator, the release's n8n (installed or reused), a fresh sandbox with the packed package, the credential. */
export async function startSmokeEnvironment(release: N8nRelease): Promise<SmokeEnvironment> {
	assertPackageBuilt();
	let recognition: (input: RecognizeInput) => object = loadSampleRecognition;
	let verdicts: (request: VerifyRequest) => object = taxAuthority;
	const emulator = await startEmulator({ recognize: (input) => recognition(input), verify: (request) => verdicts(request) });
	try {
		const install = await timed(`ensure n8n ${release.line} installed`, () => ensureN8n(release));
		const sandbox = await timed(`install the packed package into a fresh n8n ${install.n8nVersion} user folder`, () =>
			N8nSandbox.create({ install, packageDir: REPO_ROOT, readableFolders: [FIXTURES_DIR] }),
		);
		const credential = tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url });
		await timed('import credentials (first n8n command: database migrations)', () => sandbox.importCredentials([credential]));
		return {
			emulator,
			sandbox,
			serveThreeProjectResponses: () => (recognition = projectResponseForPage),
			serveSample: () => (recognition = loadSampleRecognition),
			answerVerify: (answers) => (verdicts = answers),
			answerVerifyAsUsual: () => (verdicts = taxAuthority),
			stop: async () => {
				await sandbox.dispose();
				await emulator.stop();
			},
		};
	} catch (error) {
		await emulator.stop();
		throw error;
	}
}

/** A run that must have succeeded; otherwise fail with what n8n printed. */
export function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

/** The sample's fields as Tencent read them: in both the raw answer and the shaped invoice. */
export function expectSampleInvoice(item: INodeExecutionData): void {
	expect(invoiceField(item.json, '发票号码')).toBe(SAMPLE_INVOICE_NUMBER);
	expect(invoiceField(item.json, '发票代码')).toBe('012001100311');
	expect(invoiceField(item.json, '小写金额')).toBe('¥89.90');
	expect(invoiceField(item.json, '销售方名称')).toBe('深圳腾讯游戏有限公司');
	expect(requestIdOf(item.json)).toEqual(expect.any(String));
}

/** The shaped invoice item: normalised values and a passed self-check. */
export function expectShapedSampleInvoice(item: INodeExecutionData): void {
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

export const byRecordType = (items: INodeExecutionData[], recordType: string) =>
	items.filter((item) => item.json.recordType === recordType);

interface SmokeTest {
	name: string;
	run(environment: SmokeEnvironment): Promise<void>;
}

export const SMOKE_TESTS: SmokeTest[] = [
	{
		name: 'Read/Write Files from Disk → Tencent Invoice OCR: one invoice item and one line item for the sample PNG',
		async run({ sandbox }) {
			const workflow = recognizeFilesFromDisk('e2eReadFromDisk1', join(FIXTURES_DIR, 'invoice.png'));
			const run = await timed('workflow: binary file from disk', () => sandbox.importAndExecute(workflow));

			expectSucceeded(run);
			const [invoice, lineItem, ...rest] = run.itemsOf(NODE_NAMES.ocr);
			expect(rest).toHaveLength(0);
			expectShapedSampleInvoice(invoice);
			expect(invoice.binary?.data.fileName).toBe('invoice.png');
			expect(lineItem.json).toMatchObject({ recordType: 'lineItem', invoiceNumber: '63591128', itemName: '客运服务费', amountBeforeTax: 87.28 });
			expect([invoice.pairedItem, lineItem.pairedItem]).toEqual([{ item: 0 }, { item: 0 }]);
		},
	},
	{
		name: 'Continue On Fail: a GIF next to a good invoice gives one error item and the recognised invoice',
		async run({ sandbox }) {
			const fileSelector = join(FIXTURES_DIR, '{invoice.png,animation.gif}');
			const workflow = recognizeFilesFromDisk('e2eContinueFail1', fileSelector, { continueOnFail: true });
			const run = await timed('workflow: continue on fail', () => sandbox.importAndExecute(workflow));

			expectSucceeded(run);
			const inputFileNames = run.itemsOf(NODE_NAMES.readFile).map((item) => item.binary?.data.fileName);
			expect([...inputFileNames].sort()).toEqual(['animation.gif', 'invoice.png']);

			const outputs = run.itemsOf(NODE_NAMES.ocr);
			const inputFileNameOf = (item: INodeExecutionData) => inputFileNames[(item.pairedItem as { item: number }).item];
			const failed = outputs.filter((item) => item.json.error !== undefined);
			const invoices = byRecordType(outputs, 'invoice');

			expect(failed).toHaveLength(1);
			expect(inputFileNameOf(failed[0])).toBe('animation.gif');
			expect(failed[0].json.error).toMatch(/^The file is a GIF file, which Tencent cannot read \[item [01]\]$/);
			expect(invoices).toHaveLength(1);
			expect(inputFileNameOf(invoices[0])).toBe('invoice.png');
			expectShapedSampleInvoice(invoices[0]);
		},
	},
	{
		name: 'Recognize → Verify → If on status: only the genuine invoice takes the true branch, with no mapping',
		async run({ sandbox, emulator, serveThreeProjectResponses, serveSample }) {
			serveThreeProjectResponses();
			emulator.resetStats();
			const workflow = recognizeVerifyAndBranch('e2eVerifyBranch01', join(FIXTURES_DIR, 'invoice-3-pages.pdf'));
			const run = await timed('workflow: recognise, verify, branch', () => sandbox.importAndExecute(workflow)).finally(serveSample);

			expectSucceeded(run);
			const statuses = run.itemsOf(NODE_NAMES.verify).map((item) => [item.json.status, item.json.invoiceNumber ?? null]);
			expect(statuses).toEqual([
				['valid', '24442000000012345678'],
				['redLettered', '02468135'],
				// A verdict with no invoice behind it keeps the number it was asked about.
				['notFound', '33445566'],
			]);
			const ifRun = run.runData[NODE_NAMES.isValid][0].data!.main;
			expect(ifRun[0]!.map((item) => item.json.status)).toEqual(['valid']);
			expect(ifRun[1]!.map((item) => item.json.status)).toEqual(['redLettered', 'notFound']);
			const verifications = emulator.stats().requests.filter((request) => request.action === 'VatInvoiceVerifyNew');
			expect(verifications.map((request) => request.params.Amount)).toEqual(['12805.00', '-1000.00', '310.00']);
		},
	},
];

/** Registers the smoke suite for one n8n release in the calling test file. */
export function registerSmokeTests(environment: () => SmokeEnvironment): void {
	for (const smokeTest of SMOKE_TESTS) {
		test(smokeTest.name, () => smokeTest.run(environment()), WORKFLOW_TIMEOUT_MS);
	}
}
