/**
 * Several executions of the node at once in one process (an IMAP trigger per mail, a webhook per
 * file), on one account: the real SDK over real HTTP against the emulator at Tencent's 10/s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../emulator';
import type { FixtureItem } from '../harness/run-workflow';
import { runOcrNode } from './run-ocr-node';

const png = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png'));
const QUOTA_PER_SECOND = 10;
const EXECUTIONS = 4;
const INVOICES_PER_EXECUTION = 25;

const pngItems = (execution: number): FixtureItem[] =>
	Array.from({ length: INVOICES_PER_EXECUTION }, (_unused, index) => ({
		json: { execution, index },
		binary: { data: { data: png, fileName: `mail-${execution}-invoice-${index}.png`, mimeType: 'image/png' } },
	}));

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: QUOTA_PER_SECOND, faults: { latencyMs: 300 } });
});

afterAll(async () => {
	await emulator.stop();
});

it(`${EXECUTIONS} executions at once, ${INVOICES_PER_EXECUTION} invoices each, share the account's quota: every invoice once, no error item`, async () => {
	const startedAt = performance.now();
	const runs = await Promise.all(
		Array.from({ length: EXECUTIONS }, (_unused, execution) =>
			runOcrNode({ endpoint: emulator.url, inputItems: pngItems(execution), parameters: { output: 'invoices' } }),
		),
	);
	const seconds = (performance.now() - startedAt) / 1000;

	runs.forEach(({ error, items }, execution) => {
		expect(error).toBeUndefined();
		expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
		// One invoice per input item, linked back to it, in input order.
		expect(items.map((item) => [item.json.recordType, item.pairedItem])).toEqual(
			Array.from({ length: INVOICES_PER_EXECUTION }, (_unused, index) => ['invoice', { item: index }]),
		);
		expect(items.map((item) => item.json.sourceFileName)).toEqual(
			pngItems(execution).map((item) => item.binary!.data.fileName),
		);
	});

	const stats = emulator.stats();
	const invoices = EXECUTIONS * INVOICES_PER_EXECUTION;
	// Each invoice recognised (and billed) once.
	expect(stats.succeeded).toBe(invoices);
	const throttled = stats.byErrorCode.RequestLimitExceeded ?? 0;
	console.log(
		`${EXECUTIONS} executions × ${INVOICES_PER_EXECUTION} invoices: ${(invoices / seconds).toFixed(2)} invoices/s ` +
			`(${(invoices / seconds / QUOTA_PER_SECOND).toFixed(2)} of the quota), ${throttled} of ${stats.total} calls throttled ` +
			`(${((100 * throttled) / stats.total).toFixed(1)} %)`,
	);
}, 120_000);
