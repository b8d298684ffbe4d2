/**
 * The shipped example examples/erp-sync-postgres.json, as a user imports it, run twice in a real n8n 2.41.1
 * against a real (throw-away) PostgreSQL and the Tencent emulator: invoices and their lines land in the
 * tables of examples/erp-sync-postgres.sql, and the second run of the same batch adds nothing.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, loadSampleRecognition, startEmulator, type RecognizeInput, type RunningEmulator } from '../emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox, withImportedCredentials, type N8nCredential, type N8nWorkflow, type WorkflowRun } from './n8n-sandbox';
import { postgresCredential, startPostgres, type RunningPostgres } from './postgres';
import { tencentCredential } from './workflows/invoice-workflows';

const EXAMPLE_WORKFLOW_PATH = join(REPO_ROOT, 'examples', 'erp-sync-postgres.json');
const EXAMPLE_SETUP_SQL_PATH = join(REPO_ROOT, 'examples', 'erp-sync-postgres.sql');
/** The placeholder examples/README.md tells users to replace. */
const EXAMPLE_FILE_SELECTOR = '/home/node/.n8n-files/invoices/*.{pdf,png,jpg,jpeg}';
const WORKFLOW_ID = 'e2eErpSyncPg0001';
const NODE = { ocr: 'Tencent Invoice OCR', upsertInvoice: 'Upsert Invoice', upsertLine: 'Upsert Invoice Line' } as const;
/** The batch: one 3-page PDF and one image, as a user's invoice folder would hold them. */
const BATCH_FILES = ['invoice-3-pages.pdf', 'invoice.png'];
/** What the emulator reads on each page of the PDF; the image is the documented sample. */
const RESPONSES_BY_PDF_PAGE = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];

const SETUP_TIMEOUT_MS = 10 * 60_000;
const WORKFLOW_TIMEOUT_MS = 6 * 60_000;

let postgres: RunningPostgres;
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let invoiceFolder: string;
let credentials: N8nCredential[];

