/**
 * Batches of distinct invoices for load runs in real n8n: each file is the sample PNG carrying its own invoice
 * number in a trailer, which the emulator's recognize hook reads back, so every invoice of every execution can
 * be counted in the answers. Also the upload to a webhook, and the figures of a run from the emulator's counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { loadSampleRecognition, type EmulatorStats, type RecognizeInput } from '../emulator';
import { FIXTURES_DIR } from './built-package';

const TRAILER_PREFIX = 'E2E-INVOICE-NUMBER:';
const SAMPLE_PNG = readFileSync(join(FIXTURES_DIR, 'invoice.png'));

export interface NumberedInvoice {
	/** The multipart field name, unique in its upload. */
	field: string;
	fileName: string;
	invoiceNumber: string;
	bytes: Buffer;
}

/** PNG readers stop at IEND: bytes after it change nothing but what the emulator reads back. */
function numberedPng(invoiceNumber: string): Buffer {
	return Buffer.concat([SAMPLE_PNG, Buffer.from(`${TRAILER_PREFIX}${invoiceNumber}`, 'latin1')]);
}

/** Batch `batch` of `size` invoices; numbers are 8 digits, distinct across batches. */
export function invoiceBatch(batch: number, size: number): NumberedInvoice[] {
	return Array.from({ length: size }, (_unused, index) => {
		const invoiceNumber = String(70_000_000 + batch * 1_000 + index);
		const field = `invoice${String(index).padStart(2, '0')}`;
		return { field, fileName: `${invoiceNumber}.png`, invoiceNumber, bytes: numberedPng(invoiceNumber) };
	});
}

/** The emulator's recognize hook: the sample answer with the file's own invoice number. */
export function recognizeNumberedInvoice({ fileBytes }: RecognizeInput): object {
	const recognition = loadSampleRecognition() as { VatInvoiceInfos: Array<{ Name: string; Value: string }> };
	const trailer = fileBytes.subarray(Math.max(fileBytes.length - 64, 0)).toString('latin1');
	const at = trailer.lastIndexOf(TRAILER_PREFIX);
	if (at === -1) return recognition;
	const invoiceNumber = trailer.slice(at + TRAILER_PREFIX.length);
	for (const info of recognition.VatInvoiceInfos) if (info.Name === '发票号码') info.Value = `No${invoiceNumber}`;
	return recognition;
}

/** POSTs the files as one multipart form and returns the webhook's answer: the last node's items (json). */
export async function uploadInvoices(webhookUrl: string, files: NumberedInvoice[]): Promise<{ status: number; items: IDataObject[]; text: string }> {
	const form = new FormData();
	for (const file of files) form.append(file.field, new Blob([file.bytes], { type: 'image/png' }), file.fileName);
	const response = await fetch(webhookUrl, { method: 'POST', body: form });
	const text = await response.text();
	let items: IDataObject[] = [];
	try {
		const parsed = JSON.parse(text) as unknown;
		items = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
	} catch {
		// Not JSON: the status and text say what went wrong.
	}
	return { status: response.status, items, text };
}

/** Uploads until the webhook answers (it is registered some time after the server says it is ready). */
export async function waitForWebhook(webhookUrl: string, files: NumberedInvoice[], timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answer = await uploadInvoices(webhookUrl, files);
		if (answer.status === 200) return;
		if (answer.status !== 404 || Date.now() > deadline) {
			throw new Error(`The webhook answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
		}
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
	}
}

export interface BatchOutcome {
	/** Invoices sent whose number came back in no invoice item of their own upload. */
	lost: string[];
	/** Invoice numbers that came back more than once, anywhere. */
	duplicated: string[];
	/** Items that are not invoices: error items and anything else. */
	notInvoices: IDataObject[];
}

/** Compares what each upload sent with what it got back. */
export function batchOutcome(sent: NumberedInvoice[][], answers: IDataObject[][]): BatchOutcome {
	const lost: string[] = [];
	const seen = new Map<string, number>();
	const notInvoices: IDataObject[] = [];
	answers.forEach((items, upload) => {
		const numbers = new Set<string>();
		for (const item of items) {
			if (item.recordType !== 'invoice' || item.error !== undefined) notInvoices.push(item);
			else {
				const invoiceNumber = String(item.invoiceNumber);
				numbers.add(invoiceNumber);
				seen.set(invoiceNumber, (seen.get(invoiceNumber) ?? 0) + 1);
			}
		}
		lost.push(...sent[upload].map((file) => file.invoiceNumber).filter((invoiceNumber) => !numbers.has(invoiceNumber)));
	});
	const duplicated = [...seen].filter(([, count]) => count > 1).map(([invoiceNumber]) => invoiceNumber);
	return { lost, duplicated, notInvoices };
}

export interface LoadFigures {
	calls: number;
	recognized: number;
	throttled: number;
	/** Successful calls per second from the first call to the last successful one, as a share of the quota. */
	quotaShare: number;
	throttledShare: number;
	/** One line per second: `OK` answers, throttled answers, others. */
	timeline: string;
}

export function loadFigures(stats: EmulatorStats, quotaPerSecond: number): LoadFigures {
	const okArrivals = stats.requests.filter((request) => request.errorCode === null).map((request) => Date.parse(request.at));
	const firstMs = stats.firstAt ? Date.parse(stats.firstAt) : 0;
	const lastOkMs = okArrivals.reduce((latest, at) => Math.max(latest, at), firstMs);
	// n calls at exactly the quota start over (n - 1) / quota seconds.
	const spanSeconds = (lastOkMs - firstMs) / 1000;
	const rate = spanSeconds > 0 ? (stats.succeeded - 1) / spanSeconds : 0;
	const throttled = stats.byAnswer.RequestLimitExceeded ?? 0;
	const timeline = stats.bySecond
		.map((answers, second) => {
			const ok = answers.OK ?? 0;
			const limited = answers.RequestLimitExceeded ?? 0;
			const other = Object.values(answers).reduce((sum, count) => sum + count, 0) - ok - limited;
			return `  s${String(second).padStart(2, '0')}: ${ok} ok, ${limited} throttled${other > 0 ? `, ${other} other` : ''}`;
		})
		.join('\n');
	return {
		calls: stats.total,
		recognized: stats.succeeded,
		throttled,
		quotaShare: rate / quotaPerSecond,
		throttledShare: stats.total > 0 ? throttled / stats.total : 0,
		timeline,
	};
}

export function describeFigures(label: string, figures: LoadFigures, lost: number, wallSeconds: number): string {
	return [
		`[e2e ${label}] ${figures.recognized} recognitions in ${figures.calls} calls, ${wallSeconds.toFixed(1)} s wall clock; ` +
			`${figures.quotaShare.toFixed(2)} of the quota; ${figures.throttled} throttled (${(figures.throttledShare * 100).toFixed(0)} % of calls); ` +
			`${lost} invoices lost`,
		figures.timeline,
	].join('\n');
}
