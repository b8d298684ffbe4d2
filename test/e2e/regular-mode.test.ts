/**
 * One real n8n 2.41.1 server in regular mode (`n8n start`, SQLite) with the built package, serving an upload
 * webhook, against the emulator at Tencent's 10/s quota with 300 ms latency:
 * - 4 webhook executions at once, 25 invoices each: every invoice comes back once, none as an error item;
 *   the quota share and throttled answers are printed for the README (issue 11 §4);
 * - Stop pressed on a running execution through n8n's REST API: no call starts after the stop (issue 10).
 * One server for both tests: its start-up is most of this file's time.
 */
import type { IDataObject } from 'n8n-workflow';

import { ensureN8n, type N8nInstall } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { REPO_ROOT, assertPackageBuilt } from './built-package';
import {
	batchOutcome,
	describeFigures,
	invoiceBatch,
	loadFigures,
	recognizeNumberedInvoice,
	uploadInvoices,
	waitForWebhook,
} from './invoice-batches';
import { signIn } from './n8n-rest';
import { N8nSandbox } from './n8n-sandbox';
import { ownerEnvironment, startN8nServer, type N8nOwner, type N8nProcess } from './n8n-server';
import { recognizeUploadedInvoices, tencentCredential } from './workflows/invoice-workflows';

const QUOTA_PER_SECOND = 10;
const LATENCY_MS = 300;
const WORKFLOW_ID = 'e2eUploadRegular';
const WEBHOOK_PATH = 'e2e-invoice-upload';
/** This throw-away instance's login (loopback only): not a secret. */
const OWNER: N8nOwner = { email: 'owner@example.com', password: 'E2eOwner1', firstName: 'E2E', lastName: 'Owner' };
/**
 * Absence of calls can only be seen over a while: a running node paced at the quota calls at least every
 * second (a throttled retry included), so three quiet seconds mean it has stopped calling.
 */
const QUIET_MS = 3_000;

const SETUP_TIMEOUT_MS = 10 * 60_000;
const TEST_TIMEOUT_MS = 5 * 60_000;

let install: N8nInstall;
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let server: N8nProcess;
let webhookUrl: string;

async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	const result = await action();
	process.stdout.write(`[e2e regular] ${label}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
	return result;
}

async function until(label: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
	}
}

/** The emulator's latest arrival is QUIET_MS old (or it has had none since `sinceMs`). */
function emulatorQuietSince(sinceMs: number): boolean {
	const { lastAt } = emulator.stats();
	const lastMs = lastAt ? Date.parse(lastAt) : 0;
	return Date.now() - Math.max(lastMs, sinceMs) >= QUIET_MS;
}

beforeAll(async () => {
	assertPackageBuilt();
	emulator = await startEmulator({
		recognize: recognizeNumberedInvoice,
		rateLimitPerSecond: QUOTA_PER_SECOND,
		faults: { latencyMs: LATENCY_MS },
	});
	install = await timed('ensure n8n installed', ensureN8n);
	sandbox = await timed('install the packed package', () => N8nSandbox.create({ install, packageDir: REPO_ROOT }));
	await timed('import credential and workflow, publish it', async () => {
		await sandbox.importCredentials([tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url })]);
		await sandbox.importWorkflow(recognizeUploadedInvoices(WORKFLOW_ID, WEBHOOK_PATH));
		await sandbox.publishWorkflow(WORKFLOW_ID);
	});
	server = await timed('n8n start until ready', () =>
		startN8nServer(install, { userFolder: sandbox.userFolder, environment: ownerEnvironment(install, OWNER) }),
	);
	webhookUrl = `${server.url}/webhook/${WEBHOOK_PATH}`;
	// The first execution also starts the Code node's task runner: not part of what is measured.
	await timed('webhook answering (one warm-up invoice)', () => waitForWebhook(webhookUrl, invoiceBatch(99, 1)));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await sandbox?.dispose();
	await emulator?.stop();
});

test(
	'4 webhook executions at once, 25 invoices each: every invoice comes back exactly once, no error item',
	async () => {
		const batches = [0, 1, 2, 3].map((batch) => invoiceBatch(batch, 25));
		emulator.resetStats();
		const startedAt = Date.now();
		const answers = await timed('4 × 25 invoices at once', () => Promise.all(batches.map((files) => uploadInvoices(webhookUrl, files))));
		const wallSeconds = (Date.now() - startedAt) / 1000;

		const outcome = batchOutcome(batches, answers.map((answer) => answer.items));
		const figures = loadFigures(emulator.stats(), QUOTA_PER_SECOND);
		process.stdout.write(`${describeFigures('regular, 4 executions', figures, outcome.lost.length, wallSeconds)}\n`);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
		expect(outcome.notInvoices).toEqual([]);
		expect(outcome.lost).toEqual([]);
		expect(outcome.duplicated).toEqual([]);
		expect(answers.map((answer) => answer.items.length)).toEqual([25, 25, 25, 25]);
	},
	TEST_TIMEOUT_MS,
);

test(
	'Stop pressed on a running Recognize execution (REST API): no call starts after the stop',
	async () => {
		const session = await signIn(server.url, OWNER);
		emulator.resetStats();
		const longUpload = uploadInvoices(webhookUrl, invoiceBatch(50, 200));
		await until('the execution to be calling Tencent', () => emulator.stats().succeeded >= 10);
		const [running, ...others] = await session.executions({ workflowId: WORKFLOW_ID, status: ['running'] });
		expect(others).toEqual([]);

		await session.stopExecution(running.id);
		const stoppedAt = Date.now();
		const underWayAtStop = emulator.stats().total;
		const answer = await timed('webhook answer after the stop', () => longUpload);
		await until('the emulator to be quiet', () => emulatorQuietSince(stoppedAt), TEST_TIMEOUT_MS / 2);

		const afterStop = emulator.stats(stoppedAt);
		process.stdout.write(
			`[e2e regular] Stop: ${underWayAtStop} calls before the stop, ${afterStop.total} started after it ` +
				`(${JSON.stringify(afterStop.byAnswer)}); webhook answered HTTP ${answer.status}\n`,
		);
		const stopped = (await session.executions({ workflowId: WORKFLOW_ID })).find((execution) => execution.id === running.id);
		expect(stopped?.status).toBe('canceled');
		expect(answer.items.filter((item: IDataObject) => item.recordType === 'invoice').length).toBeLessThan(200);
		expect(afterStop.total).toBe(0);
	},
	TEST_TIMEOUT_MS,
);
