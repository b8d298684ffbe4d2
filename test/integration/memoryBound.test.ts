/**
 * Memory bounded by what is in flight (issue 18, finding 1): request bodies are written only in a
 * call's place, so an execution holds at most Max Concurrency of them, where it used to hold about
 * Max Concurrency² (each of Max Concurrency items writing a body for each of its Max Concurrency
 * pages before they waited for a place). Measured as peak RSS growth in a process of its own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../emulator';
import { requestJsonLength, FileContent } from '../../nodes/TencentInvoiceOcr/tencent/transport/requestBody';

const FILES = 10;
const PAGES = 12;
const FILE_BYTES = Math.round(7.3 * 1024 * 1024);
const MAX_CONCURRENCY = 10;
const MB = 1024 * 1024;

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ faults: { claimPdfPageCount: PAGES } });
});

afterAll(async () => await emulator.stop());

/** Runs peak-rss-run.ts in a new Node process; resolves with the JSON line it prints. */
function runInChild(): Promise<{ baselineBytes: number; peakBytes: number; invoices: number; errorItems: number; error: string | null }> {
	const repoRoot = join(__dirname, '..', '..');
	const child = spawn(
		process.execPath,
		[
			'--expose-gc',
			join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			join(__dirname, 'memory', 'peak-rss-run.ts'),
			emulator.url,
			String(FILES),
			String(PAGES),
			String(FILE_BYTES),
			String(MAX_CONCURRENCY),
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	let errors = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	return new Promise((resolve, reject) => {
		child.once('close', (code) => {
			const line = output.trim().split('\n').at(-1) ?? '';
			if (code !== 0 || !line.startsWith('{')) reject(new Error(`the run ended with ${code}: ${errors.slice(-2000)}`));
			else resolve(JSON.parse(line));
		});
	});
}

it(`${FILES} PDFs of ${PAGES} pages and 7.3 MB, All Pages, at Max Concurrency ${MAX_CONCURRENCY}: peak RSS grows by at most (Max Concurrency + 1) × 4 × the largest body + 150 MB`, async () => {
	const largestBody = requestJsonLength({ ImageBase64: new FileContent(Buffer.alloc(FILE_BYTES)), IsPdf: true, PdfPageNumber: PAGES });
	const boundBytes = (MAX_CONCURRENCY + 1) * 4 * largestBody + 150 * MB;

	const run = await runInChild();

	const growthBytes = run.peakBytes - run.baselineBytes;
	console.log(
		`peak RSS growth ${(growthBytes / MB).toFixed(0)} MB (bound ${(boundBytes / MB).toFixed(0)} MB; body ${(largestBody / MB).toFixed(1)} MB; ` +
			`baseline ${(run.baselineBytes / MB).toFixed(0)} MB, peak ${(run.peakBytes / MB).toFixed(0)} MB)`,
	);
	expect(run.error).toBeNull();
	expect([run.invoices, run.errorItems]).toEqual([FILES * PAGES, 0]);
	expect(emulator.stats().succeeded).toBe(FILES * PAGES + 1);
	expect(growthBytes).toBeLessThanOrEqual(boundBytes);
}, 600_000);
