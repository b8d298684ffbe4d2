/**
 * One real n8n 2.41.1 server in regular mode (`n8n start`, SQLite) with the built package, serving an upload
 * webhook, against the emulator at Tencent's 10/s quota with 300 ms latency:
 * - 4 webhook executions at once, 25 invoices each: every invoice comes back once, none as an error item;
 *   the quota share and throttled answers are printed for docs/billing-and-throughput.md (issue 11 §4);
 * - Stop pressed on a running execution through n8n's REST API: no call starts after the stop (issue 10).
 * One server for both tests: its start-up is most of this file's time.
 */
import { ensureN8n } from '../../scripts/n8n-env';
import type { RunningEmulator } from '../emulator';
import { assertPackageBuilt } from './built-package';
import { invoiceBatch, uploadInvoices, waitForWebhook } from './invoice-batches';
import { signIn } from './n8n-rest';
import type { N8nSandbox } from './n8n-sandbox';
import { ownerEnvironment, startN8nServer, type N8nOwner, type N8nProcess } from './n8n-server';
import {
	LOAD_TEST_TIMEOUT_MS,
	STOP_TIMEOUT_MS,
	UPLOAD_WEBHOOK_PATH,
	UPLOAD_WORKFLOW_ID,
	expectEveryInvoiceOnce,
	fireConcurrentUploads,
	prepareUploadSandbox,
	startLoadEmulator,
	stepTimer,
} from './upload-load';

/** This throw-away instance's login (loopback only): not a secret. */
const OWNER: N8nOwner = { email: 'owner@example.com', password: 'E2eOwner1', firstName: 'E2E', lastName: 'Owner' };
/** Enough invoices that the execution is still calling when Stop is pressed (20 s at the quota). */
const LONG_UPLOAD_INVOICES = 200;
/**
 * Absence of calls can only be seen over a while: a running node paced at the quota calls at least every
 * second (a throttled retry included), so three quiet seconds mean it has stopped calling.
 */
const QUIET_MS = 3_000;

const SETUP_TIMEOUT_MS = 10 * 60_000;

const timed = stepTimer('regular');
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
let server: N8nProcess;
let webhookUrl: string;

async function until(label: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
	}
}

/** No call has arrived at the emulator for QUIET_MS, counting from `sinceMs` at the earliest. */
function emulatorQuietSince(sinceMs: number): boolean {
	const { lastAt } = emulator.stats();
	const lastMs = lastAt ? Date.parse(lastAt) : 0;
	return Date.now() - Math.max(lastMs, sinceMs) >= QUIET_MS;
}

beforeAll(async () => {
	assertPackageBuilt();
	emulator = await startLoadEmulator();
	const install = await timed('ensure n8n installed', ensureN8n);
	sandbox = await timed('install the package, import credential and workflow, publish it', () =>
		prepareUploadSandbox(install, emulator.url),
	);
	server = await timed('n8n start until ready', () =>
		startN8nServer(install, { userFolder: sandbox.userFolder, environment: ownerEnvironment(install, OWNER) }),
	);
	webhookUrl = `${server.url}/webhook/${UPLOAD_WEBHOOK_PATH}`;
	// The first execution also starts the Code node's task runner: not part of what is measured.
	await timed('webhook answering (one warm-up invoice)', () => waitForWebhook(webhookUrl, invoiceBatch(99, 1)));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server?.stop();
	await sandbox?.dispose();
	await emulator?.stop();
}, STOP_TIMEOUT_MS);

test(
	'4 webhook executions at once, 25 invoices each: every invoice comes back exactly once, no error item',
	async () => {
		const result = await timed('4 × 25 invoices at once', () => fireConcurrentUploads(webhookUrl, emulator, 'regular, 4 executions'));
		expectEveryInvoiceOnce(result);
	},
	LOAD_TEST_TIMEOUT_MS,
);

test(
	'Stop pressed on a running Recognize execution (REST API): no call starts after the stop',
	async () => {
		const session = await signIn(server.url, OWNER);
		// Calls left over from an earlier execution would be counted as this one's.
		await until('the emulator to be quiet before the run', () => emulatorQuietSince(0), LOAD_TEST_TIMEOUT_MS / 3);
		emulator.resetStats();
		const longUpload = uploadInvoices(webhookUrl, invoiceBatch(50, LONG_UPLOAD_INVOICES));
		await until('the execution to be calling Tencent', () => emulator.stats().succeeded >= 10, LOAD_TEST_TIMEOUT_MS / 3);
		const [running, ...others] = await session.executions({ workflowId: UPLOAD_WORKFLOW_ID, status: ['running'] });
		expect(others).toEqual([]);

		await session.stopExecution(running.id);
		const stoppedAt = Date.now();
		const answeredBeforeStop = emulator.stats().total;
		const answer = await timed('webhook answer after the stop', () => longUpload);
		await until('the emulator to be quiet after the stop', () => emulatorQuietSince(stoppedAt), LOAD_TEST_TIMEOUT_MS / 3);

		const afterStop = emulator.stats(stoppedAt);
		process.stdout.write(
			`[e2e regular] Stop: ${answeredBeforeStop} calls answered before the stop, ${afterStop.total} started after it ` +
				`(${JSON.stringify(afterStop.byAnswer)}); the webhook answered HTTP ${answer.status}\n`,
		);
		const executions = await session.executions({ workflowId: UPLOAD_WORKFLOW_ID });
		expect(executions.find((execution) => execution.id === running.id)?.status).toBe('canceled');
		expect(afterStop.total).toBe(0);
	},
	LOAD_TEST_TIMEOUT_MS,
);
