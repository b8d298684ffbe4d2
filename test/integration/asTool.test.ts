/**
 * The node as an AI tool in n8n's engine against the emulator: the tool variant answers compactly by default
 * (no fields map), in full when Tool Output is Full; the node used as a node answers as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Invoice, LineItem } from '../../nodes/TencentInvoiceOcr/invoice/fields';

import { startEmulator, type RunningEmulator } from '../emulator';
import { sampleInvoiceToVerify } from '../helpers/sample-invoice-to-verify';
import { runOcrNode } from './run-ocr-node';

const invoicePng = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png')).toString('base64');

/** Output Invoices: one item per invoice, its line items nested, as a tool for a model is best set up. */
const OPERATIONS: Array<{ label: string; parameters: () => INodeParameters }> = [
	{ label: 'Verify', parameters: () => ({ operation: 'verifyVatInvoice', ...sampleInvoiceToVerify(), output: 'invoices' }) },
	{
		label: 'Recognize (base64)',
		parameters: () => ({ operation: 'recognizeVatInvoice', inputType: 'base64', base64Content: invoicePng, output: 'invoices' }),
	},
];

/** What a model does not need: every field again under its Chinese name (empty for Verify). */
const BULKY_KEY = 'fields';

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

describe.each(OPERATIONS)('$label', ({ parameters }) => {
	it(`as a tool: no ${BULKY_KEY}, the invoice and its line item in under 4 KB of JSON`, async () => {
		const answer = await answerOf(parameters(), true);
		expect(answer).not.toHaveProperty(BULKY_KEY);
		// Keys typed by the field table, so that a rename there reaches this test.
		expect(answer).toMatchObject({ invoiceNumber: '63591128' } satisfies Partial<Invoice>);
		expect(answer.lineItems).toEqual([expect.objectContaining({ itemName: '客运服务费' } satisfies Partial<LineItem>)]);
		expect(Buffer.byteLength(JSON.stringify([answer]))).toBeLessThan(4096);
	});

	it(`as a tool with Tool Output Full: ${BULKY_KEY} as in a workflow`, async () => {
		const compact = await answerOf(parameters(), true);
		const full = await answerOf({ ...parameters(), toolOutput: 'full' }, true);
		const bytes = (json: IDataObject) => Buffer.byteLength(JSON.stringify([json]));
		process.stdout.write(`[as a tool] ${String(parameters().operation)}: ${bytes(compact)} bytes of JSON compact, ${bytes(full)} full\n`);
		expect(full).toHaveProperty(BULKY_KEY);
		const { [BULKY_KEY]: _bulk, ...rest } = full;
		expect(Object.keys(rest).sort()).toEqual(Object.keys(compact).sort());
	});

	it(`as a node: ${BULKY_KEY} as before, whatever Tool Output says (the node has no such parameter)`, async () => {
		expect(await answerOf(parameters(), false)).toHaveProperty(BULKY_KEY);
		expect(await answerOf({ ...parameters(), toolOutput: 'compact' }, false)).toHaveProperty(BULKY_KEY);
	});
});
