/**
 * The shipped example examples/erp-sync-postgres.json, as a user imports it, run twice in a real n8n 2.41.1
 * against a real (throw-away) PostgreSQL and the Tencent emulator: invoices and their lines, from PDF, image
 * and OFD files alike, land in the tables of examples/erp-sync-postgres.sql, and the second run of the same
 * batch adds nothing. Then the same example with a Verify node put in, as its sticky note says: the tax
 * authority's record lands through the same mapping, Verify's inputs left at their defaults.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import {
	DEMO_CREDENTIALS,
	RECENT_SAMPLE_AGE_DAYS,
	loadRecentSampleRecognition,
	startEmulator,
	type RecognizeInput,
	type RunningEmulator,
} from '../emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox, withImportedCredentials, type N8nCredential, type N8nWorkflow, type WorkflowRun } from './n8n-sandbox';
import { postgresCredential, startPostgres, type RunningPostgres } from './postgres';
import { tencentCredential } from './workflows/invoice-workflows';

const EXAMPLE_WORKFLOW_PATH = join(REPO_ROOT, 'examples', 'erp-sync-postgres.json');
const EXAMPLE_SETUP_SQL_PATH = join(REPO_ROOT, 'examples', 'erp-sync-postgres.sql');
/** The placeholder examples/README.md tells users to replace. */
const EXAMPLE_FILE_SELECTOR = '/home/node/.n8n-files/invoices/*.{pdf,png,jpg,jpeg,ofd}';
const WORKFLOW_ID = 'e2eErpSyncPg0001';
const NODE = { ocr: 'Tencent Invoice OCR', route: 'Route by Record Type', upsertInvoice: 'Upsert Invoice', upsertLine: 'Upsert Invoice Line', verify: 'Verify VAT Invoice' } as const;
/** The batch: one 3-page PDF, one image and one OFD file, as a user's invoice folder would hold them. */
const BATCH_FILES = ['invoice-3-pages.pdf', 'invoice.png', 'invoice.ofd'];
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

const DAY_MS = 24 * 60 * 60 * 1000;
/** A day before today in China, as YYYY-MM-DD. */
const daysAgo = (days: number) => new Date(Date.now() + 8 * 60 * 60 * 1000 - days * DAY_MS).toISOString().slice(0, 10);

/** The image is the documented sample, dated recently so that the tax authority can verify it. */
function recognizeByPage({ isPdf, pdfPageNumber }: RecognizeInput): object {
	if (!isPdf) return loadRecentSampleRecognition(Date.now());
	const responsePath = join(FIXTURES_DIR, 'responses', `${RESPONSES_BY_PDF_PAGE[pdfPageNumber - 1]}.json`);
	return JSON.parse(readFileSync(responsePath, 'utf8')) as object;
}

