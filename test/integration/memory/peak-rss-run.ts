/**
 * Run by memoryBound.test.ts in a process of its own (so that its RSS is the node's alone): the node
 * in n8n-core's engine recognizes every page of large PDFs against the emulator at the URL given,
 * then prints one line of JSON with the RSS before the run and the peak during it.
 *
 * Usage: tsx peak-rss-run.ts <emulator URL> <files> <pages per file> <file bytes> <Max Concurrency>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { blankPdf } from '../../helpers/generated-pdf';
import { runOcrNode } from '../run-ocr-node';

const [endpoint, fileCountText, pageCountText, fileBytesText, maxConcurrencyText] = process.argv.slice(2);
const fileCount = Number(fileCountText);
const pageCount = Number(pageCountText);
const fileBytes = Number(fileBytesText);
const maxConcurrency = Number(maxConcurrencyText);

/** A PDF of `pageCount` pages padded to `fileBytes` (after its end, as a PDF with an incremental save may be), its padding made distinct by `seed`. */
function largePdf(seed: number): Buffer {
	const pdf = blankPdf(pageCount);
	const padding = Buffer.alloc(fileBytes - pdf.length, 32 + (seed % 90));
	return Buffer.concat([pdf, padding]);
}

async function main(): Promise<void> {
	const png = readFileSync(join(__dirname, '..', '..', 'fixtures', 'invoice.png'));
	// A first run loads n8n-core, the node and the SDK, so that the baseline holds them.
	await runOcrNode({ endpoint, inputItems: [{ json: {}, binary: { data: { data: png, mimeType: 'image/png' } } }] });
	const inputItems = Array.from({ length: fileCount }, (_unused, index) => ({
		json: { index },
		binary: { data: { data: largePdf(index), fileName: `large-${index}.pdf`, mimeType: 'application/pdf' } },
	}));
	global.gc?.();
	const baselineBytes = process.memoryUsage().rss;
	const { items, error } = await runOcrNode({
		endpoint,
		inputItems,
		parameters: { pdfPages: 'all', output: 'invoices', options: { maxConcurrency } },
	});
	// maxRSS is in KiB: the most this process held at any moment, the run included.
	const peakBytes = process.resourceUsage().maxRSS * 1024;
	console.log(
		JSON.stringify({
			baselineBytes,
			peakBytes,
			invoices: items.filter((item) => item.json.recordType === 'invoice').length,
			errorItems: items.filter((item) => item.json.error !== undefined).length,
			error: error?.message ?? null,
		}),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
