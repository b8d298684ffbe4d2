/** OFD → invoice, locally: the issuers' variants read alike, and as the XML of the same invoice reads; what is left to Tencent. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { computeDedupeKey } from '../../../../nodes/TencentInvoiceOcr/invoice/dedupeKey';
import { readEinvoiceXml } from '../../../../nodes/TencentInvoiceOcr/invoice/digital/einvoiceXml';
import { readOfdLocally, type OfdOutcome } from '../../../../nodes/TencentInvoiceOcr/invoice/digital/ofdInvoice';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS, type Invoice, type LineItem } from '../../../../nodes/TencentInvoiceOcr/invoice/fields';
import type { InvoiceReading } from '../../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { shapeInvoice } from '../../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';
import { ZipArchive } from '../../../../nodes/TencentInvoiceOcr/input/archive/zipReader';
import {
	CLOUD_SAIL_SPECIAL,
	CONVENIENCE_STORE_OLDER,
	EXPRESSWAY_TOLL,
	HARBOUR_ORDINARY,
	MACHINERY_SPECIAL,
	digitalOfd,
	einvoiceXml,
	type DigitalInvoiceSpec,
	type OfdOptions,
} from '../../../helpers/digital-invoices';

async function readOfd(bytes: Buffer): Promise<OfdOutcome> {
	const archive = ZipArchive.open(bytes, 'invoice.ofd');
	const read = async (partName: string) => {
		const entry = archive.entries.find((candidate) => candidate.name === partName);
		return entry ? await archive.read(entry) : undefined;
	};
	return await readOfdLocally({ fileName: 'invoice.ofd', read });
}

async function readingOf(pending: Promise<OfdOutcome>): Promise<InvoiceReading> {
	const outcome = await pending;
	if ('notReadLocally' in outcome) throw new Error(`not read locally: ${outcome.notReadLocally}`);
	return outcome.reading;
}

const shaped = (reading: InvoiceReading) =>
	shapeInvoice(reading, { pdfPage: null, pdfPageCount: null, imageRotationDegrees: null, requestId: null, includePolygons: false });

/** The invoice keys every source gives (lines are compared apart). */
const HEADER_NAMES = ['发票代码', '发票号码', '开票日期', '发票名称', '购买方名称', '购买方识别号', '销售方名称', '销售方识别号', '合计金额', '合计税额', '小写金额', '开票人', '备注'];
const headerOf = (invoice: Invoice) =>
	Object.fromEntries(
		INVOICE_FIELDS.filter((mapping) => HEADER_NAMES.includes(mapping.chineseName)).map((mapping) => [mapping.key, invoice[mapping.key]]),
	);
/** A line's value by VatInvoiceItem's name (Name, AmountWithoutTax, TaxRate…), whatever the key is called in the table. */
const cell = (line: LineItem, items: string) => line[LINE_ITEM_FIELDS.find((mapping) => mapping.items === items)?.key as keyof LineItem];
const linesOf = (reading: InvoiceReading) => reading.lineItems.map((line) => ['Name', 'AmountWithoutTax', 'TaxRate', 'TaxAmount'].map((items) => cell(line, items)));

describe('readOfdLocally reads the 2025 layout as the XML of the same invoice reads', () => {
	const specs: Array<[string, DigitalInvoiceSpec]> = [
		['special, three lines', CLOUD_SAIL_SPECIAL],
		['ordinary, one line', HARBOUR_ORDINARY],
		['toll', EXPRESSWAY_TOLL],
		['special goods, two lines', MACHINERY_SPECIAL],
	];
	const variants: Array<[string, OfdOptions]> = [
		['¥ in its own text object', {}],
		['¥ sharing the figure', { yuanSign: 'shared' }],
		['text in CDATA', { cdata: true }],
		['the title on the page', { titleOn: 'page' }],
		['a long name wrapped over two objects', { wrapFirstName: true }],
	];
	describe.each(specs)('%s', (_label, spec) => {
		const fromXml = readEinvoiceXml(Buffer.from(einvoiceXml(spec)), 'invoice.xml');
		it.each(variants)('%s', async (_variant, options) => {
			const reading = await readingOf(readOfd(digitalOfd(spec, options)));
			const { invoice } = shaped(reading);
			expect(headerOf(reading.invoice)).toEqual(headerOf(fromXml.invoice));
			expect(reading.invoice.invoiceKind).toBe(fromXml.invoice.invoiceKind);
			expect(linesOf(reading)).toEqual(linesOf(fromXml));
			expect(invoice.dedupeKey).toBe(computeDedupeKey(fromXml.invoice));
			expect(invoice.reviewReasons).toEqual([]);
			expect(reading.fields).toMatchObject({ 发票号码: spec.invoiceNumber, InvoiceNo: spec.invoiceNumber });
		});
	});
});

