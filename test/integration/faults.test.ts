/**
 * No invoice lost under faults, and no call billed twice or after Stop: the node, in n8n-core's
 * engine, against the emulator injecting InternalError answers, dropped connections, a lower rate
 * limit, answers slower than the timeout, hangs, gateway and non-JSON answers.
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
			// Resending after no answer may bill twice: allowed here on purpose, as a user may choose.
			parameters: { options: { requestsPerSecond: 10, maxRetries: 8, retriesAfterNoAnswer: 5, timeout: 1 } },
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

	it('resends a recognition whose answer was cut off, once', async () => {
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

const recentIssueDate = () => new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const invoiceToVerify = (): FixtureItem => ({
	json: { invoiceNumber: '87654321', invoiceCode: '044002000311', issueDate: recentIssueDate(), checkCode: '123456', totalBeforeTax: 97.09, totalWithTax: 100 },
});

/** Polls until the emulator has seen `count` calls. */
async function untilCallsSeen(count: number): Promise<void> {
	while (emulator.stats().total < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('what may be billed twice', () => {
	it('resends a recognition that got no answer once, a verification never', async () => {
		emulator.setFaults({ hangAfterRequest: true });

		const recognition = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [numberedInvoice('10000001')],
			parameters: { options: { timeout: 1 } },
		});
		expect(recognition.error?.message).toBe(`No answer from Tencent Cloud at ${emulator.url} [item 0]`);
		expect(recognition.error?.description).toMatch(/^The request was sent but no complete answer came back \(no answer within 1 s\).* Tried 2 times\.$/);
		expect(emulator.stats().byAction).toEqual({ VatInvoiceOCR: 2 });

		emulator.resetStats();
		const verification = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [invoiceToVerify()],
			parameters: { operation: 'verifyVatInvoice', options: { timeout: 1, maxRetries: 5 } },
		});
		expect(verification.error?.message).toBe(`No answer from Tencent Cloud at ${emulator.url} [item 0]`);
		expect(verification.error?.description).not.toMatch(/Tried/);
		expect(emulator.stats().byAction).toEqual({ VatInvoiceVerifyNew: 1 });
	}, 30_000);

	it.each([
		['a gateway\'s HTTP 403', { gatewayStatus: 403 }, (url: string) => `HTTP 403 from a proxy or gateway at ${url}, not from Tencent Cloud`, 'GatewayError'],
		['a non-JSON answer', { nonJsonAnswer: true }, (url: string) => `The answer at ${url} is not Tencent Cloud's`, 'NotTencentAnswer'],
	])('tries %s once and says what it is', async (_label, faults, message, errorCode) => {
		emulator.setFaults(faults);

		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: [numberedInvoice('10000001')],
			parameters: { options: { maxRetries: 5 } },
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ error: `${message(emulator.url)} [item 0]`, errorCode });
		expect(items[0].json.hint).not.toMatch(/Could not reach|Tried/);
		expect(emulator.stats().total).toBe(1);
	});

	it('tries an answer off the documented shape once, and names the field, not a network failure', async () => {
		const oddEmulator = await startEmulator({ rateLimitPerSecond: 0, recognize: () => ({ VatInvoiceInfos: [null], Items: null }) });
		const { error } = await runOcrNode({
			endpoint: oddEmulator.url,
			inputItems: [numberedInvoice('10000001')],
			parameters: { options: { maxRetries: 5 } },
		}).finally(() => oddEmulator.stop());

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Tencent Cloud answered in a shape the node cannot read: VatInvoiceInfos[0] is null [item 0]');
		expect(error?.description).toMatch(/^The call was made and may be billed; its answer was not read\./);
		expect(oddEmulator.stats().total).toBe(1);
	});
});

it('refuses an answer over 20 MB after one try, without reading it all', async () => {
	const hugeEmulator = await startEmulator({ rateLimitPerSecond: 0, recognize: () => ({ Padding: 'x'.repeat(21 * 1024 * 1024) }) });
	const { items } = await runOcrNode({
		endpoint: hugeEmulator.url,
		inputItems: [numberedInvoice('10000001')],
		parameters: { options: { maxRetries: 5 } },
		continueOnFail: true,
	}).finally(() => hugeEmulator.stop());

	expect(items.map((item) => [item.json.error, item.json.errorCode])).toEqual([
		[`The answer at ${hugeEmulator.url} is too large [item 0]`, 'AnswerTooLarge'],
	]);
	expect(items[0].json.hint).toMatch(/^The answer is over 20 MB\./);
	expect(hugeEmulator.stats().total).toBe(1);
}, 30_000);

describe('throttling', () => {
	it('loses no invoice in a storm: quota 2/s, 20 items, default settings', async () => {
		const throttlingEmulator = await startEmulator({ rateLimitPerSecond: 2, recognize: ({ fileBytes }) => answerFor(fileBytes) });
		const numbers = Array.from({ length: 20 }, (_unused, index) => String(20000001 + index));

		const { items, error } = await runOcrNode({
			endpoint: throttlingEmulator.url,
			inputItems: numbers.map(numberedInvoice),
			parameters: { output: 'invoices' },
		}).finally(() => throttlingEmulator.stop());

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.invoiceNumber)).toEqual(numbers);
		const { succeeded, byErrorCode } = throttlingEmulator.stats();
		expect(succeeded).toBe(20);
		expect(byErrorCode.RequestLimitExceeded).toBeGreaterThan(0);
	}, 180_000);
});

describe('Stop', () => {
	it('aborts the calls under way and starts none after', async () => {
		emulator.setFaults({ hangAfterRequest: true });
		const stop = new AbortController();

		const running = runOcrNode({
			endpoint: emulator.url,
			inputItems: inputNumbers.map(numberedInvoice),
			parameters: { options: { maxConcurrency: 3 } },
			cancelSignal: stop.signal,
		});
		await untilCallsSeen(3);
		stop.abort();
		await running;
		// Longer than the pace's window and a first retry's wait: any call left behind would show by now.
		await new Promise((resolve) => setTimeout(resolve, 1500));

		// Three calls hung (the timeout is 30 s): only Stop can have ended them, and nothing followed.
		expect(emulator.stats().total).toBe(3);
	}, 20_000);
});

describe('the credential', () => {
	const token = 'stsTokenPart1\u200bstsTokenPart2';

	it.each([false, true])(
		'refuses a session token with a zero-width space before any call, and shows it nowhere (Continue On Fail: %s)',
		async (continueOnFail) => {
			const result = await runOcrNode({
				endpoint: emulator.url,
				inputItems: [numberedInvoice('10000001')],
				credentials: { sessionToken: token },
				continueOnFail,
			});

			const message = "The credential's Session Token contains a character that cannot be sent (U+200B at position 14) [item 0]";
			if (continueOnFail) expect(result.items.map((item) => item.json.error)).toEqual([message]);
			else expect(result.error?.message).toBe(message);
			expect(emulator.stats().total).toBe(0);
			const serializedRun = JSON.stringify(result.run);
			expect(serializedRun).not.toContain('stsTokenPart');
		},
	);

	it('gives one error item per input under Continue On Fail when the Secret Key is empty', async () => {
		const { items, error } = await runOcrNode({
			endpoint: emulator.url,
			inputItems: inputNumbers.slice(0, 3).map(numberedInvoice),
			credentials: { secretKey: '' },
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.error])).toEqual(
			[0, 1, 2].map((index) => [{ item: index }, `The Tencent Cloud credential has no Secret ID or Secret Key [item ${index}]`]),
		);
		expect(emulator.stats().total).toBe(0);
	});
});
