/** 数电 XML → invoice: every value where the schema puts it, the same reading OCR gives of the same invoice. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { computeDedupeKey } from '../../../../nodes/TencentInvoiceOcr/invoice/dedupeKey';
import {
	EINVOICE_VALUES,
	dayOf,
	printedTaxRate,
	readEinvoiceXml,
} from '../../../../nodes/TencentInvoiceOcr/invoice/digital/einvoiceXml';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS, type Invoice, type LineItem } from '../../../../nodes/TencentInvoiceOcr/invoice/fields';
import { readRecognizedInvoice } from '../../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { shapeInvoice } from '../../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';
import {
	CLOUD_SAIL_SPECIAL,
	EXPRESSWAY_TOLL,
	HARBOUR_ORDINARY,
	MACHINERY_SPECIAL,
	einvoiceXml,
	type DigitalInvoiceSpec,
} from '../../../helpers/digital-invoices';

const read = (xml: string) => readEinvoiceXml(Buffer.from(xml, 'utf8'), '2544.xml');
const keyOf = (chineseName: string) => INVOICE_FIELDS.find((mapping) => mapping.chineseName === chineseName)?.key as keyof Invoice;
/** A line's value by VatInvoiceItem's name (Name, AmountWithoutTax, TaxRate…), whatever the key is called in the table. */
const cell = (line: LineItem, items: string) => line[LINE_ITEM_FIELDS.find((mapping) => mapping.items === items)?.key as keyof LineItem];
const shaped = (xml: string) => shapeInvoice(read(xml), { pdfPage: null, pdfPageCount: null, imageRotationDegrees: null, requestId: null, includePolygons: false });