describe('readOfdLocally without line tags reads the item table by position', () => {
	it('every column of every line, checked against the totals', async () => {
		const reading = await readingOf(readOfd(digitalOfd(MACHINERY_SPECIAL, { tags: 'noLineTags', wrapFirstName: true })));
		expect(reading.lineItems.map((line) => ['LineNo', 'Name', 'Spec', 'Unit', 'Quantity', 'UnitPrice', 'AmountWithoutTax', 'TaxRate', 'TaxAmount'].map((items) => cell(line, items)))).toEqual([
			[1, '*轴承*深沟球轴承', 'SKF-6205', '个', 100, 35.39823, 3539.82, 0.13, 460.18],
			[2, '*金属制品*齿轮', 'M2-40T', '件', 20, 88.495575, 1769.91, 0.13, 230.09],
		]);
		expect(shaped(reading).invoice.needsReview).toBe(false);
	});

	it('lines that do not add up are not output, and the invoice says so', async () => {
		const printedLines = [{ ...HARBOUR_ORDINARY.lines[0], amount: '1868.79' }];
		const reading = await readingOf(readOfd(digitalOfd(HARBOUR_ORDINARY, { tags: 'noLineTags', printedLines })));
		const { invoice, lineItems } = shaped(reading);
		expect(lineItems).toEqual([]);
		expect(invoice.needsReview).toBe(true);
		expect(invoice.reviewReasons).toEqual([
			"The line items were not read: those in the OFD's item table do not add up (Line amounts before tax add up to 1868.79, not the total before tax 1886.79)",
		]);
	});

	it('an older VAT e-invoice OFD (Tags/CustomTags.xml, Attachs/original_invoice.xml): code and number, its own kind', async () => {
		const reading = await readingOf(readOfd(digitalOfd(CONVENIENCE_STORE_OLDER, { style: 'older', tags: 'noLineTags' })));
		const { invoice, lineItems } = shaped(reading);
		expect(invoice).toMatchObject({
			invoiceKind: 'electronicOrdinary',
			invoiceCode: '044031900111',
			invoiceNumber: '12345678',
			issueDate: '2020-06-18',
			dedupeKey: '044031900111-12345678',
			needsReview: false,
		});
		expect(lineItems.map((line) => ['Name', 'AmountWithoutTax', 'TaxAmount'].map((items) => cell(line, items)))).toEqual([['*日用杂品*日用品', 88.5, 11.5]]);
	});
});

describe('readOfdLocally checks its two sources against each other', () => {
	it.each<[string, Record<string, string>, string]>([
		['a number', { 发票号码: '25312000000087654322' }, 'OFD.xml\'s CustomData gives 发票号码 "25312000000087654322" but the invoice\'s text says "25312000000087654321"'],
		['a total', { 合计金额: '1886.97' }, 'OFD.xml\'s CustomData gives 合计金额 "1886.97" but the invoice\'s text says "¥1886.79"'],
	])('CustomData and the text disagree on %s: needsReview with the reason', async (_label, customData, reason) => {
		const { invoice } = shaped(await readingOf(readOfd(digitalOfd(HARBOUR_ORDINARY, { customData }))));
		expect(invoice.needsReview).toBe(true);
		expect(invoice.reviewReasons).toEqual([reason]);
	});

	it('the same value written differently agrees (2025年03月07日 and 2025-03-07, 1886.79 and ¥1,886.79)', async () => {
		const customData = { 开票日期: '2025-03-07', 合计金额: '1,886.79' };
		expect(shaped(await readingOf(readOfd(digitalOfd(HARBOUR_ORDINARY, { customData })))).invoice.reviewReasons).toEqual([]);
	});
});

describe('readOfdLocally leaves to Tencent', () => {
	it.each<[string, () => Buffer, RegExp]>([
		['an OFD without tags', () => digitalOfd(HARBOUR_ORDINARY, { tags: 'none' }), /no semantic tags/],
		['the repository\'s minimal OFD (CustomData only)', () => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'invoice.ofd')), /no semantic tags/],
		['an OFD whose tags lack the buyer', () => digitalOfd({ ...HARBOUR_ORDINARY, buyer: { name: '', taxId: '' } }, { customData: { 购买方纳税人识别号: '' } }), /do not give 购买方名称, 购买方识别号/],
	])('%s', async (_label, build, reason) => {
		const outcome = await readOfd(build());
		expect('notReadLocally' in outcome && outcome.notReadLocally).toMatch(reason);
	});
});

describe('readOfdLocally stays within n log n on a page of many lines (a quadratic reader would not finish within the test timeout)', () => {
	it('2,000 tagged lines', async () => {
		const lines = Array.from({ length: 2000 }, (_, index) => ({ name: `*服务*项目${index}`, amount: '1.00', taxRate: '6%', tax: '0.06' }));
		const spec = { ...HARBOUR_ORDINARY, lines, totalBeforeTax: '2000.00', totalTax: '120.00', totalWithTax: '2120.00', totalInWords: '贰仟壹佰贰拾圆整' };
		const reading = await readingOf(readOfd(digitalOfd(spec)));
		expect(reading.lineItems).toHaveLength(2000);
		expect(shaped(reading).invoice.reviewReasons).toEqual([]);
	});
});
