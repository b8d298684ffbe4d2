/**
 * The shipped example examples/each-invoice-once.json in a real n8n 2.41.1: the same mails arrive twice,
 * and n8n's Remove Duplicates node (keyed on the node's dedupeKey, history kept in n8n's database between
 * executions) lets the second execution insert nothing into a real (throw-away) PostgreSQL. Only the IMAP
 * trigger is replaced: by a Read/Write Files from Disk node of the same name that emits one item per
 * file with the file in `attachment_0`, as the trigger emits a mail with one attachment.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { ensureN8n } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, loadSampleRecognition, startEmulator, type RecognizeInput, type RunningEmulator } from '../emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox, withImportedCredentials, type N8nCredential, type N8nWorkflow, type WorkflowRun } from './n8n-sandbox';
import { postgresCredential, startPostgres, type RunningPostgres } from './postgres';
import { tencentCredential } from './workflows/invoice-workflows';

const EXAMPLE_PATH = join(REPO_ROOT, 'examples', 'each-invoice-once.json');
const TABLES_SQL_PATH = join(REPO_ROOT, 'examples', 'erp-sync-postgres.sql');
const IMAP_TRIGGER_TYPE = 'n8n-nodes-base.emailReadImap';
const NODE = { ocr: 'Tencent Invoice OCR', skipSeen: 'Skip Invoices Seen Before', insert: 'Insert Invoice' } as const;
/** Two mails: a 3-page PDF (three invoices) and a PNG (the documented sample). */
const MAIL_ATTACHMENTS = ['invoice-3-pages.pdf', 'invoice.png'];
const RESPONSES_BY_PDF_PAGE = ['fully-digital-mixed-rates', 'red-letter', 'totals-disagree'];
const EXPECTED_KEYS = ['012001100311-63591128', '044031900111-33445566', '24442000000012345678', '4403201130-02468135'];

const SETUP_TIMEOUT_MS = 10 * 60_000;
const WORKFLOW_TIMEOUT_MS = 6 * 60_000;

let postgres: RunningPostgres;
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let credentials: N8nCredential[];

function recognizeByPage({ isPdf, pdfPageNumber }: RecognizeInput): object {
	if (!isPdf) return loadSampleRecognition();
	return JSON.parse(readFileSync(join(FIXTURES_DIR, 'responses', `${RESPONSES_BY_PDF_PAGE[pdfPageNumber - 1]}.json`), 'utf8')) as object;
}

/** Manual Trigger, and a file reader named as the IMAP trigger so the example's connections stay as shipped. */
function standInMails(trigger: INode): INode[] {
	const [x, y] = trigger.position;
	return [
		{ id: 'e2e-once-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [x - 220, y], parameters: {} },
		{
			id: trigger.id,
			name: trigger.name,
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1.1,
			position: trigger.position,
			parameters: {
				operation: 'read',
				fileSelector: join(FIXTURES_DIR, `{${MAIL_ATTACHMENTS.join(',')}}`),
				options: { dataPropertyName: 'attachment_0' },
			},
		},
	];
}

/** The example as shipped, its IMAP trigger swapped for the stand-in and its credentials for the imported ones. */
async function loadExample(): Promise<N8nWorkflow> {
	const example = JSON.parse(await readFile(EXAMPLE_PATH, 'utf8')) as Omit<N8nWorkflow, 'id' | 'active'>;
	const trigger = example.nodes.find((node) => node.type === IMAP_TRIGGER_TYPE);
	if (!trigger) throw new Error('The example has no Email Trigger (IMAP)');
	const [start, mails] = standInMails(trigger);
	const others = example.nodes.filter((node) => node !== trigger).map((node) => withImportedCredentials(node, credentials));
	return {
		...example,
		id: 'e2eEachInvoice01',
		active: false,
		nodes: [start, mails, ...others],
		connections: { ...example.connections, [start.name]: { main: [[{ node: mails.name, type: 'main', index: 0 }]] } },
	};
}

function expectSucceeded(run: WorkflowRun): void {
	if (run.exitCode !== 0) throw new Error(`n8n execute exited ${run.exitCode}:\n${run.output.slice(-4000)}`);
}

/** Items the named node passed on in this execution; none when it did not run (nothing reached it). */
function itemCountOf(run: WorkflowRun, nodeName: string): number {
	return run.runData[nodeName]?.[0]?.data?.main[0]?.length ?? 0;
}

const storedKeys = async (): Promise<string[]> =>
	(await postgres.query<{ dedupe_key: string }>('select dedupe_key from invoices order by dedupe_key')).map((row) => row.dedupe_key);

beforeAll(async () => {
	assertPackageBuilt();
	postgres = await startPostgres();
	await postgres.execute(await readFile(TABLES_SQL_PATH, 'utf8'));
	emulator = await startEmulator({ recognize: recognizeByPage });
	sandbox = await N8nSandbox.create({ install: await ensureN8n(), packageDir: REPO_ROOT, readableFolders: [FIXTURES_DIR] });
	credentials = [tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url }), postgresCredential(postgres)];
	await sandbox.importCredentials(credentials);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.dispose();
	await emulator?.stop();
	await postgres?.stop();
});

test(
	'the same mails twice: the first execution inserts 4 invoices, the second one inserts none',
	async () => {
		const workflow = await loadExample();
		await sandbox.importWorkflow(workflow);

		emulator.resetStats();
		const firstRun = await sandbox.execute(workflow.id);
		expectSucceeded(firstRun);
		expect(itemCountOf(firstRun, NODE.ocr)).toBe(4);
		expect(itemCountOf(firstRun, NODE.skipSeen)).toBe(4);
		expect(itemCountOf(firstRun, NODE.insert)).toBe(4);
		expect(await storedKeys()).toEqual(EXPECTED_KEYS);
		expect(emulator.stats().requests).toHaveLength(4);

		emulator.resetStats();
		const secondRun = await sandbox.execute(workflow.id);
		expectSucceeded(secondRun);
		// Tencent still reads every page (billed): the duplicates are dropped after recognition.
		expect(itemCountOf(secondRun, NODE.ocr)).toBe(4);
		expect(emulator.stats().requests).toHaveLength(4);
		expect(itemCountOf(secondRun, NODE.skipSeen)).toBe(0);
		expect(secondRun.runData[NODE.insert]).toBeUndefined();
		expect(await storedKeys()).toEqual(EXPECTED_KEYS);
	},
	WORKFLOW_TIMEOUT_MS,
);
