/**
 * Run in its own process by digitalHostileMemory.test.ts, so that its memory is its own: hostile digital
 * files through the node in n8n's engine against the emulator, then a good file; prints one JSON line with
 * the resident memory before and at its peak, each file's outcome and the calls made.
 */
import { startEmulator } from '../../emulator';
import type { FixtureItem } from '../../harness/run-workflow';
import { HARBOUR_ORDINARY, MACHINERY_SPECIAL, einvoiceXml, invoiceBundle } from '../../helpers/digital-invoices';
import { zerosDeflated, zipArchive } from '../../helpers/zip-archive';
import { runOcrNode } from '../run-ocr-node';

const MEGABYTE = 1024 * 1024;
const goodXml = einvoiceXml(HARBOUR_ORDINARY);
const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;

/** Each hostile file, by name. */
const HOSTILE_FILES: Record<string, () => Buffer> = {
	'xxe.xml': () => Buffer.from('<?xml version="1.0"?><!DOCTYPE EInvoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><EInvoice>&x;</EInvoice>'),
	'billion-laughs.xml': () => Buffer.from(laughs),
	'bomb-10gb.zip': () => zipArchive([{ name: 'bomb.xml', content: '', deflatedData: zerosDeflated(100), declaredBytes: 10 * 1024 * MEGABYTE }]),
	'bomb-lying-size.zip': () => zipArchive([{ name: 'bomb.xml', content: 'x', deflatedData: zerosDeflated(1024), declaredBytes: 5 * MEGABYTE }]),
	'5000-entries.zip': () => zipArchive(Array.from({ length: 5000 }, (_, index) => ({ name: `f${index}.xml`, content: goodXml, deflate: true }))),
	'encrypted.zip': () => zipArchive([{ name: 'secret.xml', content: goodXml, encrypted: true }]),
	'nested-two-levels.zip': () => invoiceBundle([{ name: 'one.zip', content: invoiceBundle([{ name: 'two.zip', content: invoiceBundle([{ name: 'a.xml', content: goodXml }]) }]) }]),
};

const itemOf = (fileName: string, data: Buffer): FixtureItem => ({ json: { fileName }, binary: { data: { data, fileName, mimeType: 'application/octet-stream' } } });
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function main() {
	const emulator = await startEmulator({ rateLimitPerSecond: 1000 });
	try {
		const run = (items: FixtureItem[]) => runOcrNode({ endpoint: emulator.url, inputItems: items, parameters: { output: 'invoices' }, continueOnFail: true });
		// Warm-up: modules and n8n-core start-up are not what is measured.
		await run([itemOf('warm-up.xml', Buffer.from(goodXml))]);
		const files = Object.entries(HOSTILE_FILES).map(([name, build]) => itemOf(name, build()));
		collectGarbage();
		const rssBefore = process.memoryUsage().rss;
		let rssPeak = rssBefore;
		const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 2);
		const hostile = await run(files);
		clearInterval(sampler);
		rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
		const callsDuringHostile = emulator.stats().total;
		const after = await run([itemOf('good.xml', Buffer.from(einvoiceXml(MACHINERY_SPECIAL)))]);
		console.log(
			JSON.stringify({
				rssBeforeMb: rssBefore / MEGABYTE,
				rssPeakMb: rssPeak / MEGABYTE,
				callsDuringHostile,
				outcomes: hostile.items.map((item) => [item.json.sourceFileName, item.json.error ?? item.json.invoiceNumber]),
				afterwards: after.items.map((item) => item.json.invoiceNumber),
			}),
		);
	} finally {
		await emulator.stop();
	}
}

main().catch((error: Error) => {
	console.error(error.stack);
	process.exitCode = 1;
});
