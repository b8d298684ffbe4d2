/**
 * No invoice lost under faults: the node, in n8n-core's engine, against the emulator injecting
 * InternalError answers, dropped connections, a lower rate limit and answers slower than the timeout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';

import { loadSampleRecognition, startEmulator, TencentApiError, type RunningEmulator } from '../emulator';
import type { FixtureItem } from '../harness/run-workflow';
import { runOcrNode } from './run-ocr-node';

const PNG = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png'));

/** A PNG that carries its invoice number after the image data, so each answer can be told apart. */
const numberedInvoice = (invoiceNumber: string): FixtureItem => ({
	json: { invoiceNumber },
	binary: {
		data: { data: Buffer.concat([PNG, Buffer.from(`#${invoiceNumber}`)]), fileName: `${invoiceNumber}.png`, mimeType: 'image/png' },
	},
});
const invoiceNumberIn = (fileBytes: Buffer) => /#(\d+)$/.exec(fileBytes.toString('latin1'))?.[1] ?? 'unnumbered';

/** The documented sample, with the invoice number the file carries. */
function answerFor(fileBytes: Buffer): object {
	const sample = loadSampleRecognition() as { VatInvoiceInfos: Array<{ Name: string; Value: string }> };
	const invoiceNumber = sample.VatInvoiceInfos.find((info) => info.Name === '发票号码')!;
	invoiceNumber.Value = `No${invoiceNumberIn(fileBytes)}`;
	return sample;
}

const inputNumbers = Array.from({ length: 12 }, (_unused, index) => String(10000001 + index));
const invoicesIn = (items: INodeExecutionData[]) => items.filter((item) => item.json.recordType === 'invoice');

let emulator: RunningEmulator;
let failingNumbers = new Set<string>();

beforeAll(async () => {
	// No rate limit here unless a test sets one: the tests themselves follow each other fast.
	emulator = await startEmulator({
		rateLimitPerSecond: 0,
		recognize: ({ fileBytes }) => {
			if (failingNumbers.has(invoiceNumberIn(fileBytes))) throw new TencentApiError('InternalError', 'An internal error has occurred.');
			return answerFor(fileBytes);
		},
	});
});

afterAll(async () => await emulator.stop());

beforeEach(() => {
	failingNumbers = new Set();
	emulator.setFaults({});
	emulator.resetStats();
});

describe('with retries on', () => {
	it('every input yields its invoice once, in order, through every kind of fault', async () => {
		// Tencent allows 5/s here while the node is set to 10/s.
		const strictEmulator = await startEmulator({
			rateLimitPerSecond: 5,
			recognize: ({ fileBytes }) => answerFor(fileBytes),
			faults: { internalErrorEvery: 3, dropConnectionEvery: 5, slowEvery: 7, slowLatencyMs: 1500 },
		});
		const { items, error } = await runOcrNode({
			endpoint: strictEmulator.url,
			inputItems: inputNumbers.map(numberedInvoice),
			parameters: { options: { requestsPerSecond: 10, maxRetries: 8, timeout: 1 } },
		}).finally(() => strictEmulator.stop());

		expect(error).toBeUndefined();
		expect(invoicesIn(items).map((item) => [item.json.invoiceNumber, item.pairedItem])).toEqual(
			inputNumbers.map((invoiceNumber, index) => [invoiceNumber, { item: index }]),
		);
		expect(items).toHaveLength(inputNumbers.length * 2);
		const { byErrorCode, droppedConnections, succeeded } = strictEmulator.stats();
		expect(byErrorCode.InternalError).toBeGreaterThan(0);
		expect(byErrorCode.RequestLimitExceeded).toBeGreaterThan(0);
		expect(droppedConnections).toBeGreaterThan(0);
		// Slow answers that the node gave up on still count as successes on the server.
		expect(succeeded).toBeGreaterThanOrEqual(inputNumbers.length);
	}, 60_000);

	it('retries a cut-off, non-JSON answer', async () => {
		emulator.setFaults({ truncateAnswerEvery: 2 });

		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: inputNumbers.slice(0, 3).map(numberedInvoice),
			parameters: { output: 'invoices', options: { maxConcurrency: 1 } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.invoiceNumber)).toEqual(inputNumbers.slice(0, 3));
		expect(emulator.stats().total).toBe(5);
	});
});

describe('with retries exhausted and Continue On Fail', () => {
	it('every failed input yields exactly one error item, the others their results', async () => {
		failingNumbers = new Set([inputNumbers[1], inputNumbers[4]]);

		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: inputNumbers.slice(0, 6).map(numberedInvoice),
			parameters: { output: 'invoices', options: { maxRetries: 2 } },
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.invoiceNumber ?? item.json.errorCode])).toEqual([
			[{ item: 0 }, inputNumbers[0]],
			[{ item: 1 }, 'InternalError'],
			[{ item: 2 }, inputNumbers[2]],
			[{ item: 3 }, inputNumbers[3]],
			[{ item: 4 }, 'InternalError'],
			[{ item: 5 }, inputNumbers[5]],
		]);
		expect(items[1].json.error).toBe('Tencent Cloud had an internal error [item 1]');
		expect(items[1].json.hint).toMatch(/Tried 3 times\. \(Request ID [0-9a-f-]{36}\)$/);
		// Two failing inputs, each tried three times; four others once.
		expect(emulator.stats().total).toBe(2 * 3 + 4);
	}, 30_000);

	it('without Continue On Fail, stops with the first failed item and starts no new one', async () => {
		failingNumbers = new Set([inputNumbers[0]]);

		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: inputNumbers.map(numberedInvoice),
			parameters: { options: { maxRetries: 0, maxConcurrency: 2 } },
		});

		expect(error?.message).toBe('Tencent Cloud had an internal error [item 0]');
		expect(emulator.stats().total).toBeLessThanOrEqual(2);
	});
});

describe('errors that retrying cannot fix are attempted exactly once', () => {
	it.each([
		['a wrong Secret Key', { credentials: { secretKey: 'wrong' } }, 'AuthFailure.SignatureFailure'],
		['an unsupported region', { credentials: { region: 'eu-frankfurt' } }, 'UnsupportedRegion'],
		[
			'a file Tencent cannot decode',
			{ inputItems: [{ binary: { data: { data: Buffer.from('%PDF-1.4 not really'), mimeType: 'application/pdf' } } }] },
			'FailedOperation.ImageDecodeFailed',
		],
	])('%s', async (_label, run, code) => {
		const { error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [numberedInvoice('10000001')],
			parameters: { options: { maxRetries: 5 } },
			...run,
		});

		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(emulator.stats().total).toBe(1);
		expect(emulator.stats().byErrorCode).toEqual({ [code]: 1 });
	});

	it.each(['FailedOperation.UnOpenError', 'ResourceUnavailable.InArrears', 'FailedOperation.ImageBlur'])(
		'%s',
		async (code) => {
			emulator.setFaults({ failNext: { code, count: 10 } });

			const { error } = await runOcrNode({
				endpoint: emulator.url,
				inputItems: [numberedInvoice('10000001')],
				parameters: { options: { maxRetries: 5 } },
			});

			expect(error?.description).not.toMatch(/Tried/);
			expect(emulator.stats().total).toBe(1);
		},
	);
});
