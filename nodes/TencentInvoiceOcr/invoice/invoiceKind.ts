/**
 * `invoiceKind`: one English vocabulary for the kind of invoice, from VatInvoiceVerifyNew's
 * Type/ElectronicType codes, VerifyOfdVatInvoiceOCR's Type codes and VatInvoiceOCR's printed names.
 * A red invoice keeps its kind: only its amounts are negative.
 */
export const INVOICE_KINDS = [
	'special',
	'ordinary',
	'electronicSpecial',
	'electronicOrdinary',
	'digitalSpecial',
	'digitalOrdinary',
	'roll',
	'toll',
	'motorVehicle',
	'usedVehicle',
	'freight',
	'other',
] as const;

export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * VatInvoiceVerifyNew's `Invoice.Type` (票种类型) as the SDK documents it, and the request's
 * InvoiceKind 16 (财务发票). Codes not listed here are `other`.
 */
export const KINDS_BY_VERIFY_TYPE: Readonly<Record<string, InvoiceKind>> = {
	'01': 'special', // 增值税专用发票
	'02': 'freight', // 货运运输业增值税专用发票
	'03': 'motorVehicle', // 机动车销售统一发票
	'04': 'ordinary', // 增值税普通发票
	'08': 'electronicSpecial', // 增值税电子专用发票（含全电）
	'09': 'other', // 全电发票: ElectronicType tells special from ordinary
	'0901': 'digitalSpecial', // 全电纸质发票(增值税专用发票)
	'0903': 'motorVehicle', // 全电纸质(机动车销售统一发票)
	'0904': 'digitalOrdinary', // 全电纸质发票(增值税普通发票)
	'0910': 'digitalOrdinary', // 电子发票(普通发票)
	'0915': 'usedVehicle', // 全电纸质(二手车销售统一发票)
	'0920': 'digitalSpecial', // 电子发票(增值税专用发票)
	'0930': 'motorVehicle', // 电子发票(机动车销售统一发票)
	'0940': 'usedVehicle', // 电子发票(二手车销售统一发票)
	'10': 'electronicOrdinary', // 增值税电子普通发票（含全电）
	'11': 'roll', // 增值税普通发票（卷式）
	'14': 'toll', // 增值税电子（通行费）发票
	'15': 'usedVehicle', // 二手车销售统一发票
	'16': 'other', // 财务发票
	'32': 'other', // 深圳区块链发票
	'61': 'other', // 电子发票（航空运输电子客票行程单）
	'8208': 'toll', // 电子发票(通行费发票)
	'83': 'other', // 电子发票(铁路电子客票)
	'100': 'other', // 区块链发票
	'101': 'other', // 财政票据
	'102': 'other', // 通用电子发票
	'103': 'toll', // 车辆通行费
};

/** `Invoice.ElectronicType` (具体的全电发票类型): 01 全电专用发票, 02 全电普通发票, 03 全电火车票, 04 全电机票行程单. */
const DIGITAL_KINDS_BY_ELECTRONIC_TYPE: Readonly<Record<string, InvoiceKind>> = {
	'01': 'digitalSpecial',
	'02': 'digitalOrdinary',
	'03': 'other',
	'04': 'other',
};

/** Types whose ElectronicType, when given, says which fully digital (全电) invoice it is. */
const TYPES_REFINED_BY_ELECTRONIC_TYPE = ['08', '09', '10'];

/** VerifyOfdVatInvoiceOCR's `Type` (发票类型) as the SDK documents it. */
export const KINDS_BY_OFD_TYPE: Readonly<Record<string, InvoiceKind>> = {
	'026': 'electronicOrdinary', // 增值税电子普通发票
	'028': 'electronicSpecial', // 增值税电子专用发票
	'010': 'digitalOrdinary', // 电子发票（普通发票）
	'020': 'digitalSpecial', // 电子发票（增值税专用发票）
	'030': 'other', // 电子发票（铁路电子客票）
	'040': 'other', // 电子发票（航空运输电子客票行程单）
};

const code = (text: string | null | undefined) => text?.trim() ?? '';

export function kindOfVerifyType(type: string | null | undefined, electronicType: string | null | undefined): InvoiceKind {
	const typeCode = code(type);
	const digitalKind = DIGITAL_KINDS_BY_ELECTRONIC_TYPE[code(electronicType)];
	if (digitalKind && TYPES_REFINED_BY_ELECTRONIC_TYPE.includes(typeCode)) return digitalKind;
	return KINDS_BY_VERIFY_TYPE[typeCode] ?? 'other';
}

export function kindOfOfdType(type: string | null | undefined): InvoiceKind {
	return KINDS_BY_OFD_TYPE[code(type)] ?? 'other';
}

/** Kinds a printed name says outright, whatever else it says; checked in this order. */
const KINDS_BY_NAME_PART: ReadonlyArray<[RegExp, InvoiceKind]> = [
	[/机动车/, 'motorVehicle'],
	[/二手车/, 'usedVehicle'],
	[/货物运输|货运/, 'freight'],
	[/通行费/, 'toll'],
	[/卷/, 'roll'],
	[/区块链|财政|财务|通用机打|客票|行程单/, 'other'],
];

/** 专用 or 普通, for a name that says which family (paper, electronic, fully digital) it is. */
function specialOrOrdinary(name: string, special: InvoiceKind, ordinary: InvoiceKind): InvoiceKind {
	if (name.includes('专用')) return special;
	return name.includes('普通') ? ordinary : 'other';
}

/**
 * The kind VatInvoiceOCR's printed names say: 发票类型 first, then 发票名称 (e.g. "天津增值税电子普通发票",
 * "增值税电子普通发票(通行费)", "电子发票(增值税专用发票)"). 电子发票 without 增值税 before it is the fully
 * digital (数电/全电) invoice; 增值税电子… the older electronic one.
 */
export function kindOfPrintedName(invoiceType: string | null, title: string | null): InvoiceKind {
	const names = [invoiceType, title].filter((name): name is string => Boolean(name));
	const allNames = names.join(' ');
	const outright = KINDS_BY_NAME_PART.find(([pattern]) => pattern.test(allNames));
	if (outright) return outright[1];
	const name = names[0] ?? '';
	if (/全电|数电|电子发票/.test(name)) return specialOrOrdinary(name, 'digitalSpecial', 'digitalOrdinary');
	if (name.includes('电子')) return specialOrOrdinary(name, 'electronicSpecial', 'electronicOrdinary');
	if (name.includes('增值税')) return specialOrOrdinary(name, 'special', 'ordinary');
	return 'other';
}

/** A fully digital (数电/全电) invoice has no code and a 20-digit number, unique on its own. */
export const isFullyDigital = (invoiceCode: string | null, invoiceNumber: string | null) =>
	invoiceCode === null && invoiceNumber !== null && /^\d{20}$/.test(invoiceNumber);

/**
 * Tencent marks some fully digital (全电) invoices with the older electronic codes ("含全电"); a
 * 20-digit number without a code is a fully digital invoice whichever code came with it.
 */
export function withFullyDigitalNumber(
	kind: InvoiceKind,
	invoiceCode: string | null,
	invoiceNumber: string | null,
): InvoiceKind {
	if (!isFullyDigital(invoiceCode, invoiceNumber)) return kind;
	if (kind === 'electronicSpecial') return 'digitalSpecial';
	return kind === 'electronicOrdinary' ? 'digitalOrdinary' : kind;
}