async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	const result = await action();
	process.stdout.write(`[e2e erp-sync] ${label}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
	return result;
}

function recognizeByPage({ isPdf, pdfPageNumber }: RecognizeInput): object {
	if (!isPdf) return loadSampleRecognition();
	const responsePath = join(FIXTURES_DIR, 'responses', `${RESPONSES_BY_PDF_PAGE[pdfPageNumber - 1]}.json`);
	return JSON.parse(readFileSync(responsePath, 'utf8')) as object;
}

/** A copy of the fixtures in a folder of their own, so the example's glob shape is what selects them. */
async function prepareInvoiceFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'erp-sync-invoices-'));
	await Promise.all(BATCH_FILES.map((file) => copyFile(join(FIXTURES_DIR, file), join(folder, file))));
	return folder;
}

/** Swaps the file folder placeholder; fails if the example no longer holds the documented one. */
function withFileSelector(node: INode, fileSelector: string): INode {
	if (node.type !== 'n8n-nodes-base.readWriteFile') return node;
	expect(node.parameters.fileSelector).toBe(EXAMPLE_FILE_SELECTOR);
	return { ...node, parameters: { ...node.parameters, fileSelector } };
}

/** The example file as a user imports it, with its placeholders replaced as the README says. */
async function loadExampleWorkflow(fileSelector: string, imported: N8nCredential[]): Promise<N8nWorkflow> {
	const example = JSON.parse(await readFile(EXAMPLE_WORKFLOW_PATH, 'utf8')) as Omit<N8nWorkflow, 'id' | 'active'>;
	const nodes = example.nodes.map((node) => withImportedCredentials(withFileSelector(node, fileSelector), imported));
	return { ...example, id: WORKFLOW_ID, active: false, nodes };
}

function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

function startTimeOf(run: WorkflowRun, nodeName: string): number {
	const startTime = run.runData[nodeName]?.[0]?.startTime;
	if (startTime === undefined) throw new Error(`Node "${nodeName}" did not run`);
	return startTime;
}

/** One execution of the batch, with what n8n's nodes report about it. */
function expectBatchWritten(run: WorkflowRun): void {
	expectSucceeded(run);
	expect(run.itemsOf(NODE.ocr)).toHaveLength(4 + 7);
	// The Postgres node returns each upserted row (RETURNING *).
	expect(run.itemsOf(NODE.upsertInvoice)).toHaveLength(4);
	expect(run.itemsOf(NODE.upsertLine)).toHaveLength(7);
	// The lines' foreign key needs the invoices first: the example relies on v1 order (upper branch first).
	expect(startTimeOf(run, NODE.upsertInvoice)).toBeLessThan(startTimeOf(run, NODE.upsertLine));
}

interface RowCounts {
	invoices: number;
	lines: number;
}

const countRows = async (): Promise<RowCounts> =>
	(await postgres.query<RowCounts>('select (select count(*) from invoices) as invoices, (select count(*) from invoice_lines) as lines'))[0];

const requestIds = async (): Promise<string[]> =>
	(await postgres.query<{ request_id: string }>('select request_id from invoices order by dedupe_key')).map((row) => row.request_id);

const duplicateKeys = async (): Promise<unknown[]> => [
	...(await postgres.query('select dedupe_key, count(*) from invoices group by dedupe_key having count(*) > 1')),
	...(await postgres.query('select line_key, count(*) from invoice_lines group by line_key having count(*) > 1')),
];

beforeAll(async () => {
	assertPackageBuilt();
	invoiceFolder = await prepareInvoiceFolder();
	postgres = await timed('start PostgreSQL', startPostgres);
	await postgres.execute(await readFile(EXAMPLE_SETUP_SQL_PATH, 'utf8'));
	emulator = await startEmulator({ recognize: recognizeByPage });
	const install = await timed('ensure n8n installed', ensureN8n);
	sandbox = await timed('install the packed package into a fresh n8n user folder', () =>
		N8nSandbox.create({ install, packageDir: REPO_ROOT, readableFolders: [invoiceFolder] }),
	);
	credentials = [
		tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url }),
		postgresCredential(postgres),
	];
	await timed('import credentials', () => sandbox.importCredentials(credentials));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.dispose();
	await emulator?.stop();
	await postgres?.stop();
	if (invoiceFolder) await rm(invoiceFolder, { recursive: true, force: true });
});

test(
	'examples/erp-sync-postgres.json upserts 4 invoices and 7 lines into PostgreSQL; a second run of the batch adds nothing',
	async () => {
		const workflow = await loadExampleWorkflow(join(invoiceFolder, '*.{pdf,png,jpg,jpeg}'), credentials);

		const firstRun = await timed('first run of the example', () => sandbox.importAndExecute(workflow));
		expectBatchWritten(firstRun);
		expect(await countRows()).toEqual({ invoices: 4, lines: 7 });
		const firstRequestIds = await requestIds();

		const secondRun = await timed('second run, same batch', () => sandbox.execute(workflow.id));
		expectBatchWritten(secondRun);
		expect(await countRows()).toEqual({ invoices: 4, lines: 7 });
		expect(await duplicateKeys()).toEqual([]);
		// Updated in place, not skipped: each row carries the second run's RequestId.
		const secondRequestIds = await requestIds();
		secondRequestIds.forEach((requestId, index) => expect(requestId).not.toBe(firstRequestIds[index]));
	},
	WORKFLOW_TIMEOUT_MS,
);

test('the invoices table holds the normalised values: dates, negative red-letter totals, no code on the fully digital invoice', async () => {
	const rows = await postgres.query(
		`select dedupe_key, invoice_number, invoice_code, issue_date, seller_name, seller_tax_id, buyer_tax_id,
			total_amount, total_tax, total_with_tax, needs_review, pdf_page
		from invoices order by dedupe_key`,
	);
	const seller = { seller_name: '深圳市云帆信息技术有限公司', seller_tax_id: '91440300MA5G12345X', buyer_tax_id: '91440101MA9Y54321K' };
	expect(rows).toEqual([
		{
			dedupe_key: '012001100311-63591128', invoice_number: '63591128', invoice_code: '012001100311', issue_date: '2019-06-16',
			seller_name: '深圳腾讯游戏有限公司', seller_tax_id: '911201103409033300', buyer_tax_id: '91440300MA55UJ6L44',
			total_amount: 87.28, total_tax: 2.62, total_with_tax: 89.9, needs_review: false, pdf_page: null,
		},
		{
			dedupe_key: '044031900111-33445566', invoice_number: '33445566', invoice_code: '044031900111', issue_date: '2024-01-15', ...seller,
			total_amount: 310, total_tax: 39, total_with_tax: 349, needs_review: true, pdf_page: 3,
		},
		{
			dedupe_key: '24442000000012345678', invoice_number: '24442000000012345678', invoice_code: null, issue_date: '2024-03-05', ...seller,
			total_amount: 11984.12, total_tax: 820.88, total_with_tax: 12805, needs_review: false, pdf_page: 1,
		},
		{
			dedupe_key: '4403201130-02468135', invoice_number: '02468135', invoice_code: '4403201130', issue_date: '2023-12-01', ...seller,
			total_amount: -1000, total_tax: -130, total_with_tax: -1130, needs_review: false, pdf_page: 2,
		},
	]);
});

test('each invoice that passed the self-check totals its lines; the one whose lines disagree is flagged with its reasons', async () => {
	const rows = await postgres.query(
		`select i.dedupe_key, count(l.line_key) as line_count, sum(l.amount) as line_amount_sum, i.total_amount, i.needs_review, i.review_reasons
		from invoices i left join invoice_lines l using (dedupe_key)
		group by i.dedupe_key order by i.dedupe_key`,
	);
	expect(rows).toEqual([
		{ dedupe_key: '012001100311-63591128', line_count: 1, line_amount_sum: 87.28, total_amount: 87.28, needs_review: false, review_reasons: null },
		{
			dedupe_key: '044031900111-33445566', line_count: 2, line_amount_sum: 300, total_amount: 310, needs_review: true,
			review_reasons: 'Line amounts before tax add up to 300.00, not the total before tax 310.00\nThe amount in words (348.00) differs from the total including tax (349.00)',
		},
		{ dedupe_key: '24442000000012345678', line_count: 3, line_amount_sum: 11984.12, total_amount: 11984.12, needs_review: false, review_reasons: null },
		{ dedupe_key: '4403201130-02468135', line_count: 1, line_amount_sum: -1000, total_amount: -1000, needs_review: false, review_reasons: null },
	]);
	const passed = rows.filter((row) => row.needs_review === false);
	passed.forEach((row) => expect(row.line_amount_sum).toBe(row.total_amount));
});

test('line items keep mixed and exempt tax rates: a fraction and the printed text, null rate and tax when exempt', async () => {
	const rows = await postgres.query(
		`select line_key, dedupe_key, line_no, name, spec, unit, quantity, unit_price, amount, tax_rate, tax_rate_text, tax_amount
		from invoice_lines where dedupe_key = :'p1' order by line_no`,
		['24442000000012345678'],
	);
	const invoice = { dedupe_key: '24442000000012345678' };
	expect(rows).toEqual([
		{
			line_key: '24442000000012345678#1', ...invoice, line_no: 1, name: '*信息技术服务*软件开发服务', spec: null, unit: '项',
			quantity: 1, unit_price: 10000, amount: 10000, tax_rate: 0.06, tax_rate_text: '6%', tax_amount: 600,
		},
		{
			line_key: '24442000000012345678#2', ...invoice, line_no: 2, name: '*计算机配套产品*无线鼠标', spec: 'M185', unit: '个',
			quantity: 20, unit_price: 84.955752, amount: 1699.12, tax_rate: 0.13, tax_rate_text: '13%', tax_amount: 220.88,
		},
		{
			line_key: '24442000000012345678#3', ...invoice, line_no: 3, name: '*图书*技术图书', spec: null, unit: '本',
			quantity: 3, unit_price: 95, amount: 285, tax_rate: null, tax_rate_text: '免税', tax_amount: null,
		},
	]);
	const redLetterLine = await postgres.query(`select quantity, amount, tax_amount from invoice_lines where dedupe_key = '4403201130-02468135'`);
	expect(redLetterLine).toEqual([{ quantity: -2, amount: -1000, tax_amount: -130 }]);
});
