/**
 * What the load suites in real n8n share: the emulator at Tencent's quota with a fixed latency, an n8n user
 * folder with the credential and the published upload workflow, and the 4 × 25 invoices fired at once with
 * their outcome and figures (regular mode and queue mode run the same load).
 */
import type { IDataObject } from 'n8n-workflow';

import type { N8nInstall } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { REPO_ROOT } from './built-package';
import {
	batchOutcome,
	describeFigures,
	invoiceBatch,
	loadFigures,
	recognizeNumberedInvoice,
	uploadInvoices,
	type BatchOutcome,
	type LoadFigures,
} from './invoice-batches';
import { N8nSandbox } from './n8n-sandbox';
import { recognizeUploadedInvoices, tencentCredential } from './workflows/invoice-workflows';

/** VatInvoiceOCR's quota on Tencent's page, and a latency like Tencent's for a small image. */
export const QUOTA_PER_SECOND = 10;
export const LATENCY_MS = 300;
export const UPLOAD_WORKFLOW_ID = 'e2eInvoiceUpload';
export const UPLOAD_WEBHOOK_PATH = 'e2e-invoice-upload';
export const CONCURRENT_UPLOADS = 4;
export const INVOICES_PER_UPLOAD = 25;
/** A test's time on this 2-core machine shared with other work: the load itself takes 10-20 s. */
export const LOAD_TEST_TIMEOUT_MS = 5 * 60_000;
/** afterAll's time: n8n gets a graceful shutdown of up to 15 s per process. */
export const STOP_TIMEOUT_MS = 60_000;

/** Runs a step and prints how long it took, under the suite's label. */
export function stepTimer(label: string) {
	return async <T>(step: string, action: () => Promise<T>): Promise<T> => {
		const startedAt = Date.now();
		const result = await action();
		process.stdout.write(`[e2e ${label}] ${step}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
		return result;
	};
}

export function startLoadEmulator(): Promise<RunningEmulator> {
	return startEmulator({ recognize: recognizeNumberedInvoice, rateLimitPerSecond: QUOTA_PER_SECOND, faults: { latencyMs: LATENCY_MS } });
}

/** The built package installed, the credential imported, the upload workflow imported and published. */
export async function prepareUploadSandbox(install: N8nInstall, emulatorUrl: string, environment?: NodeJS.ProcessEnv): Promise<N8nSandbox> {
	const sandbox = await N8nSandbox.create({ install, packageDir: REPO_ROOT, environment });
	try {
		await sandbox.importCredentials([tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulatorUrl })]);
		await sandbox.importWorkflow(recognizeUploadedInvoices(UPLOAD_WORKFLOW_ID, UPLOAD_WEBHOOK_PATH));
		await sandbox.publishWorkflow(UPLOAD_WORKFLOW_ID);
	} catch (error) {
		await sandbox.dispose();
		throw error;
	}
	return sandbox;
}

export interface ConcurrentUploadsResult {
	statuses: number[];
	itemCounts: number[];
	outcome: BatchOutcome;
	figures: LoadFigures;
}

/** Fires the uploads at the same moment, waits for every answer, and prints the figures. */
export async function fireConcurrentUploads(webhookUrl: string, emulator: RunningEmulator, label: string): Promise<ConcurrentUploadsResult> {
	const batches = Array.from({ length: CONCURRENT_UPLOADS }, (_unused, batch) => invoiceBatch(batch, INVOICES_PER_UPLOAD));
	emulator.resetStats();
	const startedAt = Date.now();
	const answers = await Promise.all(batches.map((files) => uploadInvoices(webhookUrl, files)));
	const wallSeconds = (Date.now() - startedAt) / 1000;
	const items: IDataObject[][] = answers.map((answer) => answer.items);
	const outcome = batchOutcome(batches, items);
	const figures = loadFigures(emulator.stats(), QUOTA_PER_SECOND);
	process.stdout.write(`${describeFigures(label, figures, outcome.lost.length, wallSeconds)}\n`);
	return { statuses: answers.map((answer) => answer.status), itemCounts: items.map((list) => list.length), outcome, figures };
}

/** The assertions of the load runs: every invoice back once, on its own upload, with no error item. */
export function expectEveryInvoiceOnce(result: ConcurrentUploadsResult): void {
	expect(result.statuses).toEqual(Array(CONCURRENT_UPLOADS).fill(200));
	expect(result.outcome.notInvoices).toEqual([]);
	expect(result.outcome.lost).toEqual([]);
	expect(result.outcome.duplicated).toEqual([]);
	expect(result.itemCounts).toEqual(Array(CONCURRENT_UPLOADS).fill(INVOICES_PER_UPLOAD));
}
