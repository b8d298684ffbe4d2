/** RecognizeGeneralInvoice entries → the invoice model: vocabulary, each fixture struct's keys, travel keys, lines, review, dedupe. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { InvoiceItem, VatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import {
	DOCUMENT_TYPES,
	DOCUMENT_TYPE_TABLE,
	documentTypeOf,
	forceCodeOf,
} from '../../../nodes/TencentInvoiceOcr/invoice/documents/documentTypes';
import { readDocument } from '../../../nodes/TencentInvoiceOcr/invoice/documents/readDocument';
import { documentDedupeKey, shapeDocument } from '../../../nodes/TencentInvoiceOcr/invoice/documents/shapeDocument';
import {
	DOCUMENT_FIELDS,
	FLIGHT_LEG_FIELDS,
	INVOICE_FIELDS,
	INVOICE_RECORD_FIELDS,
	LINE_ITEM_FIELDS,
	POLYGON_FIELDS,
	TRAVEL_FIELDS,
} from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import { readRecognizedInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { shapeInvoice, type ReadingContext } from '../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';
import { toClockTime } from '../../../nodes/TencentInvoiceOcr/invoice/normalize';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const entry = (name: string) =>
	JSON.parse(readFileSync(path.join(FIXTURES, 'general-invoice', `${name}.json`), 'utf8')) as InvoiceItem;
const CONTEXT: ReadingContext = { pdfPage: null, pdfPageCount: null, imageRotationDegrees: 0, requestId: 'r-1', includePolygons: false };

describe('the documentType vocabulary', () => {
	it('has one table row per documentType, each struct in one row only', () => {
		expect(DOCUMENT_TYPE_TABLE.map((row) => row.documentType)).toEqual([...DOCUMENT_TYPES]);
		const subTypes = DOCUMENT_TYPE_TABLE.flatMap((row) => row.subTypes.map(({ subType }) => subType));
		expect(new Set(subTypes).size).toBe(subTypes.length);
	});

	it.each([
		['VatElectronicInvoiceFull', 16, 'vatInvoice'],
		['VatInvoiceRoll', 11, 'vatInvoice'],
		['ElectronicTrainTicketFull', 16, 'trainTicket'],
		['ElectronicFlightTicketFull', 16, 'flightItinerary'],
		['OnlineTaxiItinerary', 21, 'rideHailingItinerary'],
		['UsedCarPurchaseInvoiceElectronic', 12, 'usedCarInvoice'],
		['VatSalesList', 3, 'salesList'],
		['', 19, 'customsPayment'],
		[undefined, 0, 'taxiReceipt'],
		['SomethingNew', -1, 'other'],
		['SomethingNew', 99, 'other'],
		[null, null, 'other'],
	])('SubType %s, Type %s → %s', (subType, type, documentType) => {
		expect(documentTypeOf(subType, type)).toBe(documentType);
	});

	it.each([
		['vatInvoice', 3],
		['trainTicket', 2],
		['rideHailingItinerary', 21],
		['other', -1],
		['usedCarInvoice', undefined],
	] as const)('forces %s with Types [%s]', (documentType, code) => {
		expect(forceCodeOf(documentType)).toBe(code);
	});
});

describe('toClockTime', () => {
	it.each([
		['08:05开', '08:05'],
		['9:00', '09:00'],
		['05-18 21:14 周六', '21:14'],
		['１４：２０', '14:20'],
		['24:00', null],
		['12:60', null],
		['1430', null],
		['', null],
		[null, null],
	])('%s → %s', (text, time) => {
		expect(toClockTime(text)).toBe(time);
	});
});

describe('each fixture struct as the invoice model', () => {
	it.each([
		['TrainTicket', 'trainTicket', { invoiceNumber: 'Z14J083625', issueDate: null, totalWithTax: 74.5 }],
		['ElectronicTrainTicketFull', 'trainTicket', { invoiceNumber: '24119100000012345678', issueDate: '2024-05-21', totalWithTax: 553.5, totalTax: 45.7, buyerTaxId: '91440300MA5FUM2E9B' }],
		['AirTransport', 'flightItinerary', { invoiceNumber: null, issueDate: '2024-05-10', totalWithTax: 1310 }],
		['ElectronicFlightTicketFull', 'flightItinerary', { invoiceNumber: '24442000000087654321', totalWithTax: 970, totalTax: 72.66, sellerName: '深圳市差旅通航空服务有限公司' }],
		['TaxiTicket', 'taxiReceipt', { invoiceCode: '144031909110', invoiceNumber: '60457813', issueDate: '2024-05-18', totalWithTax: 48.6 }],
		['OnlineTaxiItinerary', 'rideHailingItinerary', { invoiceNumber: null, issueDate: '2024-05-19', totalWithTax: 42.3 }],
		['BusInvoice', 'busTicket', { invoiceCode: '144001800211', invoiceNumber: '02938471', totalWithTax: 65 }],
		['ShippingInvoice', 'shipTicket', { invoiceNumber: '00412398', issueDate: '2024-04-30', totalWithTax: 48 }],
		['TollInvoice', 'tollReceipt', { invoiceCode: '144001922081', issueDate: '2024-05-18', totalWithTax: 35 }],
		['QuotaInvoice', 'quotaInvoice', { invoiceNumber: '01234567', issueDate: null, totalWithTax: 20, totalWithTaxInWords: '贰拾圆整' }],
		['MachinePrintedInvoice', 'machinePrintedInvoice', { sellerName: '广州市越秀区粤味餐厅', sellerTaxId: '92440104MA5CXK7L9P', totalWithTax: 168 }],
		['OtherInvoice', 'other', { invoiceTitle: '停车费收据', issueDate: '2024-05-18', totalWithTax: 15 }],
		['VatSpecialInvoice', 'vatInvoice', { invoiceKind: 'special', invoiceCode: '4400194130', totalBeforeTax: 1000, totalTax: 130, totalWithTax: 1130 }],
		['VatElectronicInvoiceFull', 'vatInvoice', { invoiceKind: 'digitalOrdinary', invoiceCode: null, invoiceNumber: '24442000000123456789', totalWithTax: 300 }],
	])('%s → %s', (name, documentType, keys) => {
		const reading = readDocument(entry(name));
		expect(reading.documentType).toBe(documentType);
		expect(reading.invoice).toMatchObject(keys);
		expect(reading.fields).toEqual(entry(name).SingleInvoiceInfos?.[name as keyof InvoiceItem['SingleInvoiceInfos']]);
	});

	it.each([
		['TrainTicket', { passengerName: '张伟', departure: '广州南', arrival: '深圳北', departureDate: '2024-05-18', departureTime: '08:05', trainNumber: 'G6017', seatClass: '二等座' }],
		['ElectronicTrainTicketFull', { passengerName: '李娜', departure: '北京南', arrival: '上海虹桥', departureDate: '2024-05-22', departureTime: '09:00', trainNumber: 'G1' }],
		['AirTransport', { passengerName: '王磊', departure: '北京首都', arrival: '深圳', departureDate: '2024-05-12', departureTime: '08:30', flightNumber: 'CA1301', seatClass: 'Y' }],
		['ElectronicFlightTicketFull', { departure: '深圳', arrival: '成都天府', flightNumber: '3U8706', seatClass: '经济舱' }],
		['TaxiTicket', { passengerName: null, departureDate: '2024-05-18', departureTime: '10:12' }],
		['OnlineTaxiItinerary', { departure: '深圳北站', arrival: '南山区科技园', departureDate: '2024-05-18', departureTime: '21:14' }],
		['BusInvoice', { departure: '广州天河客运站', arrival: '惠州汽车总站', departureDate: '2024-05-17', departureTime: '14:30' }],
		['ShippingInvoice', { passengerName: '周杰', departure: '海口新海港', departureTime: '13:30' }],
	])('%s has its travel keys', (name, travel) => {
		expect(readDocument(entry(name)).travel).toMatchObject(travel);
	});

	it.each(['TollInvoice', 'QuotaInvoice', 'VatSpecialInvoice', 'OtherInvoice'])('%s has no travel keys', (name) => {
		expect(readDocument(entry(name)).travel).toBeNull();
	});

	it("gives a flight itinerary's legs as line items, and a fully digital invoice's unnumbered lines", () => {
		const legs = readDocument(entry('AirTransport')).lineItems;
		expect(legs.map((leg) => [leg.flightNumber, leg.departurePlace, leg.arrivalPlace, leg.departureDate, leg.departureTime, leg.lineNo])).toEqual([
			['CA1301', '北京首都', '深圳', '2024-05-12', '08:30', null],
			['CA1302', '深圳', '北京首都', '2024-05-15', '19:10', null],
		]);
		const lines = readDocument(entry('VatElectronicInvoiceFull')).lineItems;
		expect(lines.map((line) => [line.itemName, line.amountBeforeTax, line.taxRate, line.taxAmount, line.lineNo])).toEqual([
			['*住宿服务*住宿费', 235.85, 0.06, 14.15, null],
			['*餐饮服务*早餐', 47.17, 0.06, 2.83, null],
		]);
	});
});

describe('the same VAT invoice through VatInvoiceOCR and RecognizeGeneralInvoice', () => {
	const sample = JSON.parse(readFileSync(path.join(FIXTURES, 'vat-invoice-ocr-sample-response.json'), 'utf8')) as {
		Response: VatInvoiceOCRResponse;
	};
	const viaRecognize = shapeInvoice(readRecognizedInvoice(sample.Response), CONTEXT);
	const viaAny = shapeDocument(readDocument(entry('VatElectronicCommonInvoice')), CONTEXT);
	/** Flags VatInvoiceOCR leaves empty here and RecognizeGeneralInvoice answers as 0. */
	const FLAGS_ONE_LEAVES_EMPTY = ['isIssuedOnBehalf', 'isPurchaseInvoice', 'refinedOilMark', 'tollMark'];
	const CIPHER_KEYS = ['cipherArea', 'cipherArea1', 'cipherArea2', 'cipherArea3', 'cipherArea4'];
	const EXCEPTIONS = ['fields', 'requestId', 'documentTypeName', ...CIPHER_KEYS, ...FLAGS_ONE_LEAVES_EMPTY];
	const without = (record: object) => Object.fromEntries(Object.entries(record).filter(([key]) => !EXCEPTIONS.includes(key)));

	it('gives identical invoice keys and values but for the listed exceptions', () => {
		expect(without(viaAny.invoice)).toEqual(without(viaRecognize.invoice));
		expect(viaAny.invoice).toMatchObject({ documentType: 'vatInvoice', invoiceKind: 'electronicOrdinary', totalWithTax: 89.9, needsReview: false });
	});

	it('gives identical line items', () => {
		expect(viaAny.lineItems).toEqual(viaRecognize.lineItems);
	});

	it('has the cipher area as one text where VatInvoiceOCR has four lines', () => {
		const lines = [1, 2, 3, 4].map((line) => (viaRecognize.invoice as unknown as Record<string, string>)[`cipherArea${line}`]);
		expect(viaAny.invoice.cipherArea).toBe(lines.join('\n'));
	});

	it('leaves as empty only flags one of them does not answer', () => {
		for (const key of FLAGS_ONE_LEAVES_EMPTY) {
			const values = [viaRecognize.invoice, viaAny.invoice].map((record) => (record as unknown as Record<string, unknown>)[key]);
			expect(values).toContain(null);
		}
	});
});

