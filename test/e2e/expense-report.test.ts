/**
 * The shipped example examples/expense-report.json in a real n8n 2.41.1, against a throw-away PostgreSQL set up
 * with examples/expense-report.sql and the emulator's RecognizeGeneralInvoice. Only its Email Trigger (IMAP) is
 * replaced by the stand-in (test/e2e/stand-in-mails.ts): two mails, one with a scan holding a train ticket, a taxi
 * receipt and a 数电 invoice, one with a railway e-ticket PDF and a VAT invoice. Run twice: the second run adds no row.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { blankPdf } from '../helpers/generated-pdf';
import { pngWithDocuments } from '../helpers/marked-files';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox, withImportedCredentials, type N8nCredential, type N8nWorkflow, type WorkflowRun } from './n8n-sandbox';
import { postgresCredential, startPostgres, type RunningPostgres } from './postgres';
import { exampleWithStandInMails, loadExample, type StandInMail } from './stand-in-mails';
import { tencentCredential } from './workflows/invoice-workflows';

const EXAMPLE_PATH = join(REPO_ROOT, 'examples', 'expense-report.json');
const SETUP_SQL_PATH = join(REPO_ROOT, 'examples', 'expense-report.sql');
const NODE = { ocr: 'Tencent Invoice OCR', upsert: 'Upsert Expense', totals: 'Total per Type' } as const;
const SETUP_TIMEOUT_MS = 10 * 60_000;
const WORKFLOW_TIMEOUT_MS = 6 * 60_000;

const MAILS: StandInMail[] = [
	{
		from: 'Zhang Wei <zhang.wei@company.example>',
		subject: 'Receipts, Guangzhou trip',
		date: '2024-05-20T09:00:00.000Z',
		text: 'Photo of my receipts attached.',
		attachments: ['receipts-scan.png'],
	},
	{
		from: 'Li Na <li.na@company.example>',
		subject: 'Beijing–Shanghai',
		date: '2024-05-23T18:30:00.000Z',
		text: 'E-ticket and the hotel invoice.',
		attachments: ['railway-e-ticket.pdf', 'invoice.png'],
	},
];

let postgres: RunningPostgres;
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let mailFolder: string;
let workflow: N8nWorkflow;
let firstRun: WorkflowRun;

/** The attachments: a marked scan and a marked one-page PDF (what the emulator finds on them), and the sample invoice. */
async function prepareMailFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'expense-report-mails-'));
	const png = await readFile(join(FIXTURES_DIR, 'invoice.png'));
	await writeFile(join(folder, 'receipts-scan.png'), pngWithDocuments(png, ['TrainTicket', 'TaxiTicket', 'VatElectronicInvoiceFull']));
	await writeFile(join(folder, 'railway-e-ticket.pdf'), blankPdf(1, () => ['ElectronicTrainTicketFull']));
	await copyFile(join(FIXTURES_DIR, 'invoice.png'), join(folder, 'invoice.png'));
	return folder;
}

function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

beforeAll(async () => {
	assertPackageBuilt();
	mailFolder = await prepareMailFolder();
	postgres = await startPostgres();
	await postgres.execute(await readFile(SETUP_SQL_PATH, 'utf8'));
	emulator = await startEmulator();
	sandbox = await N8nSandbox.create({ install: await ensureN8n(), packageDir: REPO_ROOT, readableFolders: [mailFolder] });
	const credentials: N8nCredential[] = [
		tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url }),
		postgresCredential(postgres),
	];
	await sandbox.importCredentials(credentials);
	const example = loadExample(EXAMPLE_PATH);
	const shipped = exampleWithStandInMails(example, MAILS, { id: 'e2eExpenseRep001', folder: mailFolder });
	workflow = { ...shipped, nodes: shipped.nodes.map((node: INode) => (node.credentials ? withImportedCredentials(node, credentials) : node)) };
	firstRun = await sandbox.importAndExecute(workflow);
}, SETUP_TIMEOUT_MS + WORKFLOW_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.dispose();
	await emulator?.stop();
	await postgres?.stop();
	if (mailFolder) await rm(mailFolder, { recursive: true, force: true });
});

test('reads 5 documents from 3 attachments in 3 calls, billed per document', () => {
	expectSucceeded(firstRun);
	const documents = firstRun.itemsOf(NODE.ocr).map((item) => item.json);
	expect(documents.map((document) => [document.sourceFileName, document.documentType])).toEqual([
		['receipts-scan.png', 'trainTicket'],
		['receipts-scan.png', 'taxiReceipt'],
		['receipts-scan.png', 'vatInvoice'],
		['railway-e-ticket.pdf', 'trainTicket'],
		['invoice.png', 'vatInvoice'],
	]);
	expect(emulator.stats().byAction).toEqual({ RecognizeGeneralInvoice: 3 });
	expect(emulator.stats().documentsBilled).toBe(5);
});

test('upserts one expense row per document: type, date, amount, seller or route', async () => {
	expectSucceeded(firstRun);
	const rows = await postgres.query(
		'select dedupe_key, document_type, document_type_name, expense_date, amount, seller_or_route, needs_review, source_file from expenses order by dedupe_key',
	);
	expect(rows.map(({ expense_date: _date, ...row }) => row)).toEqual([
		{ dedupe_key: '012001100311-63591128', document_type: 'vatInvoice', document_type_name: '增值税电子普通发票', amount: 89.9, seller_or_route: '深圳腾讯游戏有限公司', needs_review: false, source_file: 'invoice.png' },
		{ dedupe_key: '144031909110-60457813', document_type: 'taxiReceipt', document_type_name: '出租车发票', amount: 48.6, seller_or_route: null, needs_review: false, source_file: 'receipts-scan.png' },
		{ dedupe_key: '24119100000012345678', document_type: 'trainTicket', document_type_name: '电子发票(铁路电子客票)', amount: 553.5, seller_or_route: '北京南 → 上海虹桥', needs_review: false, source_file: 'railway-e-ticket.pdf' },
		{ dedupe_key: '24442000000123456789', document_type: 'vatInvoice', document_type_name: '电子发票(普通发票)', amount: 300, seller_or_route: '深圳市南山区悦宾酒店管理有限公司', needs_review: false, source_file: 'receipts-scan.png' },
		{ dedupe_key: 'trainTicket-Z14J083625', document_type: 'trainTicket', document_type_name: '火车票', amount: 74.5, seller_or_route: '广州南 → 深圳北', needs_review: false, source_file: 'receipts-scan.png' },
	]);
	expect(rows.filter((row) => row.dedupe_key !== '012001100311-63591128').map((row) => row.expense_date)).toEqual([
		'2024-05-18',
		'2024-05-21',
		'2024-05-20',
		'2024-05-18',
	]);
});

test('totals the expenses per document type', () => {
	expectSucceeded(firstRun);
	expect(firstRun.itemsOf(NODE.totals).map((item) => item.json)).toEqual([
		{ document_type: 'taxiReceipt', documents: 1, total: 48.6, any_needs_review: false },
		{ document_type: 'trainTicket', documents: 2, total: 628, any_needs_review: false },
		{ document_type: 'vatInvoice', documents: 2, total: 389.9, any_needs_review: false },
	]);
});

test(
	'a second run of the same mails updates the rows in place and adds none',
	async () => {
		const secondRun = await sandbox.execute(workflow.id);
		expectSucceeded(secondRun);
		expect(secondRun.itemsOf(NODE.upsert)).toHaveLength(5);
		expect(await postgres.query('select count(*)::int as rows from expenses')).toEqual([{ rows: 5 }]);
	},
	WORKFLOW_TIMEOUT_MS,
);
