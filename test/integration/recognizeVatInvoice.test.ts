/**
 * The node in n8n's real execution engine (n8n-core, in-process), calling the real Tencent SDK,
 * which signs and sends real HTTP to the project's Tencent Cloud emulator on loopback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BinaryDataService } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { ERROR_ITEM_FIELDS } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import type { BinaryDataMode, FixtureItem } from '../harness/run-workflow';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';
import { blankPdf } from '../helpers/generated-pdf';
import { zipArchive } from '../helpers/zip-archive';
import { OCR_NODE_NAME, runOcrNode, type OcrNodeRun } from './run-ocr-node';

const FIXTURES_FOLDER = join(__dirname, '..', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES_FOLDER, name));

const PNG = fixture('invoice.png');
const JPEG = fixture('invoice.jpg');
const PDF_3_PAGES = fixture('invoice-3-pages.pdf');
const GIF = fixture('animation.gif');

const fileItem = (data: Buffer, fileName: string, mimeType: string): FixtureItem => ({
	json: { fileName },
	binary: { data: { data, fileName, mimeType } },
});
const pngItem = fileItem(PNG, 'invoice.png', 'image/png');
const pdfItem = fileItem(PDF_3_PAGES, 'invoice-3-pages.pdf', 'application/pdf');
const gifItem = fileItem(GIF, 'animation.gif', 'image/gif');

let emulator: RunningEmulator;
let fileServer: FixtureServer;

beforeAll(async () => {
	// These tests follow each other faster than Tencent's default 10/s; the limit is the throughput suite's subject.
	emulator = await startEmulator({ rateLimitPerSecond: 1000 });
	fileServer = await serveFolder(FIXTURES_FOLDER);
});

afterAll(async () => {
	await emulator.stop();
	await fileServer.stop();
});

beforeEach(() => emulator.resetStats());

type RecognizeOptions = Partial<Omit<OcrNodeRun, 'endpoint'>>;

const recognize = ({ inputItems = [pngItem], ...options }: RecognizeOptions = {}) =>
	runOcrNode({ endpoint: emulator.url, inputItems, ...options });

const pagesRequested = () => emulator.stats().requests.map((request) => request.params.PdfPageNumber);

describe('recognising invoices', () => {
	it.each<[string, FixtureItem, BinaryDataMode]>([
		['a PNG in memory', pngItem, 'default'],
		['a JPEG on the filesystem', fileItem(JPEG, 'invoice.jpg', 'image/jpeg'), 'filesystem'],
	])('reads %s', async (_label, inputItem, binaryDataMode) => {
		const { items, error } = await recognize({ inputItems: [inputItem], binaryDataMode });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.recordType)).toEqual(['invoice', 'lineItem']);
		expect(items[0].json).toMatchObject({ invoiceNumber: '63591128', totalWithTax: 89.9, pdfPage: null });
		expect(items[0].json.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(emulator.stats().requests[0].params).toMatchObject({ IsPdf: false });
	});

	it('reads page 1 of a PDF by default, flagging it as a PDF from its bytes', async () => {
		const { items } = await recognize({ inputItems: [pdfItem] });

		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ pdfPage: 1, pdfPageCount: 3 });
		expect(emulator.stats().requests[0].params).toMatchObject({ IsPdf: true, PdfPageNumber: 1 });
	});

	it('reads a chosen page', async () => {
		const { items } = await recognize({
			inputItems: [pdfItem],
			parameters: { pdfPages: 'specific', pdfPageNumber: 2 },
		});

		expect(items[0].json).toMatchObject({ pdfPage: 2, pdfPageCount: 3 });
		expect(pagesRequested()).toEqual([2]);
	});

	it('reads every page, in order, each linked to the input item', async () => {
		const { items } = await recognize({
			inputItems: [pngItem, pdfItem],
			parameters: { pdfPages: 'all', output: 'invoices' },
		});

		expect(items.map((item) => [item.pairedItem, item.json.pdfPage])).toEqual([
			[{ item: 0 }, null],
			[{ item: 1 }, 1],
			[{ item: 1 }, 2],
			[{ item: 1 }, 3],
		]);
		expect(pagesRequested()).toEqual([undefined, 1, 2, 3]);
	});

	it('lets Tencent download a URL', async () => {
		const fileUrl = fileServer.urlOf('invoice-3-pages.pdf');
		const { items } = await recognize({ parameters: { inputType: 'url', fileUrl, output: 'raw' } });

		expect(items).toHaveLength(1);
		expect(items[0].json.PdfPageSize).toBe(3);
		expect(emulator.stats().requests[0].params).toMatchObject({ ImageUrl: fileUrl, IsPdf: true });
	});

	it('reads base64 content given as a data URL', async () => {
		const base64Content = `data:image/png;base64,${PNG.toString('base64')}`;
		const { items } = await recognize({ parameters: { inputType: 'base64', base64Content }, inputItems: [{ json: {} }] });

		expect(items[0].json.invoiceCode).toBe('012001100311');
		expect(emulator.stats().requests[0].params).toMatchObject({
			ImageBase64: `<${PNG.toString('base64').length} base64 chars>`,
		});
	});
});

describe('failures reach the user as clear errors', () => {
	it.each([
		[
			'a wrong Secret Key',
			{ secretKey: 'not-the-right-key' },
			'The signature does not match: the Secret Key is wrong for this Secret ID [item 0]',
			'AuthFailure.SignatureFailure',
		],
		[
			'an unknown Secret ID',
			{ secretId: 'AKIDunknownSecretId0000000000000000' },
			'Tencent Cloud does not know this Secret ID [item 0]',
			'AuthFailure.SecretIdNotFound',
		],
		[
			'a region VatInvoiceOCR does not serve',
			{ region: 'ap-chengdu' },
			'VatInvoiceOCR is not offered in the region set in the credential [item 0]',
			'UnsupportedRegion',
		],
	])('%s', async (_label, credentials, message, code) => {
		const { error } = await recognize({ credentials });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(/Request ID [0-9a-f-]{36}/);
		expect(emulator.stats().byErrorCode).toEqual({ [code]: 1 });
	});

	it("tells a clock that is off by more than Tencent's five minutes", async () => {
		const sixMinutesAhead = () => Date.now() + 6 * 60 * 1000;
		const skewedEmulator = await startEmulator({ nowMs: sixMinutesAhead });
		try {
			const { error } = await recognize({ credentials: { endpoint: skewedEmulator.url } });

			expect(error?.message).toBe(
				"The request's timestamp is more than 5 minutes away from Tencent Cloud's clock [item 0]",
			);
			expect(error?.description).toMatch(/^Set the clock of the machine that runs n8n right \(enable NTP/);
			expect(skewedEmulator.stats().byErrorCode).toEqual({ 'AuthFailure.SignatureExpire': 1 });
		} finally {
			await skewedEmulator.stop();
		}
	});

	it.each<[string, FixtureItem, INodeParameters, string]>([
		['a GIF', gifItem, {}, 'The file is a GIF file, which Tencent cannot read [item 0]'],
		['an empty file', fileItem(Buffer.alloc(0), 'empty.pdf', 'application/pdf'), {}, 'The file is empty [item 0]'],
		[
			'a file over the size limit',
			fileItem(Buffer.concat([PDF_3_PAGES, Buffer.alloc(8 * 1024 * 1024)]), 'big.pdf', 'application/pdf'),
			{},
			'The file is too large: 8.2 MB, 10.9 MB once base64-encoded; Tencent accepts at most 10.0 MB encoded [item 0]',
		],
		['page 0', pdfItem, { pdfPages: 'specific', pdfPageNumber: 0 }, 'Page Number must be a whole number from 1 up, not "0" [item 0]'],
		['a missing binary field', { json: {} }, {}, 'The item has no binary field "data" [item 0]'],
		['an invalid URL', pngItem, { inputType: 'url', fileUrl: 'invoice.pdf' }, 'File URL "invoice.pdf" is not a valid http or https URL [item 0]'],
		[
			'a URL with a user name and password',
			pngItem,
			{ inputType: 'url', fileUrl: 'https://user:S3cretPw@files.example.com/invoice.pdf' },
			'File URL contains a user name or password (user:password@ before the host), which would be sent to Tencent Cloud [item 0]',
		],
	])('%s is refused before any call to Tencent', async (_label, inputItem, parameters, message) => {
		const { error } = await recognize({ inputItems: [inputItem], parameters });

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.description).toBeTruthy();
		expect(emulator.stats().total).toBe(0);
	});

	it('says the service cannot be reached, with the network\'s words in the description', async () => {
		const { error } = await recognize({ credentials: { endpoint: 'http://127.0.0.1:9' }, parameters: { options: { maxRetries: 0 } } });

		expect(error?.name).toBe('NodeApiError');
		// Named as typed, not as the SDK's URL.
		expect(error?.message).toBe('Could not reach Tencent Cloud at http://127.0.0.1:9 [item 0]');
		expect(error?.description).toMatch(
			/^The connection failed before the request was sent \(request to http:\/\/127\.0\.0\.1:9 failed, reason: connect ECONNREFUSED 127\.0\.0\.1:9\), so nothing was billed\. Check the network/,
		);
	});

	it('passes on a page beyond the end as Tencent answers it', async () => {
		const { error } = await recognize({ inputItems: [pdfItem], parameters: { pdfPages: 'specific', pdfPageNumber: 9 } });

		expect(error?.message).toBe('Tencent Cloud rejected a parameter value [item 0]');
		expect(emulator.stats().byErrorCode).toEqual({ InvalidParameterValue: 1 });
	});

	it('gives one error item per failed input under Continue On Fail, and goes on', async () => {
		const { items, error } = await recognize({
			inputItems: [pngItem, gifItem, { json: {} }, pdfItem],
			parameters: { output: 'invoices' },
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.invoiceNumber).toBe('63591128');
		expect(items[1].json).toEqual({
			error: 'The file is a GIF file, which Tencent cannot read [item 1]',
			hint: 'Tencent does not read GIF files. Convert the invoice to PNG, JPEG or PDF first.',
			errorCode: null,
			requestId: null,
			sourceFileName: 'animation.gif',
			sourceBinaryField: 'data',
			pdfPage: null,
		});
		expect(items[2].json.error).toBe('The item has no binary field "data" [item 2]');
		// Every error item, whether of a file or of the whole item, has the keys the field table declares.
		for (const errorItem of [items[1], items[2]]) {
			expect(Object.keys(errorItem.json).sort()).toEqual(ERROR_ITEM_FIELDS.map((field) => field.key).sort());
		}
		expect(items[3].json.pdfPageCount).toBe(3);
	});

	it('carries the Tencent error code and Request ID on error items', async () => {
		const { items } = await recognize({ credentials: { secretKey: 'wrong' }, continueOnFail: true });

		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			error: 'The signature does not match: the Secret Key is wrong for this Secret ID [item 0]',
			errorCode: 'AuthFailure.SignatureFailure',
			requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
	});

	it('never shows the Secret Key, in output or in errors', async () => {
		const failed = await recognize({ credentials: { secretKey: 'wrong-key-do-not-show' }, continueOnFail: true });
		const stopped = await recognize({ credentials: { secretKey: 'wrong-key-do-not-show' } });
		const succeeded = await recognize();

		for (const result of [failed, stopped, succeeded]) {
			const everything = JSON.stringify(result.run);
			expect(everything).not.toContain('wrong-key-do-not-show');
			expect(everything).not.toContain(DEMO_CREDENTIALS.secretKey);
		}
	});
});

describe('every file of an item, as e-mail nodes deliver attachments', () => {
	const mail = (...attachments: Array<[Buffer, string, string]>): FixtureItem => ({
		json: { subject: 'Invoices for March' },
		binary: Object.fromEntries(
			attachments.map(([data, fileName, mimeType], index) => [`attachment_${index}`, { data, fileName, mimeType }]),
		),
	});
	const mixedMail = mail(
		[PDF_3_PAGES, 'march.pdf', 'application/pdf'],
		[Buffer.from('Please find the invoices attached.'), 'note.txt', 'text/plain'],
		[PNG, 'taxi.png', 'image/png'],
		[GIF, 'logo.gif', 'image/gif'],
	);
	const allFields = { processAllBinaryFields: true, output: 'invoices' };

	it('recognises each PNG, JPEG and PDF attachment and passes over the rest', async () => {
		const { items, error } = await recognize({ inputItems: [mixedMail], parameters: allFields });

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.sourceBinaryField, item.json.sourceFileName, Object.keys(item.binary ?? {})])).toEqual([
			['attachment_0', 'march.pdf', ['attachment_0']],
			['attachment_2', 'taxi.png', ['attachment_2']],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(emulator.stats().total).toBe(2);
	});

	it('under Continue On Fail, a failed attachment gives an error item and the others go on', async () => {
		emulator.setFaults({ failNext: { code: 'FailedOperation.ImageBlur' } });
		try {
			const { items } = await recognize({ inputItems: [mixedMail], parameters: allFields, continueOnFail: true });

			expect(items.map((item) => [item.json.sourceBinaryField, item.json.errorCode ?? item.json.invoiceNumber])).toEqual([
				['attachment_0', 'FailedOperation.ImageBlur'],
				['attachment_2', '63591128'],
			]);
			expect(items[0].json).toMatchObject({ error: 'The image is too blurred to read [item 0]', sourceFileName: 'march.pdf' });
		} finally {
			emulator.setFaults({});
		}
	});

	it('says so when no attachment is an invoice file', async () => {
		const { error } = await recognize({
			inputItems: [mail([Buffer.from('hello'), 'note.txt', 'text/plain'], [GIF, 'logo.gif', 'image/gif'])],
			parameters: allFields,
		});

		expect(error?.message).toBe("None of the item's files is a PNG, JPEG, PDF, OFD, 数电 XML or a ZIP holding them (note.txt, logo.gif) [item 0]");
		expect(emulator.stats().total).toBe(0);
	});

	it('says so when the item has no file at all', async () => {
		const { error } = await recognize({ inputItems: [{ json: {} }], parameters: allFields });

		expect(error?.message).toBe('The item has no files [item 0]');
	});
});

describe('pages: never more calls than pages asked for and allowed', () => {
	const manyPagesItem = (pageCount: number) => fileItem(blankPdf(pageCount), `${pageCount}-pages.pdf`, 'application/pdf');
	// The emulator allows 1,000 calls a second here; the node keeps to what it is told.
	const fast = { requestsPerSecond: 1000 };

	afterEach(() => emulator.setFaults({}));

	/** One input item carrying `count` one-page PDFs, which the emulator makes claim `claimedPages` pages each. */
	const pdfAttachments = (count: number): FixtureItem => ({
		json: {},
		binary: Object.fromEntries(
			Array.from({ length: count }, (_unused, index) => [
				`attachment_${index}`,
				{ data: blankPdf(1), fileName: `part-${index}.pdf`, mimeType: 'application/pdf' },
			]),
		),
	});
	const hintsOf = (runData: Awaited<ReturnType<typeof recognize>>['runData']) =>
		(runData[OCR_NODE_NAME][0].hints ?? []).map((hint) => hint.message);

	it('reads at most Max Pages per Item (default 200) of 20 attachments of 1,000 pages: 200 calls, not 20,000', async () => {
		emulator.setFaults({ claimPdfPageCount: 1000 });
		const { items, error, runData } = await recognize({
			inputItems: [pdfAttachments(20)],
			parameters: { processAllBinaryFields: true, pdfPages: 'all', maxPages: 1000, output: 'invoices', options: fast },
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().total).toBe(200);
		expect(items).toHaveLength(200);
		expect(new Set(items.map((item) => item.json.sourceFileName))).toEqual(new Set(['part-0.pdf']));
		expect(items[199].json.pagesNotRecognized).toEqual([{ firstPage: 201, lastPage: 1000, reason: 'Beyond Max Pages per Item (200)' }]);
		expect(hintsOf(runData)).toEqual([
			'Item 0, part-0.pdf: not recognized: pages 201–1000 (Beyond Max Pages per Item (200))',
			...Array.from(
				{ length: 19 },
				(_unused, index) => `Item 0, part-${index + 1}.pdf: not recognized: the whole file (Beyond Max Pages per Item (200))`,
			),
		]);
	});

	it('shares Max Pages per Item among the files of an item, in order, and starts afresh for the next item', async () => {
		emulator.setFaults({ claimPdfPageCount: 100 });
		const { items, error, runData } = await recognize({
			inputItems: [pdfAttachments(3), pdfAttachments(1)],
			parameters: { processAllBinaryFields: true, pdfPages: 'all', maxPages: 1000, maxPagesPerItem: 150, output: 'invoices', options: fast },
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().total).toBe(250);
		const pagesPerFile = (itemIndex: number) =>
			items
				.filter((item) => (item.pairedItem as { item: number }).item === itemIndex)
				.reduce<Record<string, number>>((counts, item) => {
					const fileName = String(item.json.sourceFileName);
					return { ...counts, [fileName]: (counts[fileName] ?? 0) + 1 };
				}, {});
		expect([pagesPerFile(0), pagesPerFile(1)]).toEqual([{ 'part-0.pdf': 100, 'part-1.pdf': 50 }, { 'part-0.pdf': 100 }]);
		expect(hintsOf(runData)).toEqual([
			'Item 0, part-1.pdf: not recognized: pages 51–100 (Beyond Max Pages per Item (150))',
			'Item 0, part-2.pdf: not recognized: the whole file (Beyond Max Pages per Item (150))',
		]);
	});

	it('reads at most Max Pages (default 50) of a 1,000-page PDF, and says which pages were left out', async () => {
		const { items, error, runData } = await recognize({
			inputItems: [manyPagesItem(1000)],
			parameters: { pdfPages: 'all', output: 'invoices', options: fast },
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().total).toBe(50);
		const firstFifty = Array.from({ length: 50 }, (_unused, index) => index + 1);
		// The emulator records a call when it answers, so several under way may be recorded out of order.
		expect(pagesRequested().sort((a, b) => Number(a) - Number(b))).toEqual(firstFifty);
		expect(items.map((item) => item.json.pdfPage)).toEqual(firstFifty);
		const leftOut = [{ firstPage: 51, lastPage: 1000, reason: 'Beyond Max Pages (50)' }];
		expect(items.every((item) => JSON.stringify(item.json.pagesNotRecognized) === JSON.stringify(leftOut))).toBe(true);
		expect(runData[OCR_NODE_NAME][0].hints).toEqual([
			{
				message: 'Item 0, 1000-pages.pdf: not recognized: pages 51–1000 (Beyond Max Pages (50))',
				location: 'outputPane',
			},
		]);
	});

	it('believes no page count: an answer claiming 1,000,000 pages costs Max Pages calls', async () => {
		emulator.setFaults({ claimPdfPageCount: 1_000_000 });

		const { items } = await recognize({
			inputItems: [pdfItem],
			parameters: { pdfPages: 'all', maxPages: 3, output: 'invoices', options: fast },
		});

		expect(pagesRequested()).toEqual([1, 2, 3]);
		expect(items[2].json).toMatchObject({
			pdfPage: 3,
			pdfPageCount: 1_000_000,
			pagesNotRecognized: [{ firstPage: 4, lastPage: 1_000_000, reason: 'Beyond Max Pages (3)' }],
		});
	});

	it('reads a page range, and names the pages the PDF does not have', async () => {
		const { items } = await recognize({
			inputItems: [pdfItem],
			parameters: { pdfPages: 'range', pdfPageRange: '2-3,5', output: 'invoices' },
		});

		expect(pagesRequested()).toEqual([2, 3]);
		expect(items.map((item) => item.json.pdfPage)).toEqual([2, 3]);
		expect(items[0].json.pagesNotRecognized).toEqual([
			{ firstPage: 5, lastPage: 5, reason: 'Not in the PDF, which has 3 pages' },
		]);
	});

	it('under Continue On Fail, a failed page gives one error item naming it, and the other pages stay', async () => {
		emulator.setFaults({ failPages: { pages: [2], code: 'FailedOperation.ImageNoText' } });

		const { items, error } = await recognize({
			inputItems: [manyPagesItem(30)],
			parameters: { pdfPages: 'all', output: 'invoices', options: fast },
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(emulator.stats().total).toBe(30);
		expect(items.map((item) => item.json.errorCode ?? item.json.recordType)).toEqual([
			'invoice',
			'FailedOperation.ImageNoText',
			...Array.from({ length: 28 }, () => 'invoice'),
		]);
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/^Page 2: .* \[item 0\]$/),
			pdfPage: 2,
			sourceFileName: '30-pages.pdf',
		});
		expect(items[1].pairedItem).toEqual({ item: 0 });
		expect(items[0].json.pagesNotRecognized).toEqual([
			{ firstPage: 2, lastPage: 2, reason: expect.not.stringMatching(/\[item/) },
		]);
	});

	it('without Continue On Fail, the first failed page stops every page not yet started', async () => {
		emulator.setFaults({ failPages: { pages: [2], code: 'FailedOperation.ImageNoText' } });

		const { error } = await recognize({
			inputItems: [manyPagesItem(30)],
			parameters: { pdfPages: 'all', options: { ...fast, maxConcurrency: 1 } },
		});

		expect(error?.message).toMatch(/^Page 2: .* \[item 0\]$/);
		expect(pagesRequested()).toEqual([1, 2]);
	});

	it('with calls under way, no page starts after the failure is known', async () => {
		// Its calls under way are dropped with the node's failure and may reach an emulator only after the
		// test has ended: an emulator of its own keeps them out of the other tests' counts.
		const ownEmulator = await startEmulator({ rateLimitPerSecond: 1000 });
		try {
			// Page 2 fails at once while the pages started with it take a second: nothing new starts.
			ownEmulator.setFaults({
				latencyMs: 1000,
				pageLatencyMs: { 1: 0, 2: 0 },
				failPages: { pages: [2], code: 'FailedOperation.ImageNoText' },
			});

			const { error } = await runOcrNode({
				endpoint: ownEmulator.url,
				inputItems: [manyPagesItem(30)],
				parameters: { pdfPages: 'all', options: { ...fast, maxConcurrency: 3 } },
			});

			expect(error?.message).toMatch(/^Page 2: /);
			// Page 1, then pages 2, 3 and 4 together (Max Concurrency 3); page 2's failure stops the rest. Pages 3
			// and 4, under way, are dropped with the node's failure, so the emulator may not get to answer them.
			const requested = ownEmulator.stats().requests.map((request) => request.params.PdfPageNumber as number);
			expect(requested.slice(0, 2).sort()).toEqual([1, 2]);
			expect(Math.max(...requested)).toBeLessThanOrEqual(4);
		} finally {
			await ownEmulator.stop();
		}
	});
});

describe('file sizes are checked before a file is read', () => {
	const oversize = Buffer.concat([blankPdf(1), Buffer.alloc(8 * 1024 * 1024)]);

	it.each<BinaryDataMode>(['default', 'filesystem'])('refuses an oversize binary in %s mode without reading it', async (binaryDataMode) => {
		const readWhole = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		try {
			const { error } = await recognize({ inputItems: [fileItem(oversize, 'big.pdf', 'application/pdf')], binaryDataMode });

			expect(error?.message).toBe(
				'The file is too large: 8.0 MB, 10.7 MB once base64-encoded; Tencent accepts at most 10.0 MB encoded [item 0]',
			);
			expect(readWhole).not.toHaveBeenCalled();
			expect(emulator.stats().total).toBe(0);
		} finally {
			readWhole.mockRestore();
		}
	});

	/** An 8 MB Word document, as a contract comes with a mail: a ZIP, but no OFD. */
	const contractDocx = zipArchive([
		{ name: '[Content_Types].xml', content: '<Types/>' },
		{ name: 'word/media/scan.png', content: Buffer.alloc(8 * 1024 * 1024, 7) },
		{ name: 'word/document.xml', content: '<w:document/>' },
	]);
	const largeOfd = zipArchive([
		{ name: 'Doc_0/Res/scan.png', content: Buffer.alloc(8 * 1024 * 1024, 3) },
		{ name: 'OFD.xml', content: '<ofd:OFD/>' },
	]);
	const invoiceBesideContract: FixtureItem = {
		json: {},
		binary: {
			attachment_0: { data: PNG, fileName: 'invoice.png', mimeType: 'image/png' },
			attachment_1: {
				data: contractDocx,
				fileName: 'contract.docx',
				mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			},
		},
	};

	it('with Read Digital Invoices Locally off, judges oversize attachments from their head and tail: passes over a text and a .docx, reports an oversize PDF and OFD', async () => {
		const mail: FixtureItem = {
			json: {},
			binary: {
				attachment_0: { data: Buffer.alloc(9 * 1024 * 1024, 'a'), fileName: 'video.txt', mimeType: 'text/plain' },
				attachment_1: { data: oversize, fileName: 'big.pdf', mimeType: 'application/pdf' },
				attachment_2: { data: PNG, fileName: 'taxi.png', mimeType: 'image/png' },
				attachment_3: invoiceBesideContract.binary!.attachment_1,
				attachment_4: { data: largeOfd, fileName: 'large.ofd', mimeType: 'application/ofd' },
			},
		};
		const readWhole = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		try {
			const { items } = await recognize({
				inputItems: [mail],
				parameters: { processAllBinaryFields: true, output: 'invoices', options: { readDigitalLocally: false } },
				binaryDataMode: 'filesystem',
				continueOnFail: true,
			});

			expect(items.map((item) => [item.json.sourceFileName, item.json.error ?? item.json.invoiceNumber])).toEqual([
				['big.pdf', expect.stringMatching(/^The file is too large: 8\.0 MB/)],
				['taxi.png', '63591128'],
				['large.ofd', expect.stringMatching(/^The file is too large: 8\.0 MB/)],
			]);
			expect(readWhole).toHaveBeenCalledTimes(1);
			expect(emulator.stats().total).toBe(1);
		} finally {
			readWhole.mockRestore();
		}
	});

	it.each<[BinaryDataMode, boolean, boolean]>([
		['default', false, false],
		['default', true, false],
		['filesystem', false, false],
		['filesystem', true, false],
		['filesystem', false, true],
		['filesystem', true, true],
	])('keeps the invoice of a mail with an 8 MB .docx beside it (%s mode, Continue On Fail %s, Read Digital Invoices Locally %s): the .docx is passed over', async (binaryDataMode, continueOnFail, readDigitalLocally) => {
		const readWhole = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		try {
			const { items, error } = await recognize({
				inputItems: [invoiceBesideContract],
				parameters: { processAllBinaryFields: true, options: { readDigitalLocally } },
				binaryDataMode,
				continueOnFail,
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.recordType, item.json.sourceFileName, item.json.error])).toEqual([
				['invoice', 'invoice.png', undefined],
				['lineItem', 'invoice.png', undefined],
			]);
			expect(items[0].json.invoiceNumber).toBe('63591128');
			expect(emulator.stats().total).toBe(1);
			// Read locally, the .docx is opened as a ZIP (within the local limit) to find no invoice in it;
			// otherwise it is judged from its head and tail, and only the PNG is read whole.
			expect(readWhole).toHaveBeenCalledTimes(readDigitalLocally ? 2 : 1);
		} finally {
			readWhole.mockRestore();
		}
	});

	it('refuses oversize base64 before decoding it', async () => {
		const base64Content = 'A'.repeat(11 * 1024 * 1024);
		const { error } = await recognize({ parameters: { inputType: 'base64', base64Content }, inputItems: [{ json: {} }] });

		expect(error?.message).toBe(
			'The file is too large: 8.3 MB, 11.0 MB once base64-encoded; Tencent accepts at most 10.0 MB encoded [item 0]',
		);
		expect(emulator.stats().total).toBe(0);
	});

	it('sends a text mail that mentions %PDF-1.7 to nobody', async () => {
		const text = Buffer.from('Dear team, the invoice is attached as a %PDF-1.7 file.\n');
		const { error } = await recognize({ inputItems: [fileItem(text, 'mail.txt', 'text/plain')] });

		expect(error?.message).toBe('The file is not a PNG, JPEG, PDF or OFD, which Tencent cannot read [item 0]');
		expect(emulator.stats().total).toBe(0);
	});
});