describe('review and dedupe key of other documents', () => {
	it('keys a paper train ticket by its serial, an air itinerary by its e-ticket number, a fully digital one by its number', () => {
		expect(documentDedupeKey(readDocument(entry('TrainTicket')))).toBe('trainTicket-Z14J083625');
		expect(documentDedupeKey(readDocument(entry('AirTransport')))).toBe('flightItinerary-7812345678901');
		expect(documentDedupeKey(readDocument(entry('ElectronicTrainTicketFull')))).toBe('24119100000012345678');
		expect(documentDedupeKey(readDocument(entry('TaxiTicket')))).toBe('144031909110-60457813');
	});

	it('keys a document without a number by its content: stable, and distinct from another', () => {
		const first = documentDedupeKey(readDocument(entry('OnlineTaxiItinerary')));
		expect(first).toMatch(/^rideHailingItinerary-[0-9a-f]{16}$/);
		expect(documentDedupeKey(readDocument(entry('OnlineTaxiItinerary')))).toBe(first);
		expect(documentDedupeKey(readDocument(entry('OtherInvoice')))).not.toBe(first);
	});

	it.each([
		['TrainTicket', []],
		['QuotaInvoice', []],
		['OnlineTaxiItinerary', []],
		['OtherInvoice', ['No number could be read: dedupeKey is made from the content, so a second reading may differ']],
	])('%s is flagged for %j', (name, reasons) => {
		expect(shapeDocument(readDocument(entry(name)), CONTEXT).invoice.reviewReasons).toEqual(reasons);
	});

	it('flags a missing amount and date', () => {
		const taxi = entry('TaxiTicket');
		const struct = { ...(taxi.SingleInvoiceInfos?.TaxiTicket as object), Total: '', Date: '', TimeGetOn: '' };
		const shaped = shapeDocument(readDocument({ ...taxi, SingleInvoiceInfos: { TaxiTicket: struct } }), CONTEXT);
		expect(shaped.invoice.reviewReasons).toEqual(['No date could be read', 'The amount paid could not be read']);
	});

	it('flags an entry Tencent did not read, keeping what it detected', () => {
		const shaped = shapeDocument(readDocument(entry('Unsupported')), { ...CONTEXT, pdfPage: 2 });
		expect(shaped.invoice).toMatchObject({
			documentType: 'other',
			documentTypeName: '其他发票',
			needsReview: true,
			reviewReasons: [expect.stringMatching(/does not support its kind \(FailedOperation\.UnsupportedInvoice\)/)],
			pdfPage: 2,
			totalWithTax: null,
		});
		expect(shaped.invoice.dedupeKey).toMatch(/^other-unread-[0-9a-f]{16}$/);
	});
});

describe('the record key tables', () => {
	const keysOf = (...tables: ReadonlyArray<ReadonlyArray<{ key: string }>>) => tables.flat().map((field) => field.key);

	it.each(['TrainTicket', 'AirTransport', 'TaxiTicket', 'QuotaInvoice', 'VatElectronicInvoiceFull'])(
		'declare every key of a %s item, polygons included',
		(name) => {
			const { invoice } = shapeDocument(readDocument({ ...entry(name), ItemPolygon: [] }), { ...CONTEXT, includePolygons: true });
			const declared = keysOf(INVOICE_FIELDS, INVOICE_RECORD_FIELDS, DOCUMENT_FIELDS, TRAVEL_FIELDS, POLYGON_FIELDS);
			expect(Object.keys(invoice).filter((key) => !declared.includes(key))).toEqual([]);
		},
	);

	it("declare every key of a flight's legs", () => {
		const [leg] = readDocument(entry('AirTransport')).lineItems;
		expect(Object.keys(leg).sort()).toEqual(keysOf(LINE_ITEM_FIELDS, FLIGHT_LEG_FIELDS).sort());
	});
});
