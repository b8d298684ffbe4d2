/** The record key tables: every key an invoice or line item carries is declared once, with a type and a meaning. */
import {
	INVOICE_FIELDS,
	INVOICE_RECORD_FIELDS,
	LINE_ITEM_FIELDS,
	LINE_ITEM_PARENT_FIELDS,
	PAGES_NOT_RECOGNIZED_FIELDS,
	POLYGON_FIELDS,
	READ_FROM_FIELDS,
	SOURCE_FIELDS,
	VERDICT_FIELDS,
	VERIFIED_WITH_FIELDS,
	ERROR_ITEM_FIELDS,
} from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import { readRecognizedInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { shapeInvoice, type ReadingContext } from '../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';

const keysOf = (...tables: ReadonlyArray<ReadonlyArray<{ key: string }>>) => tables.flat().map((field) => field.key);

describe('the record key tables', () => {
	it.each<[string, Partial<ReadingContext>, ReadonlyArray<ReadonlyArray<{ key: string }>>]>([
		['polygons included', { includePolygons: true }, [INVOICE_FIELDS, INVOICE_RECORD_FIELDS, POLYGON_FIELDS]],
		['readFrom, which Recognize adds', { readFrom: 'ocr' }, [INVOICE_FIELDS, INVOICE_RECORD_FIELDS, READ_FROM_FIELDS]],
	])('declare every key of the invoice item, %s, and nothing else', (_label, context, tables) => {
		const { invoice } = shapeInvoice(readRecognizedInvoice({ VatInvoiceInfos: [], Items: [] }), {
			pdfPage: null,
			pdfPageCount: null,
			imageRotationDegrees: null,
			requestId: null,
			includePolygons: false,
			...context,
		});
		expect(Object.keys(invoice).sort()).toEqual(keysOf(...tables).sort());
	});

	it.each([
		['invoice keys and the keys records add around them', keysOf(INVOICE_FIELDS, INVOICE_RECORD_FIELDS, POLYGON_FIELDS, READ_FROM_FIELDS, SOURCE_FIELDS, PAGES_NOT_RECOGNIZED_FIELDS, VERDICT_FIELDS)],
		['line item keys and their parent keys', keysOf(LINE_ITEM_PARENT_FIELDS, LINE_ITEM_FIELDS)],
		['verifiedWith', keysOf(VERIFIED_WITH_FIELDS)],
		['error items', keysOf(ERROR_ITEM_FIELDS)],
	])('name no key twice: %s', (_label, keys) => {
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('give every key a type and a meaning', () => {
		const tables = [INVOICE_RECORD_FIELDS, POLYGON_FIELDS, READ_FROM_FIELDS, SOURCE_FIELDS, PAGES_NOT_RECOGNIZED_FIELDS, VERDICT_FIELDS, VERIFIED_WITH_FIELDS, LINE_ITEM_PARENT_FIELDS, ERROR_ITEM_FIELDS];
		for (const field of tables.flat()) {
			expect(field.type).not.toBe('');
			expect(field.englishName.length).toBeGreaterThan(10);
		}
		for (const field of [...INVOICE_FIELDS, ...LINE_ITEM_FIELDS]) expect(field.englishName).not.toBe('');
	});
});
