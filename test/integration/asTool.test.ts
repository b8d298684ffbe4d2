/**
 * The node as an AI tool in n8n's engine against the emulator: the tool variant answers compactly by default
 * (no fields map, no raw answer), in full when Tool Output is Full; the node used as a node answers as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../emulator';
import { sampleInvoiceToVerify } from '../helpers/sample-invoice-to-verify';
import { runOcrNode } from './run-ocr-node';

const invoicePng = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png')).toString('base64');

const sampleVerifyParameters = (): INodeParameters => ({ operation: 'verifyVatInvoice', ...sampleInvoiceToVerify() });

const OPERATIONS: Array<{ label: string; parameters: () => INodeParameters; bulkyKey: string }> = [
	{ label: 'Verify', parameters: sampleVerifyParameters, bulkyKey: 'raw' },
	{
		label: 'Recognize (base64, invoices with nested line items)',
		parameters: () => ({ operation: 'recognizeVatInvoice', inputType: 'base64', base64Content: invoicePng, output: 'invoices' }),
		bulkyKey: 'fields',
	},
];

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 0 });
});

afterAll(async () => await emulator.stop());

async function answerOf(parameters: INodeParameters, asTool: boolean): Promise<IDataObject> {
	const run = await runOcrNode({ endpoint: emulator.url, parameters, inputItems: [{ json: {} }], asTool });
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	return run.items[0].json;
}

describe.each(OPERATIONS)('$label', ({ parameters, bulkyKey }) => {
	it(`as a tool: no ${bulkyKey}, the invoice and its line item in under 4 KB of JSON`, async () => {
		const answer = await answerOf(parameters(), true);
		expect(answer).not.toHaveProperty(bulkyKey);
		expect(answer).toMatchObject({ invoiceNumber: '63591128', lineItems: [expect.objectContaining({ name: '客运服务费' })] });
		expect(Buffer.byteLength(JSON.stringify([answer]))).toBeLessThan(4096);
	});

	it(`as a tool with Tool Output Full: ${bulkyKey} as in a workflow`, async () => {
		const compact = await answerOf(parameters(), true);
		const full = await answerOf({ ...parameters(), toolOutput: 'full' }, true);
		expect(full).toHaveProperty(bulkyKey);
		const { [bulkyKey]: _bulk, ...rest } = full;
		expect(Object.keys(rest).sort()).toEqual(Object.keys(compact).sort());
	});

	it(`as a node: ${bulkyKey} as before, whatever Tool Output says (the node has no such parameter)`, async () => {
		expect(await answerOf(parameters(), false)).toHaveProperty(bulkyKey);
		expect(await answerOf({ ...parameters(), toolOutput: 'compact' }, false)).toHaveProperty(bulkyKey);
	});
});
