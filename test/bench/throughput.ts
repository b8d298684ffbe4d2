/**
 * `npm run bench`: the node's throughput at the API's quota, against the emulator in its own
 * process with a fixed latency, compared with a one-at-a-time run in this same process.
 * Prints ratios and counts; asserts nothing (figures go in docs/billing-and-throughput.md, not in tests).
 *
 * Two rows share one account between runs: 4 executions at once in this process, and this process
 * with a second OS process (this file with --worker) against the same emulator.
 *
 * Digital invoices (数电 XML, OFD, a ZIP bundle) are read locally: their rows count invoices per second,
 * calls (0) and peak memory. BENCH_DIGITAL_INVOICES (1000) and BENCH_BUNDLE_INVOICES (200) set their
 * sizes; BENCH_ROWS=digital runs only those rows.
 *
 * BENCH_INVOICES (200), BENCH_BASELINE_INVOICES (50), BENCH_LATENCY_MS (300),
 * BENCH_LARGE_PDFS (200), BENCH_LARGE_PDF_MB (5) change the sizes. BENCH_EMULATOR_RATE_LIMIT (10;
 * 0 turns it off) sets what the emulator allows VatInvoiceOCR per second, while the node still paces itself at
 * 10/s: with it off, the rows show what the node reaches when nothing is throttled.
 *
 * Recognize Any Invoice or Receipt has rows of its own against RecognizeGeneralInvoice's 5/s: BENCH_ANY_INVOICES
 * (60) one-page files at defaults in one execution, then 4 executions at once sharing the account.
 * BENCH_ROWS=any runs only those rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeParameters, type INodeType } from 'n8n-workflow';

import { runWorkflow, type FixtureItem } from '../harness/run-workflow';
import { CLOUD_SAIL_SPECIAL, HARBOUR_ORDINARY, MACHINERY_SPECIAL, EXPRESSWAY_TOLL, digitalOfd, einvoiceXml, invoiceBundle, type DigitalInvoiceSpec } from '../helpers/digital-invoices';
import { runOcrNode } from '../integration/run-ocr-node';

const QUOTA_PER_SECOND = 10;
const ANY_QUOTA_PER_SECOND = 5;
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const invoiceCount = setting('BENCH_INVOICES', 200);
const baselineCount = setting('BENCH_BASELINE_INVOICES', 50);
const latencyMs = setting('BENCH_LATENCY_MS', 300);
const largePdfCount = setting('BENCH_LARGE_PDFS', 200);
const largePdfBytes = setting('BENCH_LARGE_PDF_MB', 5) * 1024 * 1024;
const emulatorRateLimit = setting('BENCH_EMULATOR_RATE_LIMIT', QUOTA_PER_SECOND);
const digitalCount = setting('BENCH_DIGITAL_INVOICES', 1000);
const bundleCount = setting('BENCH_BUNDLE_INVOICES', 200);
const onlyDigitalRows = process.env.BENCH_ROWS === 'digital';
const anyInvoiceCount = setting('BENCH_ANY_INVOICES', 60);
const onlyAnyRows = process.env.BENCH_ROWS === 'any';
const ANY_DEFAULTS: INodeParameters = { operation: 'recognizeAnyInvoice', output: 'invoices' };

const repoRoot = join(__dirname, '..', '..');
const png = readFileSync(join(repoRoot, 'test', 'fixtures', 'invoice.png'));
const onePagePdf = readFileSync(join(repoRoot, 'test', 'fixtures', 'invoice-1-page.pdf'));

/** Runs a TypeScript file of this repository in a new Node process, its output piped back. */
const spawnTsx = (file: string[], args: string[]) =>
	spawn(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, ...file), ...args], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});

/** Resolves with the first line of the child's output that `pattern` matches. */
function lineOf(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		const otherLines: string[] = [];
		createInterface({ input: child.stdout! }).on('line', (line) => {
			const match = pattern.exec(line);
			if (match) resolve(match);
			else otherLines.push(line);
		});
		// 'close', not 'exit': a child's last lines may still be in its pipe when it exits.
		child.once('close', (code, signal) =>
			reject(new Error(`${what} ended (exit code ${code}, signal ${signal}) before printing ${pattern}; it printed: ${JSON.stringify(otherLines.slice(-5))}`)),
		);
	});
}