/** The OFD file's invoice, as VerifyOfdVatInvoiceOCR answers it: its lines carry no number (their position stands in). */
const OFD_INVOICE = {
	Type: '026',
	InvoiceCode: '011002200311',
	InvoiceNumber: '00012345',
	IssueDate: '2024年02月20日',
	InvoiceCheckCode: '12345678901234567890',
	Buyer: { Name: '腾讯优图有限公司', TaxId: '91440300MA55UJ6L44' },
	Seller: { Name: '北京某某餐饮有限公司', TaxId: '91110105MA00ABCD1X' },
	TaxExclusiveTotalAmount: '150.00',
	TaxTotalAmount: '9.00',
	TaxInclusiveTotalAmount: '159.00',
	GoodsInfos: [
		{ Item: '*餐饮服务*餐费', Quantity: '1', Price: '100', Amount: '100.00', TaxScheme: '6%', TaxAmount: '6.00', MeasurementDimension: '次', Specification: '' },
		{ Item: '*餐饮服务*饮料', Quantity: '2', Price: '25', Amount: '50.00', TaxScheme: '6%', TaxAmount: '3.00', MeasurementDimension: '瓶', Specification: '' },
	],
};

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
	expect(run.itemsOf(NODE.ocr)).toHaveLength(5 + 9);
	// The Postgres node returns each upserted row (RETURNING *).
	expect(run.itemsOf(NODE.upsertInvoice)).toHaveLength(5);
	expect(run.itemsOf(NODE.upsertLine)).toHaveLength(9);
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
	emulator = await startEmulator({ recognize: recognizeByPage, recognizeOfd: () => OFD_INVOICE });
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
	'examples/erp-sync-postgres.json upserts 5 invoices and 9 lines (PDF, image and OFD) into PostgreSQL; a second run of the batch adds nothing',
	async () => {
		const workflow = await loadExampleWorkflow(join(invoiceFolder, '*.{pdf,png,jpg,jpeg,ofd}'), credentials);

		const firstRun = await timed('first run of the example', () => sandbox.importAndExecute(workflow));
		expectBatchWritten(firstRun);
		expect(await countRows()).toEqual({ invoices: 5, lines: 9 });
		const firstRequestIds = await requestIds();

		const secondRun = await timed('second run, same batch', () => sandbox.execute(workflow.id));
		expectBatchWritten(secondRun);
		expect(await countRows()).toEqual({ invoices: 5, lines: 9 });
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
			total_before_tax, total_tax, total_with_tax, needs_review, pdf_page
		from invoices order by dedupe_key`,
	);
	const seller = { seller_name: '深圳市云帆信息技术有限公司', seller_tax_id: '91440300MA5G12345X', buyer_tax_id: '91440101MA9Y54321K' };
	expect(rows).toEqual([
		{
			dedupe_key: '011002200311-00012345', invoice_number: '00012345', invoice_code: '011002200311', issue_date: '2024-02-20',
			seller_name: '北京某某餐饮有限公司', seller_tax_id: '91110105MA00ABCD1X', buyer_tax_id: '91440300MA55UJ6L44',
			total_before_tax: 150, total_tax: 9, total_with_tax: 159, needs_review: false, pdf_page: null,
		},
		{
			dedupe_key: '012001100311-63591128', invoice_number: '63591128', invoice_code: '012001100311', issue_date: daysAgo(RECENT_SAMPLE_AGE_DAYS),
			seller_name: '深圳腾讯游戏有限公司', seller_tax_id: '911201103409033300', buyer_tax_id: '91440300MA55UJ6L44',
			total_before_tax: 87.28, total_tax: 2.62, total_with_tax: 89.9, needs_review: false, pdf_page: null,
		},
		{
			dedupe_key: '044031900111-33445566', invoice_number: '33445566', invoice_code: '044031900111', issue_date: '2024-01-15', ...seller,
			total_before_tax: 310, total_tax: 39, total_with_tax: 349, needs_review: true, pdf_page: 3,
		},
		{
			dedupe_key: '24442000000012345678', invoice_number: '24442000000012345678', invoice_code: null, issue_date: '2024-03-05', ...seller,
			total_before_tax: 11984.12, total_tax: 820.88, total_with_tax: 12805, needs_review: false, pdf_page: 1,
		},
		{
			dedupe_key: '4403201130-02468135', invoice_number: '02468135', invoice_code: '4403201130', issue_date: '2023-12-01', ...seller,
			total_before_tax: -1000, total_tax: -130, total_with_tax: -1130, needs_review: false, pdf_page: 2,
		},
	]);
});

test('each invoice that passed the self-check totals its lines; the one whose lines disagree is flagged with its reasons', async () => {
	const rows = await postgres.query(
		`select i.dedupe_key, count(l.line_key) as line_count, sum(l.amount_before_tax) as line_amount_sum, i.total_before_tax, i.needs_review, i.review_reasons
		from invoices i left join invoice_lines l using (dedupe_key)
		group by i.dedupe_key order by i.dedupe_key`,
	);
	expect(rows).toEqual([
		{ dedupe_key: '011002200311-00012345', line_count: 2, line_amount_sum: 150, total_before_tax: 150, needs_review: false, review_reasons: null },
		{ dedupe_key: '012001100311-63591128', line_count: 1, line_amount_sum: 87.28, total_before_tax: 87.28, needs_review: false, review_reasons: null },
		{
			dedupe_key: '044031900111-33445566', line_count: 2, line_amount_sum: 300, total_before_tax: 310, needs_review: true,
			review_reasons: 'Line amounts before tax add up to 300.00, not the total before tax 310.00\nThe amount in words (348.00) differs from the total including tax (349.00)',
		},
		{ dedupe_key: '24442000000012345678', line_count: 3, line_amount_sum: 11984.12, total_before_tax: 11984.12, needs_review: false, review_reasons: null },
		{ dedupe_key: '4403201130-02468135', line_count: 1, line_amount_sum: -1000, total_before_tax: -1000, needs_review: false, review_reasons: null },
	]);
	const passed = rows.filter((row) => row.needs_review === false);
	passed.forEach((row) => expect(row.line_amount_sum).toBe(row.total_before_tax));
});

test('line items keep mixed and exempt tax rates: a fraction and the printed text, null rate and tax when exempt', async () => {
	const rows = await postgres.query(
		`select line_key, dedupe_key, line_no, item_name, specification, unit_of_measure, quantity, unit_price, amount_before_tax, tax_rate, tax_rate_text, tax_amount
		from invoice_lines where dedupe_key = :'p1' order by line_no`,
		['24442000000012345678'],
	);
	const invoice = { dedupe_key: '24442000000012345678' };
	expect(rows).toEqual([
		{
			line_key: '24442000000012345678#1', ...invoice, line_no: 1, item_name: '*信息技术服务*软件开发服务', specification: null, unit_of_measure: '项',
			quantity: 1, unit_price: 10000, amount_before_tax: 10000, tax_rate: 0.06, tax_rate_text: '6%', tax_amount: 600,
		},
		{
			line_key: '24442000000012345678#2', ...invoice, line_no: 2, item_name: '*计算机配套产品*无线鼠标', specification: 'M185', unit_of_measure: '个',
			quantity: 20, unit_price: 84.955752, amount_before_tax: 1699.12, tax_rate: 0.13, tax_rate_text: '13%', tax_amount: 220.88,
		},
		{
			line_key: '24442000000012345678#3', ...invoice, line_no: 3, item_name: '*图书*技术图书', specification: null, unit_of_measure: '本',
			quantity: 3, unit_price: 95, amount_before_tax: 285, tax_rate: null, tax_rate_text: '免税', tax_amount: null,
		},
	]);
	const redLetterLine = await postgres.query(`select quantity, amount_before_tax, tax_amount from invoice_lines where dedupe_key = '4403201130-02468135'`);
	expect(redLetterLine).toEqual([{ quantity: -2, amount_before_tax: -1000, tax_amount: -130 }]);
});

test("the OFD file's lines, which carry no number, are keyed by their position and stored apart", async () => {
	const rows = await postgres.query(
		`select line_key, line_no, item_name, amount_before_tax from invoice_lines where dedupe_key = '011002200311-00012345' order by line_key`,
	);
	expect(rows).toEqual([
		{ line_key: '011002200311-00012345#1', line_no: 1, item_name: '*餐饮服务*餐费', amount_before_tax: 100 },
		{ line_key: '011002200311-00012345#2', line_no: 2, item_name: '*餐饮服务*饮料', amount_before_tax: 50 },
	]);
});

/** The example with a Verify VAT Invoice node between the OCR node and the switch, every Verify input at its default. */
function withVerifyNode(workflow: N8nWorkflow): N8nWorkflow {
	const ocr = workflow.nodes.find((node) => node.name === NODE.ocr)!;
	const verify: INode = {
		...ocr,
		id: 'e2e-erp-verify-0001',
		name: NODE.verify,
		position: [ocr.position[0] + 220, ocr.position[1] + 160],
		parameters: { operation: 'verifyVatInvoice' },
	};
	return {
		...workflow,
		id: 'e2eErpSyncPg0002',
		nodes: [...workflow.nodes, verify],
		connections: {
			...workflow.connections,
			[NODE.ocr]: { main: [[{ node: NODE.verify, type: 'main', index: 0 }]] },
			[NODE.verify]: { main: [[{ node: NODE.route, type: 'main', index: 0 }]] },
		},
	};
}

test(
	"with a Verify node put in, the tax authority's record lands through the same mapping, Verify's inputs at their defaults",
	async () => {
		const workflow = withVerifyNode(await loadExampleWorkflow(join(invoiceFolder, 'invoice.png'), credentials));
		emulator.resetStats();
		const run = await timed('the example with Verify', () => sandbox.importAndExecute(workflow));
		expectSucceeded(run);

		// Verify was sent what Recognize read, through its default expressions: the amount before tax for a classic invoice.
		const verifications = emulator.stats().requests.filter((request) => request.action === 'VatInvoiceVerifyNew');
		expect(verifications.map((request) => request.params)).toEqual([
			{ InvoiceNo: '63591128', InvoiceDate: daysAgo(RECENT_SAMPLE_AGE_DAYS), InvoiceCode: '012001100311', CheckCode: '409795', Amount: '87.28' },
		]);
		const [verdict, ...verifiedLines] = run.itemsOf(NODE.verify).map((item) => item.json);
		expect(verdict).toMatchObject({ recordType: 'invoice', status: 'valid', dedupeKey: '012001100311-63591128', totalBeforeTax: 87.28 });
		expect(verdict).not.toHaveProperty('errorCode');
		expect(verifiedLines.map((line) => [line.recordType, line.lineKey, line.amountBeforeTax])).toEqual([['lineItem', '012001100311-63591128#1', 87.28]]);

		const [row] = await postgres.query(
			`select total_before_tax, total_tax, total_with_tax, request_id from invoices where dedupe_key = '012001100311-63591128'`,
		);
		expect(row).toEqual({ total_before_tax: 87.28, total_tax: 2.62, total_with_tax: 89.9, request_id: verdict.requestId });
		const lines = await postgres.query(`select line_key, amount_before_tax from invoice_lines where dedupe_key = '012001100311-63591128'`);
		expect(lines).toEqual([{ line_key: '012001100311-63591128#1', amount_before_tax: 87.28 }]);
	},
	WORKFLOW_TIMEOUT_MS,
);
