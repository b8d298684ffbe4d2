/** invoiceKind against every type code the SDK's models document, and the names VatInvoiceOCR prints. */
import {
	KINDS_BY_OFD_TYPE,
	KINDS_BY_VERIFY_TYPE,
	kindOfOfdType,
	kindOfPrintedName,
	kindOfVerifyType,
	withFullyDigitalNumber,
	type InvoiceKind,
} from '../../../nodes/TencentInvoiceOcr/invoice/invoiceKind';

/** VatInvoice.Type (ocr_models.d.ts, 票种类型), and VatInvoiceVerifyNewRequest.InvoiceKind's 16, written out from the SDK. */
const VERIFY_TYPES: Array<[string, string, InvoiceKind]> = [
	['01', '增值税专用发票', 'special'],
	['02', '货运运输业增值税专用发票', 'freight'],
	['03', '机动车销售统一发票', 'motorVehicle'],
	['04', '增值税普通发票', 'ordinary'],
	['08', '增值税电子专用发票（含全电）', 'electronicSpecial'],
	['09', '全电发票', 'other'],
	['0901', '全电纸质发票(增值税专用发票)', 'digitalSpecial'],
	['0903', '全电纸质(机动车销售统一发票)', 'motorVehicle'],
	['0904', '全电纸质发票(增值税普通发票)', 'digitalOrdinary'],
	['0910', '电子发票(普通发票)', 'digitalOrdinary'],
	['0915', '全电纸质(二手车销售统一发票)', 'usedVehicle'],
	['0920', '电子发票(增值税专用发票)', 'digitalSpecial'],
	['0930', '电子发票(机动车销售统一发票)', 'motorVehicle'],
	['0940', '电子发票(二手车销售统一发票)', 'usedVehicle'],
	['10', '增值税电子普通发票（含全电）', 'electronicOrdinary'],
	['11', '增值税普通发票（卷式）', 'roll'],
	['14', '增值税电子（通行费）发票', 'toll'],
	['15', '二手车销售统一发票', 'usedVehicle'],
	['16', '财务发票 (request InvoiceKind)', 'other'],
	['32', '深圳区块链发票', 'other'],
	['61', '电子发票（航空运输电子客票行程单）', 'other'],
	['8208', '电子发票(通行费发票)', 'toll'],
	['83', '电子发票(铁路电子客票)', 'other'],
	['100', '区块链发票', 'other'],
	['101', '财政票据', 'other'],
	['102', '通用电子发票', 'other'],
	['103', '车辆通行费', 'toll'],
];

/** VerifyOfdVatInvoiceOCRResponse.Type, written out from the SDK. */
const OFD_TYPES: Array<[string, string, InvoiceKind]> = [
	['026', '增值税电子普通发票', 'electronicOrdinary'],
	['028', '增值税电子专用发票', 'electronicSpecial'],
	['010', '电子发票（普通发票）', 'digitalOrdinary'],
	['020', '电子发票（增值税专用发票）', 'digitalSpecial'],
	['030', '电子发票（铁路电子客票）', 'other'],
	['040', '电子发票（航空运输电子客票行程单）', 'other'],
];

describe('kindOfVerifyType: VatInvoiceVerifyNew Invoice.Type', () => {
	it.each(VERIFY_TYPES)('%s (%s) → %s', (type, _name, kind) => {
		expect(kindOfVerifyType(type, '')).toBe(kind);
	});

	it('covers exactly the documented codes', () => {
		expect(Object.keys(KINDS_BY_VERIFY_TYPE).sort()).toEqual(VERIFY_TYPES.map(([type]) => type).sort());
	});

	// ElectronicType (具体的全电发票类型): 01 专用, 02 普通, 03 火车票, 04 机票行程单.
	it.each<[string, string, InvoiceKind]>([
		['09', '01', 'digitalSpecial'],
		['09', '02', 'digitalOrdinary'],
		['09', '03', 'other'],
		['09', '04', 'other'],
		['08', '01', 'digitalSpecial'],
		['10', '02', 'digitalOrdinary'],
		['10', '', 'electronicOrdinary'],
		['01', '01', 'special'],
		['14', '02', 'toll'],
		[' 10 ', undefined as unknown as string, 'electronicOrdinary'],
		['999', '', 'other'],
		['', '', 'other'],
	])('Type %p with ElectronicType %p → %s', (type, electronicType, kind) => {
		expect(kindOfVerifyType(type, electronicType)).toBe(kind);
	});
});

describe('kindOfOfdType: VerifyOfdVatInvoiceOCR Type', () => {
	it.each(OFD_TYPES)('%s (%s) → %s', (type, _name, kind) => {
		expect(kindOfOfdType(type)).toBe(kind);
	});

	it('covers exactly the documented codes; others are "other"', () => {
		expect(Object.keys(KINDS_BY_OFD_TYPE).sort()).toEqual(OFD_TYPES.map(([type]) => type).sort());
		expect(kindOfOfdType('10')).toBe('other');
		expect(kindOfOfdType(undefined)).toBe('other');
	});
});

describe('kindOfPrintedName: VatInvoiceOCR 发票类型, then 发票名称', () => {
	it.each<[string | null, string | null, InvoiceKind]>([
		['增值税专用发票', '广东增值税专用发票', 'special'],
		['增值税普通发票', '广东增值税普通发票', 'ordinary'],
		['增值税电子专用发票', null, 'electronicSpecial'],
		['增值税电子普通发票', '天津增值税电子普通发票', 'electronicOrdinary'],
		['电子发票(增值税专用发票)', '电子发票(增值税专用发票)', 'digitalSpecial'],
		['电子发票（普通发票）', null, 'digitalOrdinary'],
		['全电发票(增值税专用发票)', null, 'digitalSpecial'],
		['数电票(普通发票)', null, 'digitalOrdinary'],
		['增值税普通发票(卷票)', null, 'roll'],
		['增值税电子普通发票', '增值税电子普通发票(通行费)', 'toll'],
		['机动车销售统一发票', null, 'motorVehicle'],
		['二手车销售统一发票', null, 'usedVehicle'],
		['货物运输业增值税专用发票', null, 'freight'],
		['区块链电子发票', null, 'other'],
		['电子发票(铁路电子客票)', null, 'other'],
		[null, '天津增值税电子普通发票', 'electronicOrdinary'],
		[null, null, 'other'],
		['收据', null, 'other'],
	])('%p / %p → %s', (invoiceType, title, kind) => {
		expect(kindOfPrintedName(invoiceType, title)).toBe(kind);
	});
});

describe('withFullyDigitalNumber: a 20-digit number without a code is a fully digital invoice', () => {
	it.each<[InvoiceKind, string | null, string | null, InvoiceKind]>([
		['electronicOrdinary', null, '24442000000012345678', 'digitalOrdinary'],
		['electronicSpecial', null, '24442000000012345678', 'digitalSpecial'],
		['electronicOrdinary', '012001100311', '63591128', 'electronicOrdinary'],
		['electronicOrdinary', null, '63591128', 'electronicOrdinary'],
		['toll', null, '24442000000012345678', 'toll'],
		['special', null, '24442000000012345678', 'special'],
	])('%s, code %p, number %p → %s', (kind, invoiceCode, invoiceNumber, expected) => {
		expect(withFullyDigitalNumber(kind, invoiceCode, invoiceNumber)).toBe(expected);
	});
});
