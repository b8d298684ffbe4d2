/**
 * `npm run bench`: the node's throughput at the API's quota, against the emulator in its own
 * process with a fixed latency, compared with a one-at-a-time run in this same process.
 * Prints ratios and counts; asserts nothing (figures go in the README, not in tests).
 *
 * BENCH_INVOICES (200), BENCH_BASELINE_INVOICES (50), BENCH_LATENCY_MS (300),
 * BENCH_LARGE_PDFS (200), BENCH_LARGE_PDF_MB (5) change the sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FixtureItem } from '../harness/run-workflow';
import { runOcrNode } from '../integration/run-ocr-node';

const QUOTA_PER_SECOND = 10;
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const invoiceCount = setting('BENCH_INVOICES', 200);
const baselineCount = setting('BENCH_BASELINE_INVOICES', 50);
const latencyMs = setting('BENCH_LATENCY_MS', 300);
const largePdfCount = setting('BENCH_LARGE_PDFS', 200);
const largePdfBytes = setting('BENCH_LARGE_PDF_MB', 5) * 1024 * 1024;

const repoRoot = join(__dirname, '..', '..');
const png = readFileSync(join(repoRoot, 'test', 'fixtures', 'invoice.png'));
const onePagePdf = readFileSync(join(repoRoot, 'test', 'fixtures', 'invoice-1-page.pdf'));

/** The emulator runs in a child process, so this process's CPU time is the node's (and n8n's) alone. */
async function startEmulatorProcess(): Promise<{ url: string; process: ChildProcess }> {
	const child = spawn(
		process.execPath,
		[
			join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			join(repoRoot, 'test', 'emulator', 'cli.ts'),
			'--port=0',
			`--latency=${latencyMs}`,
			`--rate-limit=${QUOTA_PER_SECOND}`,
			'--quiet',
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise<string>((resolve, reject) => {
		let printed = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
	});
	return { url, process: child };
}

interface RunFigures {
	invoices: number;
	/** RequestLimitExceeded answers the emulator gave (each one retried). */
	throttled: number;
	seconds: number;
	cpuMsPerInvoice: number;
	peakRssMb: number;
	failedOrMissing: number;
}

/** Counts the inputs that did not yield exactly one invoice item, linked to themselves. */
function failedOrMissing(items: INodeExecutionData[], inputCount: number): number {
	const invoicesPerInput = new Array<number>(inputCount).fill(0);
	for (const item of items) {
		const { item: inputIndex } = item.pairedItem as { item: number };
		if (item.json.recordType === 'invoice') invoicesPerInput[inputIndex]++;
	}
	return invoicesPerInput.filter((count) => count !== 1).length;
}

async function emulatorControl(endpoint: string, path: 'stats' | 'reset') {
	const response = await fetch(`${endpoint}/__emulator/${path}`, { method: path === 'reset' ? 'POST' : 'GET' });
	return (await response.json()) as { byErrorCode?: Record<string, number> };
}

async function measure(
	endpoint: string,
	inputItems: FixtureItem[],
	parameters: INodeParameters,
	binaryDataMode: 'default' | 'filesystem' = 'default',
): Promise<RunFigures> {
	await emulatorControl(endpoint, 'reset');
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
	const cpuBefore = process.cpuUsage();
	const startedAt = performance.now();
	const { items, error } = await runOcrNode({ endpoint, inputItems, parameters, binaryDataMode });
	const seconds = (performance.now() - startedAt) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	if (error) throw new Error(`the run failed: ${error.message}`);
	const { byErrorCode } = await emulatorControl(endpoint, 'stats');
	return {
		invoices: inputItems.length,
		throttled: byErrorCode?.RequestLimitExceeded ?? 0,
		seconds,
		cpuMsPerInvoice: (cpu.user + cpu.system) / 1000 / inputItems.length,
		peakRssMb: peakRss / (1024 * 1024),
		failedOrMissing: failedOrMissing(items, inputItems.length),
	};
}

const pngItems = (count: number): FixtureItem[] =>
	Array.from({ length: count }, (_unused, index) => ({
		binary: { data: { data: png, fileName: `invoice-${index}.png`, mimeType: 'image/png' } },
	}));

/** One padded PDF shared by every item: the bench holds 5 MB, n8n's filesystem store holds the copies. */
function largePdfItems(count: number): FixtureItem[] {
	const padding = Buffer.alloc(Math.max(largePdfBytes - onePagePdf.length, 0), 0x20);
	const pdf = Buffer.concat([onePagePdf, padding]);
	return Array.from({ length: count }, (_unused, index) => ({
		binary: { data: { data: pdf, fileName: `scan-${index}.pdf`, mimeType: 'application/pdf' } },
	}));
}

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main() {
	const emulator = await startEmulatorProcess();
	try {
		console.log(`Emulator at ${emulator.url}: ${latencyMs} ms latency, quota ${QUOTA_PER_SECOND}/s\n`);
		const defaults = { output: 'invoices' };
		// Warm-up: module loading and n8n-core start-up are not what is measured.
		await measure(emulator.url, pngItems(5), defaults);

		const concurrent = await measure(emulator.url, pngItems(invoiceCount), defaults);
		const baseline = await measure(emulator.url, pngItems(baselineCount), { ...defaults, options: { maxConcurrency: 1 } });
		const largePdfs = await measure(emulator.url, largePdfItems(largePdfCount), defaults, 'filesystem');

		const rate = (figures: RunFigures) => figures.invoices / figures.seconds;
		console.log(row(['run', 'invoices', 'seconds', 'invoices/s', 'CPU ms/invoice', 'peak RSS MB', 'throttled', 'failed or missing']));
		console.log(row(['---', '---', '---', '---', '---', '---', '---', '---']));
		for (const [name, figures] of [
			['defaults (5 at once, 10/s)', concurrent],
			['one at a time (baseline)', baseline],
			[`${largePdfCount} × ${largePdfBytes / 1024 / 1024} MB PDFs, filesystem mode`, largePdfs],
		] as const) {
			console.log(
				row([name, figures.invoices, fixed(figures.seconds, 1), fixed(rate(figures)), fixed(figures.cpuMsPerInvoice, 1), fixed(figures.peakRssMb, 0), figures.throttled, figures.failedOrMissing]),
			);
		}
		console.log(`\nRatio to the quota ceiling (${QUOTA_PER_SECOND}/s): ${fixed(rate(concurrent) / QUOTA_PER_SECOND)} (goal ≥ 0.95)`);
		console.log(`Ratio to one at a time: ${fixed(rate(concurrent) / rate(baseline))}× (goal ≥ 3×; at ${latencyMs} ms latency the quota allows at most ${fixed(QUOTA_PER_SECOND / rate(baseline))}×)`);
		console.log(`Every file's base64 at once would be ${fixed((largePdfCount * Math.ceil(largePdfBytes / 3) * 4) / 1024 / 1024, 0)} MB`);
	} finally {
		emulator.process.kill('SIGTERM');
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