describe('readEinvoiceXml', () => {
	it('names only Chinese names the field table has', () => {
		expect(EINVOICE_VALUES.map(([name]) => name).filter((name) => keyOf(name) === undefined)).toEqual([]);
	});

	it.each<[string, DigitalInvoiceSpec, string]>([
		['a special invoice with three lines', CLOUD_SAIL_SPECIAL, 'digitalSpecial'],
		['an ordinary invoice with one line', HARBOUR_ORDINARY, 'digitalOrdinary'],
		['a toll invoice', EXPRESSWAY_TOLL, 'digitalOrdinary'],
		['a special invoice of goods', MACHINERY_SPECIAL, 'digitalSpecial'],
	])('%s: every value of its file, self-check clean', (_label, spec, kind) => {
		for (const taxRates of ['fraction', 'percent'] as const) {
			const { invoice, lineItems } = shaped(einvoiceXml(spec, { taxRates }));
			expect(invoice).toMatchObject({
				invoiceKind: kind,
				invoiceCode: null,
				invoiceNumber: spec.invoiceNumber,
				issueDate: spec.issueDate,
				[keyOf('购买方名称')]: spec.buyer.name,
				[keyOf('购买方识别号')]: spec.buyer.taxId,
				[keyOf('销售方名称')]: spec.seller.name,
				[keyOf('销售方识别号')]: spec.seller.taxId,
				[keyOf('合计金额')]: Number(spec.totalBeforeTax),
				[keyOf('合计税额')]: Number(spec.totalTax),
				[keyOf('小写金额')]: Number(spec.totalWithTax),
				[keyOf('价税合计(大写)')]: spec.totalInWords,
				[keyOf('开票人')]: spec.drawer,
				[keyOf('备注')]: spec.remark ?? null,
				[keyOf('所属税局')]: spec.taxBureau.name,
				dedupeKey: spec.invoiceNumber,
				needsReview: false,
				reviewReasons: [],
			});
			expect(invoice.fields).toMatchObject({ EIid: spec.invoiceNumber, TaxBureauCode: spec.taxBureau.code, RequestTime: `${spec.issueDate} 09:30:00` });
			expect(lineItems.map((line) => [cell(line, 'Name'), cell(line, 'AmountWithoutTax'), cell(line, 'TaxRate')])).toEqual(
				spec.lines.map((line) => [line.name, Number(line.amount), line.taxRate === '免税' ? null : Number(line.taxRate.replace('%', '')) / 100]),
			);
		}
	});

	it('a toll invoice: plate, vehicle type and passage dates under their OCR keys', () => {
		const { invoice } = shaped(einvoiceXml(EXPRESSWAY_TOLL));
		expect(invoice).toMatchObject({
			[keyOf('车牌号')]: '粤B12345',
			[keyOf('类型')]: '客车',
			[keyOf('通行日期起')]: '2026-02-27',
			[keyOf('通行日期止')]: '2026-02-27',
		});
		expect(invoice.fields).toMatchObject({ StartDatesOfPassage: '20260227172851000' });
	});

	it('the issue date is IssueTime, not RequestTime; the total is the invoice\'s, not a line\'s', () => {
		const xml = einvoiceXml(HARBOUR_ORDINARY).replace(`<RequestTime>${HARBOUR_ORDINARY.issueDate}`, '<RequestTime>2025-03-01');
		const { invoice } = shaped(xml);
		expect(invoice.issueDate).toBe('2025-03-07');
		expect(invoice[keyOf('小写金额')]).toBe(2000);
	});

	it('reads as OCR reads the same invoice: same keys, values, kind and dedupeKey', () => {
		const answer = JSON.parse(
			readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'responses', 'fully-digital-mixed-rates.json'), 'utf8'),
		) as VatInvoiceOCRResponse;
		const fromOcr = readRecognizedInvoice(answer);
		const fromXml = read(einvoiceXml(CLOUD_SAIL_SPECIAL));
		const compared = ['发票号码', '开票日期', '购买方名称', '购买方识别号', '销售方名称', '销售方识别号', '合计金额', '合计税额', '小写金额', '价税合计(大写)', '开票人', '备注'].map(keyOf);
		const pick = (invoice: Invoice) => Object.fromEntries(compared.map((key) => [key, invoice[key]]));
		expect(pick(fromXml.invoice)).toEqual(pick(fromOcr.invoice));
		expect(fromXml.invoice.invoiceKind).toBe(fromOcr.invoice.invoiceKind);
		expect(computeDedupeKey(fromXml.invoice)).toBe(computeDedupeKey(fromOcr.invoice));
		expect(fromXml.lineItems.map((line) => [cell(line, 'Name'), cell(line, 'TaxRate'), cell(line, 'TaxAmount')])).toEqual(
			fromOcr.lineItems.map((line) => [cell(line, 'Name'), cell(line, 'TaxRate'), cell(line, 'TaxAmount')]),
		);
	});

	it.each<[string, string, RegExp]>([
		['another kind of XML, naming its root', '<?xml version="1.0"?><Order><Id>1</Id></Order>', /^"2544\.xml" is an XML file whose root element is <Order>, not a 数电 invoice \(<EInvoice>\)$/],
		['an XXE', '<!DOCTYPE EInvoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><EInvoice>&x;</EInvoice>', /has a DTD/],
	])('refuses %s', (_label, xml, message) => {
		expect(() => read(xml)).toThrow(message);
	});
});

describe('dayOf', () => {
	it.each<[string | undefined, string | undefined]>([
		['2025-03-07 14:23:11', '2025-03-07'],
		['2025-03-07T14:23:11', '2025-03-07'],
		['20260227172851000', '20260227'],
		['20260227172851', '20260227'],
		['2025-03-07', '2025-03-07'],
		['  ', undefined],
		[undefined, undefined],
	])('%s → %s', (timestamp, day) => {
		expect(dayOf(timestamp)).toBe(day);
	});
});

describe('printedTaxRate', () => {
	it.each<[string | undefined, string | undefined]>([
		['0.06', '6%'],
		['0.13', '13%'],
		['0.015', '1.5%'],
		['0', '0%'],
		['1', '100%'],
		['6%', '6%'],
		['免税', '免税'],
		['6', '6'],
		[undefined, undefined],
	])('%s → %s', (rate, printed) => {
		expect(printedTaxRate(rate)).toBe(printed);
	});
});
