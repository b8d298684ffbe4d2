/**
 * Answers off the documented shape, served by the emulator (fault reshapeAnswer) to the real SDK over
 * real HTTP: one error item naming the field under Continue On Fail, a NodeApiError otherwise, never a
 * crash; in Raw Response mode the answer passes on as it came.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../emulator';
import type { AnswerChange } from '../emulator/faults';
import type { FixtureItem } from '../harness/run-workflow';
import { runOcrNode, type OcrNodeRun } from './run-ocr-node';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name));
const fileItem = (fileName: string, mimeType: string): FixtureItem => ({
	json: {},
	binary: { data: { data: fixture(fileName), fileName, mimeType } },
});
const pngItem = fileItem('invoice.png', 'image/png');
const ofdItem = fileItem('invoice.ofd', 'application/ofd');

const DAY_MS = 24 * 60 * 60 * 1000;
const tenDaysAgoInChina = new Date(Date.now() + 8 * 60 * 60 * 1000 - 10 * DAY_MS).toISOString().slice(0, 10);
/** A classic invoice the emulator's tax authority knows (its documented sample, with these values). */
const verifyParameters = {
	operation: 'verifyVatInvoice',
	invoiceNumber: '11112222',
	invoiceCode: '044031900111',
	issueDate: tenDaysAgoInChina,
	checkCode: '12345678901234567890',
	amountBeforeTax: '100',
};

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 1000 });
});

afterAll(async () => {
	await emulator.stop();
});

afterEach(() => {
	emulator.setFaults({});
	emulator.resetStats();
});

const run = (changes: AnswerChange[], options: Partial<Omit<OcrNodeRun, 'endpoint'>>) => {
	emulator.setFaults({ reshapeAnswer: changes });
	return runOcrNode({ endpoint: emulator.url, inputItems: [pngItem], ...options });
};

describe('an answer off the documented shape', () => {
	it.each<[string, FixtureItem, INodeParameters, AnswerChange, string]>([
		['Recognize: null inside VatInvoiceInfos', pngItem, {}, { path: 'VatInvoiceInfos.2', value: null }, 'VatInvoiceInfos[2] is null'],
		['Recognize: a number for a Name', pngItem, {}, { path: 'VatInvoiceInfos.0.Name', value: 42 }, 'VatInvoiceInfos[0].Name is a number'],
		['Recognize: null inside Items', pngItem, {}, { path: 'Items.0', value: null }, 'Items[0] is null'],
		['Recognize: a number for a line amount', pngItem, {}, { path: 'Items.0.AmountWithoutTax', value: 87.28 }, 'Items[0].AmountWithoutTax is a number'],
		['Recognize an OFD: null inside GoodsInfos', ofdItem, {}, { path: 'GoodsInfos.0', value: null }, 'GoodsInfos[0] is null'],
		['Verify: null inside the invoice\'s Items', { json: {} }, verifyParameters, { path: 'Invoice.Items.0', value: null }, 'Invoice.Items[0] is null'],
		['Verify: a number for the seller', { json: {} }, verifyParameters, { path: 'Invoice.SellerName', value: 7 }, 'Invoice.SellerName is a number'],
	])('%s: one error item naming the field under Continue On Fail', async (_label, inputItem, parameters, change, fieldProblem) => {
		const { items, error } = await run([change], { inputItems: [inputItem], parameters, continueOnFail: true });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			error: `Tencent Cloud answered in a shape the node cannot read: ${fieldProblem} [item 0]`,
			errorCode: 'UnexpectedAnswer',
			requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(items[0].json.hint).toMatch(/report it to Tencent Cloud support with the Request ID\. \(Request ID [0-9a-f-]{36}\)$/);
		expect(items[0].json.hint).toContain(String(items[0].json.requestId));
		expect(emulator.stats().total).toBe(1);
	});

	it('stops the node with a NodeApiError naming the field without Continue On Fail', async () => {
		const { error } = await run([{ path: 'VatInvoiceInfos.1', value: null }], {});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Tencent Cloud answered in a shape the node cannot read: VatInvoiceInfos[1] is null [item 0]');
		expect(emulator.stats().total).toBe(1);
	});

	it.each<[string, FixtureItem, AnswerChange[]]>([
		['null inside VatInvoiceInfos and Items', pngItem, [{ path: 'VatInvoiceInfos.2', value: null }, { path: 'Items.0', value: null }]],
		['a number for a Name', pngItem, [{ path: 'VatInvoiceInfos.0.Name', value: 42 }]],
		['null inside an OFD\'s GoodsInfos', ofdItem, [{ path: 'GoodsInfos.0', value: null }]],
	])('passes on in Raw Response mode as it came: %s', async (_label, inputItem, changes) => {
		const { items, error } = await run(changes, { inputItems: [inputItem], parameters: { output: 'raw' } });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		for (const { path, value } of changes) {
			const found = path.split('.').reduce<unknown>((parent, key) => (parent as Record<string, unknown>)[key], items[0].json);
			expect({ path, found }).toEqual({ path, found: value });
		}
		expect(items[0].json.RequestId).toMatch(/^[0-9a-f-]{36}$/);
	});
});