/** The emulator runs in a child process, so this process's CPU time is the node's (and n8n's) alone. */
async function startEmulatorProcess(): Promise<{ url: string; process: ChildProcess }> {
	const child = spawnTsx(
		['test', 'emulator', 'cli.ts'],
		['--port=0', `--latency=${latencyMs}`, `--rate-limit=${emulatorRateLimit}`, '--quiet'],
	);
	const [, url] = await lineOf(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the emulator');
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
	return (await response.json()) as { total?: number; byErrorCode?: Record<string, number> };
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

/** A node that reads each item's file and passes the item on: n8n's own share of a large-file run. */
const FILE_READER_TYPE = 'bench.fileReader';
const fileReader: INodeType = {
	description: {
		displayName: 'File Reader',
		name: 'fileReader',
		group: ['transform'],
		version: 1,
		description: 'Reads every binary, as the OCR node does, and calls nothing',
		defaults: { name: 'File Reader' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		for (let index = 0; index < items.length; index++) await this.helpers.getBinaryDataBuffer(index, 'data');
		return [items];
	},
};

/** CPU ms per item of storing and reading the items' files in n8n's filesystem mode, with no call. */
async function n8nFileCpuMsPerItem(inputItems: FixtureItem[]): Promise<number> {
	const cpuBefore = process.cpuUsage();
	const { error } = await runWorkflow({
		nodeTypes: { [FILE_READER_TYPE]: fileReader },
		workflow: {
			nodes: [{ id: 'reader', name: 'File Reader', type: FILE_READER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
		},
		inputItems,
		binaryDataMode: 'filesystem',
	});
	const cpu = process.cpuUsage(cpuBefore);
	if (error) throw new Error(`the file-only run failed: ${error.message}`);
	return (cpu.user + cpu.system) / 1000 / inputItems.length;
}

interface SharedAccountFigures {
	invoices: number;
	seconds: number;
	throttled: number;
	calls: number;
	/** Inputs that did not come back as one invoice (error items under Continue On Fail). */
	lost: number;
}

/** One execution of `count` invoices under Continue On Fail; returns how many were lost. */
async function lostInvoicesOfRun(endpoint: string, count: number, parameters: INodeParameters = { output: 'invoices' }): Promise<number> {
	const { items, error } = await runOcrNode({
		endpoint,
		inputItems: pngItems(count),
		parameters,
		continueOnFail: true,
	});
	return error ? count : failedOrMissing(items, count);
}

/** Several runs on one account at the same moment; `runTogether` returns their lost invoices. */
async function measureSharedAccount(
	endpoint: string,
	invoices: number,
	runTogether: () => Promise<number>,
): Promise<SharedAccountFigures> {
	await emulatorControl(endpoint, 'reset');
	const startedAt = performance.now();
	const lost = await runTogether();
	const seconds = (performance.now() - startedAt) / 1000;
	const { total, byErrorCode } = await emulatorControl(endpoint, 'stats');
	return { invoices, seconds, throttled: byErrorCode?.RequestLimitExceeded ?? 0, calls: total ?? 0, lost };
}

// ----- digital invoices, read locally -----

const SPECS = [CLOUD_SAIL_SPECIAL, HARBOUR_ORDINARY, MACHINERY_SPECIAL, EXPRESSWAY_TOLL];

/** The spec's invoice with its own 20-digit number, so that every invoice of a run is another one. */
const numbered = (index: number): DigitalInvoiceSpec => {
	const spec = SPECS[index % SPECS.length];
	return { ...spec, invoiceNumber: `${spec.invoiceNumber.slice(0, 12)}${String(index).padStart(8, '0')}` };
};

const digitalItems = (count: number, build: (spec: DigitalInvoiceSpec) => Buffer | string, extension: string): FixtureItem[] =>
	Array.from({ length: count }, (_unused, index) => {
		const file = build(numbered(index));
		const data = Buffer.isBuffer(file) ? file : Buffer.from(file);
		return { binary: { data: { data, fileName: `${numbered(index).invoiceNumber}.${extension}`, mimeType: 'application/octet-stream' } } };
	});

/** One ZIP of `count` invoices, each as XML, PDF and OFD in the folders platforms use. */
function bundleItem(count: number): FixtureItem {
	const files = Array.from({ length: count }, (_unused, index) => numbered(index)).flatMap((spec) => [
		{ name: `xml/${spec.invoiceNumber}.xml`, content: einvoiceXml(spec) },
		{ name: `pdf/${spec.invoiceNumber}.pdf`, content: onePagePdf },
		{ name: `ofd/${spec.invoiceNumber}.ofd`, content: digitalOfd(spec) },
	]);
	return { binary: { data: { data: invoiceBundle(files), fileName: '发票.zip', mimeType: 'application/zip' } } };
}

interface DigitalFigures {
	invoices: number;
	seconds: number;
	calls: number;
	peakRssMb: number;
	/** Peak RSS above the RSS when the run started. */
	rssGrowthMb: number;
	largestFileMb: number;
}

async function measureDigital(endpoint: string, inputItems: FixtureItem[]): Promise<DigitalFigures> {
	await emulatorControl(endpoint, 'reset');
	const startRss = process.memoryUsage().rss;
	let peakRss = startRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
	const startedAt = performance.now();
	const { items, error } = await runOcrNode({ endpoint, inputItems, parameters: { output: 'invoices' } });
	const seconds = (performance.now() - startedAt) / 1000;
	clearInterval(sampler);
	if (error) throw new Error(`the run failed: ${error.message}`);
	const { total } = await emulatorControl(endpoint, 'stats');
	const largestFile = Math.max(...inputItems.map((item) => (item.binary?.data.data as Buffer).length));
	return {
		invoices: items.filter((item) => item.json.recordType === 'invoice' && item.json.readFrom !== 'ocr').length,
		seconds,
		calls: total ?? 0,
		peakRssMb: peakRss / (1024 * 1024),
		rssGrowthMb: (peakRss - startRss) / (1024 * 1024),
		largestFileMb: largestFile / (1024 * 1024),
	};
}

async function digitalRows(endpoint: string): Promise<void> {
	await measureDigital(endpoint, digitalItems(20, (spec) => einvoiceXml(spec), 'xml'));
	const rows: Array<[string, DigitalFigures]> = [
		[`${digitalCount} 数电 XML files`, await measureDigital(endpoint, digitalItems(digitalCount, (spec) => einvoiceXml(spec), 'xml'))],
		[`${digitalCount} OFD files`, await measureDigital(endpoint, digitalItems(digitalCount, (spec) => digitalOfd(spec), 'ofd'))],
		[`one ZIP of ${bundleCount} × (XML + PDF + OFD)`, await measureDigital(endpoint, [bundleItem(bundleCount)])],
	];
	console.log("\nDigital invoices read locally (n8n's engine, one execution):\n");
	console.log(row(['run', 'invoices', 'seconds', 'invoices/s', 'calls', 'peak RSS MB', 'RSS growth MB', 'largest file MB']));
	console.log(row(['---', '---', '---', '---', '---', '---', '---', '---']));
	for (const [name, figures] of rows) {
		console.log(row([name, figures.invoices, fixed(figures.seconds, 1), fixed(figures.invoices / figures.seconds, 0), figures.calls, fixed(figures.peakRssMb, 0), fixed(figures.rssGrowthMb, 0), fixed(figures.largestFileMb, 2)]));
	}
}

/** A second n8n-like process on the same account: this file with --worker, started on "go". */
async function startSecondProcess(endpoint: string, count: number) {
	const child = spawnTsx(['test', 'bench', 'throughput.ts'], ['--worker', endpoint, String(count)]);
	await lineOf(child, /^ready$/, 'the second process');
	const result = lineOf(child, /^lost (\d+)$/, 'the second process');
	return {
		process: child,
		run: async () => {
			child.stdin!.write('go\n');
			const [, lost] = await result;
			return Number(lost);
		},
	};
}

/** The second process: warms up, says "ready", runs its invoices on "go", and prints what it lost. */
async function secondProcess(endpoint: string, count: number) {
	await lostInvoicesOfRun(endpoint, 1);
	console.log('ready');
	const input = createInterface({ input: process.stdin });
	await new Promise((resolve) => input.once('line', resolve));
	input.close();
	console.log(`lost ${await lostInvoicesOfRun(endpoint, count)}`);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** Four executions at once, `perExecution` invoices each, on one account. */
const fourExecutionsOf = (endpoint: string, perExecution: number, parameters?: INodeParameters) =>
	measureSharedAccount(endpoint, 4 * perExecution, async () =>
		sum(await Promise.all(Array.from({ length: 4 }, async () => await lostInvoicesOfRun(endpoint, perExecution, parameters)))),
	);

const SHARED_HEADER = [
	row(['run', 'invoices', 'seconds', 'share of the quota', 'throttled share of calls', 'lost invoices', 'goal']),
	row(['---', '---', '---', '---', '---', '---', '---']),
].join('\n');

function sharedRow(name: string, figures: SharedAccountFigures, quota: number, goal: string): string {
	const throttledShare = `${fixed((100 * figures.throttled) / Math.max(figures.calls, 1), 1)} % (${figures.throttled} of ${figures.calls})`;
	return row([name, figures.invoices, fixed(figures.seconds, 1), fixed(figures.invoices / figures.seconds / quota), throttledShare, figures.lost, goal]);
}

/** Recognize Any Invoice or Receipt at its defaults against RecognizeGeneralInvoice's own quota (5/s). */
async function anyInvoiceRows(endpoint: string): Promise<void> {
	await measure(endpoint, pngItems(3), ANY_DEFAULTS);
	const single = await measure(endpoint, pngItems(anyInvoiceCount), ANY_DEFAULTS);
	const perExecution = Math.ceil(anyInvoiceCount / 4);
	const shared = await fourExecutionsOf(endpoint, perExecution, ANY_DEFAULTS);
	const singleRate = single.invoices / single.seconds;
	console.log(`\nRecognize Any Invoice or Receipt (RecognizeGeneralInvoice, quota ${ANY_QUOTA_PER_SECOND}/s), one-page files at defaults:\n`);
	console.log(SHARED_HEADER);
	console.log(
		row([`one execution (${single.invoices})`, single.invoices, fixed(single.seconds, 1), fixed(singleRate / ANY_QUOTA_PER_SECOND), `${single.throttled} throttled`, single.failedOrMissing, '≥ 0.95']),
	);
	console.log(sharedRow(`4 concurrent executions in one process (${perExecution} each)`, shared, ANY_QUOTA_PER_SECOND, '≤ 2 % throttled, 0 lost'));
}

async function main() {
	const emulator = await startEmulatorProcess();
	try {
		const limit = emulatorRateLimit > 0 ? `quota ${emulatorRateLimit}/s` : 'no rate limit (the node still paces itself at 10/s)';
		console.log(`Emulator at ${emulator.url}: ${latencyMs} ms latency, VatInvoiceOCR ${limit}\n`);
		if (onlyDigitalRows) {
			await digitalRows(emulator.url);
			return;
		}
		if (onlyAnyRows) {
			await anyInvoiceRows(emulator.url);
			return;
		}
		const defaults = { output: 'invoices' };
		// Warm-up: module loading and n8n-core start-up are not what is measured.
		await measure(emulator.url, pngItems(5), defaults);

		const concurrent = await measure(emulator.url, pngItems(invoiceCount), defaults);
		const baseline = await measure(emulator.url, pngItems(baselineCount), { ...defaults, options: { maxConcurrency: 1 } });
		const perExecution = Math.ceil(invoiceCount / 4);
		const fourExecutions = await fourExecutionsOf(emulator.url, perExecution);
		const perProcess = Math.ceil(invoiceCount / 2);
		const second = await startSecondProcess(emulator.url, perProcess);
		let twoProcesses: SharedAccountFigures;
		try {
			twoProcesses = await measureSharedAccount(emulator.url, 2 * perProcess, async () =>
				sum(await Promise.all([second.run(), lostInvoicesOfRun(emulator.url, perProcess)])),
			);
		} finally {
			second.process.kill('SIGTERM');
		}
		const largePdfs = await measure(emulator.url, largePdfItems(largePdfCount), defaults, 'filesystem');
		const n8nFileCpuMs = await n8nFileCpuMsPerItem(largePdfItems(largePdfCount));

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
		console.log(
			`\nOf the large PDFs' CPU, n8n itself spends ${fixed(n8nFileCpuMs, 1)} ms per file storing and reading it (the same items through a node that only reads them).`,
		);
		console.log(`\nRatio to the quota ceiling (${QUOTA_PER_SECOND}/s): ${fixed(rate(concurrent) / QUOTA_PER_SECOND)} (goal ≥ 0.95)`);
		console.log(`Ratio to one at a time: ${fixed(rate(concurrent) / rate(baseline))}× (goal ≥ 3×; at ${latencyMs} ms latency the quota allows at most ${fixed(QUOTA_PER_SECOND / rate(baseline))}×)`);
		console.log(`\nOne account shared (quota ${QUOTA_PER_SECOND}/s):\n`);
		console.log(SHARED_HEADER);
		console.log(sharedRow(`4 concurrent executions in one process (${perExecution} each)`, fourExecutions, QUOTA_PER_SECOND, '≥ 0.90, ≤ 2 %, 0 lost'));
		console.log(sharedRow(`2 processes sharing one account (${perProcess} each)`, twoProcesses, QUOTA_PER_SECOND, '≥ 0.70, ≤ 20 %, 0 lost'));
		console.log(`\nEvery file's base64 at once would be ${fixed((largePdfCount * Math.ceil(largePdfBytes / 3) * 4) / 1024 / 1024, 0)} MB`);
		await anyInvoiceRows(emulator.url);
		await digitalRows(emulator.url);
	} finally {
		emulator.process.kill('SIGTERM');
	}
}

const [, , mode, workerEndpoint, workerCount] = process.argv;
(mode === '--worker' ? secondProcess(workerEndpoint, Number(workerCount)) : main()).catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
