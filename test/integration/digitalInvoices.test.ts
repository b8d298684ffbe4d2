/**
 * Digital invoices (数电 XML, OFD, ZIP bundles) through the node in n8n's real execution engine, against
 * the emulator counting calls: read locally with 0 calls, the same invoice alike from every source,
 * hostile files refused one error item each, and everything else to Tencent as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../emulator';
import type { FixtureItem } from '../harness/run-workflow';
import {
	CLOUD_SAIL_SPECIAL,
	EXPRESSWAY_TOLL,
	HARBOUR_ORDINARY,
	MACHINERY_SPECIAL,
	digitalOfd,
	einvoiceXml,
	invoiceBundle,
} from '../helpers/digital-invoices';
import { zerosDeflated, zipArchive } from '../helpers/zip-archive';
import { INVOICE_FIELDS } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { OCR_NODE_NAME, runOcrNode, type OcrNodeRun } from './run-ocr-node';

const FIXTURES_FOLDER = join(__dirname, '..', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES_FOLDER, name));
const PDF = fixture('invoice-1-page.pdf');
const PNG = fixture('invoice.png');
const DIGITAL_ANSWER = JSON.parse(readFileSync(join(FIXTURES_FOLDER, 'responses', 'fully-digital-mixed-rates.json'), 'utf8')) as object;

const fileItem = (data: Buffer | string, fileName: string, mimeType = 'application/octet-stream'): FixtureItem => ({
	json: { fileName },
	binary: { data: { data: Buffer.isBuffer(data) ? data : Buffer.from(data), fileName, mimeType } },
});
const mail = (...attachments: Array<[Buffer | string, string]>): FixtureItem => ({
	json: { subject: 'Invoices' },
	binary: Object.fromEntries(
		attachments.map(([data, fileName], index) => [
			`attachment_${index}`,
			{ data: Buffer.isBuffer(data) ? data : Buffer.from(data), fileName, mimeType: 'application/octet-stream' },
		]),
	),
});
const keyOf = (chineseName: string) => INVOICE_FIELDS.find((mapping) => mapping.chineseName === chineseName)?.key as string;

let emulator: RunningEmulator;

beforeAll(async () => {
	// The PNG stands for the 数电 invoice of CLOUD_SAIL_SPECIAL, as OCR reads it.
	emulator = await startEmulator({ rateLimitPerSecond: 1000, recognize: () => structuredClone(DIGITAL_ANSWER) });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => emulator.resetStats());

const recognize = (inputItems: FixtureItem[], parameters: INodeParameters = {}, options: Partial<OcrNodeRun> = {}) =>
	runOcrNode({ endpoint: emulator.url, inputItems, parameters, ...options });

describe('read locally, 0 calls', () => {
	it('a 数电 XML → an invoice item with every key its file holds', async () => {
		const { items, error } = await recognize([fileItem(einvoiceXml(EXPRESSWAY_TOLL), '26442000000000112233.xml', 'text/xml')]);

		expect(error).toBeUndefined();
		expect(emulator.stats().total).toBe(0);
		const [invoice, line] = items.map((item) => item.json);
		expect(invoice).toMatchObject({
			recordType: 'invoice',
			readFrom: 'xml',
			requestId: null,
			sourceFileName: '26442000000000112233.xml',
			sourceBinaryField: 'data',
			invoiceKind: 'digitalOrdinary',
			invoiceNumber: '26442000000000112233',
			issueDate: '2026-02-28',
			dedupeKey: '26442000000000112233',
			[keyOf('销售方名称')]: EXPRESSWAY_TOLL.seller.name,
			[keyOf('合计金额')]: 97.09,
			[keyOf('合计税额')]: 2.91,
			[keyOf('小写金额')]: 100,
			[keyOf('价税合计(大写)')]: '壹佰圆整',
			[keyOf('开票人')]: '系统',
			[keyOf('车牌号')]: '粤B12345',
			[keyOf('通行日期起')]: '2026-02-27',
			[keyOf('所属税局')]: '国家税务总局广东省税务局',
			needsReview: false,
			lineItemCount: 1,
		});
		expect(invoice.fields).toMatchObject({ EIid: '26442000000000112233', TaxBureauCode: '14400000000' });
		expect(line).toMatchObject({ recordType: 'lineItem', dedupeKey: '26442000000000112233', taxRate: 0.03, taxAmount: 2.91 });
		// The binary goes along, as for OCR'd files.
		expect(Object.keys(items[0].binary ?? {})).toEqual(['data']);
	});

	it('a ZIP of XML, PDF and OFD for two invoices → 2 invoices, the other files named in a hint', async () => {
		const files = [CLOUD_SAIL_SPECIAL, MACHINERY_SPECIAL].flatMap((spec) => [
			{ name: `pdf/${spec.invoiceNumber}.pdf`, content: PDF },
			{ name: `ofd/${spec.invoiceNumber}.ofd`, content: digitalOfd(spec) },
			{ name: `xml/${spec.invoiceNumber}.xml`, content: einvoiceXml(spec) },
		]);
		const { items, runData } = await recognize([fileItem(invoiceBundle([...files, { name: 'readme.txt', content: 'hi' }]), 'bundle.zip')], {
			output: 'invoices',
		});

		expect(emulator.stats().total).toBe(0);
		expect(items.map((item) => [item.json.readFrom, item.json.sourceFileName, item.json.invoiceNumber, item.json.requestId])).toEqual([
			['xml', `bundle.zip/xml/${CLOUD_SAIL_SPECIAL.invoiceNumber}.xml`, CLOUD_SAIL_SPECIAL.invoiceNumber, null],
			['xml', `bundle.zip/xml/${MACHINERY_SPECIAL.invoiceNumber}.xml`, MACHINERY_SPECIAL.invoiceNumber, null],
		]);
		const [hint] = runData[OCR_NODE_NAME][0].hints ?? [];
		expect(hint.message).toContain(`Item 0: passed over: bundle.zip/ofd/${CLOUD_SAIL_SPECIAL.invoiceNumber}.ofd (the same invoice as bundle.zip/xml/${CLOUD_SAIL_SPECIAL.invoiceNumber}.xml)`);
		expect(hint.message).toContain('bundle.zip/readme.txt (not an invoice file (XML, OFD, PDF, PNG or JPEG))');
	});

	it('a bundle of 30 invoices: 30 invoices, the hint names 20 of the 60 other files and counts the rest', async () => {
		const files = Array.from({ length: 30 }, (_, index) => `${HARBOUR_ORDINARY.invoiceNumber.slice(0, 12)}${String(index).padStart(8, '0')}`).flatMap(
			(invoiceNumber) => [
				{ name: `xml/${invoiceNumber}.xml`, content: einvoiceXml({ ...HARBOUR_ORDINARY, invoiceNumber }) },
				{ name: `pdf/${invoiceNumber}.pdf`, content: PDF },
				{ name: `ofd/${invoiceNumber}.ofd`, content: digitalOfd({ ...HARBOUR_ORDINARY, invoiceNumber }) },
			],
		);
		const { items, runData } = await recognize([fileItem(invoiceBundle(files), 'bundle.zip')], { output: 'invoices' });

		expect(items.map((item) => item.json.readFrom)).toEqual(Array.from({ length: 30 }, () => 'xml'));
		expect(new Set(items.map((item) => item.json.dedupeKey)).size).toBe(30);
		const [hint] = runData[OCR_NODE_NAME][0].hints ?? [];
		expect(hint.message.split('; ')).toHaveLength(21);
		expect(hint.message).toMatch(/; and 40 more$/);
		expect(emulator.stats().total).toBe(0);
	});

	it('the same invoice from XML, OFD and PNG → one dedupeKey; only the PNG is a call', async () => {
		const { items } = await recognize(
			[
				fileItem(einvoiceXml(CLOUD_SAIL_SPECIAL), 'a.xml'),
				fileItem(digitalOfd(CLOUD_SAIL_SPECIAL, { yuanSign: 'shared', cdata: true }), 'b.ofd'),
				fileItem(PNG, 'c.png', 'image/png'),
			],
			{ output: 'invoices' },
		);

		expect(items.map((item) => [item.json.readFrom, item.json.dedupeKey, item.json.invoiceKind, item.json[keyOf('小写金额')]])).toEqual([
			['xml', CLOUD_SAIL_SPECIAL.invoiceNumber, 'digitalSpecial', 12805],
			['ofd', CLOUD_SAIL_SPECIAL.invoiceNumber, 'digitalSpecial', 12805],
			['ocr', CLOUD_SAIL_SPECIAL.invoiceNumber, 'digitalSpecial', 12805],
		]);
		expect(emulator.stats().requests.map((request) => request.action)).toEqual(['VatInvoiceOCR']);
	});

	it('Process All Binary Fields: a mail with a ZIP and the same invoice\'s PDF gives one invoice', async () => {
		const number = HARBOUR_ORDINARY.invoiceNumber;
		const bundle = invoiceBundle([{ name: `xml/${number}.xml`, content: einvoiceXml(HARBOUR_ORDINARY) }]);
		const { items } = await recognize([mail([PDF, `${number}.pdf`], [bundle, '发票.zip'])], { processAllBinaryFields: true, output: 'invoices' });

		expect(items.map((item) => [item.json.readFrom, item.json.sourceBinaryField, item.json.sourceFileName])).toEqual([
			['xml', 'attachment_1', `发票.zip/xml/${number}.xml`],
		]);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['attachment_1']);
		expect(emulator.stats().total).toBe(0);
	});

	it('a ZIP over Tencent\'s 10 MB is read locally', async () => {
		const padding = { name: 'scans/archive.bin', content: Buffer.alloc(11 * 1024 * 1024, 7) };
		const { items, error } = await recognize([fileItem(zipArchive([{ name: 'a.xml', content: einvoiceXml(HARBOUR_ORDINARY) }, padding]), 'big.zip')], {
			output: 'invoices',
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.invoiceNumber)).toEqual([HARBOUR_ORDINARY.invoiceNumber]);
	});
});

describe('to Tencent as before', () => {
	it('an OFD without tags → VerifyOfdVatInvoiceOCR', async () => {
		const { items } = await recognize([fileItem(fixture('invoice.ofd'), 'invoice.ofd')], { output: 'invoices' });

		expect(emulator.stats().requests.map((request) => request.action)).toEqual(['VerifyOfdVatInvoiceOCR']);
		expect(items[0].json).toMatchObject({ readFrom: 'ocr', requestId: expect.any(String) });
	});

	it('with the option off: every OFD to Tencent, an XML refused with a clear error item', async () => {
		const { items } = await recognize(
			[fileItem(digitalOfd(HARBOUR_ORDINARY), 'a.ofd'), fileItem(einvoiceXml(HARBOUR_ORDINARY), 'a.xml')],
			{ output: 'invoices', options: { readDigitalLocally: false } },
			{ continueOnFail: true },
		);

		expect(emulator.stats().requests.map((request) => request.action)).toEqual(['VerifyOfdVatInvoiceOCR']);
		expect(items.map((item) => item.json.readFrom ?? item.json.error)).toEqual([
			'ocr',
			'The file is an XML file, which Tencent cannot read [item 1]',
		]);
		expect(items[1].json.hint).toMatch(/Turn on Read Digital Invoices Locally/);
	});
});

describe('hostile files: one error item each, 0 calls, the item\'s other files go on', () => {
	const good = { name: 'good.xml', content: einvoiceXml(HARBOUR_ORDINARY) };
	const xxe = '<?xml version="1.0"?><!DOCTYPE EInvoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><EInvoice>&x;</EInvoice>';
	const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
	it.each<[string, () => Buffer, string, RegExp]>([
		['XXE', () => Buffer.from(xxe), 'xxe.xml', /^"xxe\.xml" has a DTD/],
		['billion laughs', () => Buffer.from(laughs), 'laughs.xml', /^"laughs\.xml" has a DTD/],
		[
			'a ZIP bomb declaring 10 GB',
			() => zipArchive([good, { name: 'bomb.xml', content: '', deflatedData: zerosDeflated(2), declaredBytes: 10 * 1024 ** 3 }]),
			'bomb.zip',
			/^"bomb\.zip" holds more than 100 MB uncompressed in all \(it declares 10,240 MB\)/,
		],
		[
			'a ZIP of 5,000 entries',
			() => zipArchive(Array.from({ length: 5000 }, (_, index) => ({ name: `f${index}.txt`, content: '' }))),
			'many.zip',
			/^"many\.zip" has more than 1,000 entries \(5,000\)/,
		],
		['an encrypted entry', () => zipArchive([{ name: 'secret.xml', content: 'x', encrypted: true }]), 'locked.zip', /^Entry "secret\.xml" of "locked\.zip" is encrypted/],
		[
			'a ZIP nested two levels deep',
			() => invoiceBundle([{ name: 'one.zip', content: invoiceBundle([{ name: 'two.zip', content: invoiceBundle([good]) }]) }]),
			'nested.zip',
			/^"nested\.zip\/one\.zip\/two\.zip" is a ZIP inside a ZIP inside the attached ZIP/,
		],
		['an XML that is no invoice', () => Buffer.from('<Order/>'), 'order.xml', /^"order\.xml" is an XML file whose root element is <Order>, not a 数电 invoice/],
	])('%s', async (_label, build, fileName, message) => {
		const { items } = await recognize(
			[mail([build(), fileName], [einvoiceXml(MACHINERY_SPECIAL), 'good.xml'])],
			{ processAllBinaryFields: true, output: 'invoices' },
			{ continueOnFail: true },
		);

		expect(emulator.stats().total).toBe(0);
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ error: expect.stringMatching(message), errorCode: null, sourceBinaryField: 'attachment_0' });
		expect(items[0].json.error).toMatch(/ \[item 0\]$/);
		expect(items[1].json).toMatchObject({ readFrom: 'xml', invoiceNumber: MACHINERY_SPECIAL.invoiceNumber });
	});

	it('without Continue On Fail the refusal stops the node, naming the file and the limit', async () => {
		const { error } = await recognize([fileItem(zipArchive([{ name: 'secret.xml', content: 'x', encrypted: true }]), 'locked.zip')]);

		expect(error?.message).toBe('Entry "secret.xml" of "locked.zip" is encrypted [item 0]');
		expect(emulator.stats().total).toBe(0);
	});

	it('a file over the local limit of 50 MB, refused from its size', async () => {
		const { items } = await recognize([fileItem(zipArchive([{ name: 'scans.bin', content: Buffer.alloc(51 * 1024 * 1024) }]), 'huge.zip')], {}, { continueOnFail: true, binaryDataMode: 'filesystem' });

		expect(items[0].json.error).toBe('"huge.zip" is too large: 51.0 MB; a file read locally (XML, OFD, ZIP) may have at most 50 MB [item 0]');
	});
});
