/**
 * The one invoice model: for every output key, where each action's answer holds it (Recognize:
 * VatInvoiceOCR's `VatInvoiceInfos` by Chinese name; Verify: VatInvoiceVerifyNew's `Invoice.<Field>`;
 * OFD: VerifyOfdVatInvoiceOCR's field), how it is normalized, and its Chinese and English name.
 * The `Invoice` and `LineItem` types are derived from these tables; `npm run docs` generates the key
 * tables of docs/output.md from them and from recordFields.ts (re-exported here).
 */
import type {
	VatInvoice,
	VatInvoiceGoodsInfo,
	VatInvoiceItem,
	VatInvoiceUserInfo,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import type { InvoiceKind } from './invoiceKind';

/** How a field's text is normalized; see normalize/. */
export type FieldKind = 'text' | 'identifier' | 'amount' | 'date' | 'flag' | 'taxRate' | 'lineNumber';

interface ValueOfKind {
	text: string | null;
	identifier: string | null;
	amount: number | null;
	date: string | null;
	flag: boolean | null;
	taxRate: number | null;
	lineNumber: number | null;
}

type StringKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends string ? K : never }[keyof T];

/** A VerifyOfdVatInvoiceOCR field: top-level, or the buyer's and seller's. */
export type OfdFieldPath =
	| StringKeys<VerifyOfdVatInvoiceOCRResponse>
	| `${'Buyer' | 'Seller'}.${StringKeys<VatInvoiceUserInfo>}`;

export interface InvoiceFieldMapping {
	key: string;
	kind: FieldKind;
	/** The field's Chinese name; for Recognize, also its name in VatInvoiceInfos (unless `recognize` is false). */
	chineseName: string;
	englishName: string;
	/** Whether VatInvoiceOCR reads it (under `chineseName`). */
	recognize: boolean;
	/** VatInvoiceVerifyNew's `Invoice.<verify>`. */
	verify?: StringKeys<VatInvoice>;
	/** VerifyOfdVatInvoiceOCR's field. */
	ofd?: OfdFieldPath;
}

export const INVOICE_FIELDS = [
	{ key: 'invoiceType', kind: 'text', chineseName: '发票类型', englishName: 'Invoice type, as printed (Recognize) or as the code answered (Verify, OFD); see invoiceKind', recognize: true, verify: 'Type', ofd: 'Type' },
	{ key: 'invoiceTitle', kind: 'text', chineseName: '发票名称', englishName: 'Invoice title as printed, e.g. 天津增值税电子普通发票', recognize: true, ofd: 'InvoiceTitle' },
	{ key: 'invoiceCode', kind: 'identifier', chineseName: '发票代码', englishName: 'Invoice code (none on fully digital invoices)', recognize: true, verify: 'Code', ofd: 'InvoiceCode' },
	{ key: 'invoiceNumber', kind: 'identifier', chineseName: '发票号码', englishName: 'Invoice number, leading "No" removed', recognize: true, verify: 'Number', ofd: 'InvoiceNumber' },
	{ key: 'printedInvoiceCode', kind: 'identifier', chineseName: '打印发票代码', englishName: 'Printed invoice code', recognize: true },
	{ key: 'printedInvoiceNumber', kind: 'identifier', chineseName: '打印发票号码', englishName: 'Printed invoice number', recognize: true },
	{ key: 'issueDate', kind: 'date', chineseName: '开票日期', englishName: 'Issue date', recognize: true, verify: 'Date', ofd: 'IssueDate' },
	{ key: 'checkCode', kind: 'identifier', chineseName: '校验码', englishName: 'Check code', recognize: true, verify: 'CheckCode', ofd: 'InvoiceCheckCode' },
	{ key: 'machineNumber', kind: 'identifier', chineseName: '机器编号', englishName: 'Machine number', recognize: true, verify: 'MachineNo', ofd: 'MachineNumber' },
	{ key: 'buyerName', kind: 'text', chineseName: '购买方名称', englishName: 'Buyer name', recognize: true, verify: 'BuyerName', ofd: 'Buyer.Name' },
	{ key: 'buyerTaxId', kind: 'identifier', chineseName: '购买方识别号', englishName: 'Buyer taxpayer ID', recognize: true, verify: 'BuyerTaxCode', ofd: 'Buyer.TaxId' },
	{ key: 'buyerAddressPhone', kind: 'text', chineseName: '购买方地址、电话', englishName: 'Buyer address and phone', recognize: true, verify: 'BuyerAddressPhone', ofd: 'Buyer.AddrTel' },
	{ key: 'buyerBankAccount', kind: 'text', chineseName: '购买方开户行及账号', englishName: 'Buyer bank and account', recognize: true, verify: 'BuyerBankAccount', ofd: 'Buyer.FinancialAccount' },
	{ key: 'sellerName', kind: 'text', chineseName: '销售方名称', englishName: 'Seller name', recognize: true, verify: 'SellerName', ofd: 'Seller.Name' },
	{ key: 'sellerTaxId', kind: 'identifier', chineseName: '销售方识别号', englishName: 'Seller taxpayer ID', recognize: true, verify: 'SellerTaxCode', ofd: 'Seller.TaxId' },
	{ key: 'sellerAddressPhone', kind: 'text', chineseName: '销售方地址、电话', englishName: 'Seller address and phone', recognize: true, verify: 'SellerAddressPhone', ofd: 'Seller.AddrTel' },
	{ key: 'sellerBankAccount', kind: 'text', chineseName: '销售方开户行及账号', englishName: 'Seller bank and account', recognize: true, verify: 'SellerBankAccount', ofd: 'Seller.FinancialAccount' },
	{ key: 'totalBeforeTax', kind: 'amount', chineseName: '合计金额', englishName: 'Total before tax, in yuan', recognize: true, verify: 'AmountWithoutTax', ofd: 'TaxExclusiveTotalAmount' },
	{ key: 'totalTax', kind: 'amount', chineseName: '合计税额', englishName: 'Total tax, in yuan', recognize: true, verify: 'TaxAmount', ofd: 'TaxTotalAmount' },
	{ key: 'totalWithTax', kind: 'amount', chineseName: '小写金额', englishName: 'Total including tax, in yuan', recognize: true, verify: 'AmountWithTax', ofd: 'TaxInclusiveTotalAmount' },
	{ key: 'totalWithTaxInWords', kind: 'text', chineseName: '价税合计(大写)', englishName: 'Total including tax, in Chinese capital numerals', recognize: true },
	{ key: 'payeeClerk', kind: 'text', chineseName: '收款人', englishName: 'Name of the clerk who received payment (a person, not the seller)', recognize: true, ofd: 'Payee' },
	{ key: 'reviewer', kind: 'text', chineseName: '复核', englishName: 'Name of the clerk who reviewed the invoice', recognize: true, ofd: 'Checker' },
	{ key: 'drawer', kind: 'text', chineseName: '开票人', englishName: 'Name of the clerk who drew the invoice (a person, not the seller)', recognize: true, ofd: 'InvoiceClerk' },
	{ key: 'remarks', kind: 'text', chineseName: '备注', englishName: 'Remarks', recognize: true, verify: 'Remark', ofd: 'Note' },
	{ key: 'issuingProvince', kind: 'text', chineseName: '省', englishName: 'Province the invoice was issued in, as printed in its title', recognize: true },
	{ key: 'issuingCity', kind: 'text', chineseName: '市', englishName: 'City the invoice was issued in, as printed in its title', recognize: true },
	{ key: 'invoiceCopy', kind: 'text', chineseName: '联次', englishName: 'Which copy of a multi-part invoice this is (联次), as printed', recognize: true },
	{ key: 'invoiceCopyName', kind: 'text', chineseName: '联次名称', englishName: 'Name of the copy, e.g. 发票联 or 抵扣联', recognize: true },
	{ key: 'consumptionType', kind: 'text', chineseName: '发票消费类型', englishName: 'Consumption type', recognize: true },
	{ key: 'serviceType', kind: 'text', chineseName: '服务类型', englishName: 'Service type', recognize: true },
	{ key: 'hasCompanySeal', kind: 'flag', chineseName: '是否有公司印章', englishName: 'Whether the company seal is present', recognize: true },
	{ key: 'hasQrCode', kind: 'flag', chineseName: '二维码', englishName: 'Whether the invoice has a QR code; null when the answer has no mark', recognize: true },
	{ key: 'isIssuedOnBehalf', kind: 'flag', chineseName: '是否代开', englishName: "Whether issued on the seller's behalf by the tax office", recognize: true },
	{ key: 'isPurchaseInvoice', kind: 'flag', chineseName: '是否收购', englishName: 'Whether it is a purchase invoice', recognize: true },
	{ key: 'refinedOilMark', kind: 'text', chineseName: '成品油标志', englishName: 'Refined oil mark', recognize: true },
	{ key: 'tollMark', kind: 'text', chineseName: '通行费标志', englishName: 'Toll mark', recognize: true },
	{ key: 'vehicleVesselTax', kind: 'amount', chineseName: '车船税', englishName: 'Vehicle and vessel tax, in yuan', recognize: true },
	{ key: 'licensePlate', kind: 'text', chineseName: '车牌号', englishName: 'License plate (toll invoices)', recognize: true },
	{ key: 'tollVehicleType', kind: 'text', chineseName: '类型', englishName: 'Vehicle type (toll invoices)', recognize: true },
	{ key: 'tollDateFrom', kind: 'date', chineseName: '通行日期起', englishName: 'Toll period start', recognize: true },
	{ key: 'tollDateTo', kind: 'date', chineseName: '通行日期止', englishName: 'Toll period end', recognize: true },
	{ key: 'cipherArea', kind: 'text', chineseName: '密码区', englishName: 'Cipher area', recognize: true, ofd: 'TaxControlCode' },
	{ key: 'cipherArea1', kind: 'text', chineseName: '密码区1', englishName: 'Cipher area, line 1', recognize: true },
	{ key: 'cipherArea2', kind: 'text', chineseName: '密码区2', englishName: 'Cipher area, line 2', recognize: true },
	{ key: 'cipherArea3', kind: 'text', chineseName: '密码区3', englishName: 'Cipher area, line 3', recognize: true },
	{ key: 'cipherArea4', kind: 'text', chineseName: '密码区4', englishName: 'Cipher area, line 4', recognize: true },
	{ key: 'invoiceNumberCandidate', kind: 'identifier', chineseName: '发票号码备选', englishName: 'Alternative reading of the invoice number', recognize: true },
	{ key: 'checkCodeCandidate', kind: 'identifier', chineseName: '校验码备选', englishName: 'Alternative reading of the check code', recognize: true },
	{ key: 'checkCodeLastSixCandidate', kind: 'identifier', chineseName: '校验码后六位备选', englishName: "Alternative reading of the check code's last six digits", recognize: true },
	{ key: 'taxBureau', kind: 'text', chineseName: '所属税局', englishName: 'Tax bureau the invoice belongs to (Verify only)', recognize: false, verify: 'TaxBureau' },
] as const satisfies readonly InvoiceFieldMapping[];

type InvoiceFieldEntry = (typeof INVOICE_FIELDS)[number];

/** Every key of the table, typed by its normalizer: `null` when the answer did not hold it. */
export type InvoiceFields = { [Field in InvoiceFieldEntry as Field['key']]: ValueOfKind[Field['kind']] };

/** One invoice, whichever action read it. */
export type Invoice = InvoiceFields & {
	/** One English vocabulary for the kind of invoice, whatever the action answered; see invoiceKind.ts. */
	invoiceKind: InvoiceKind;
};

export interface LineItemFieldMapping {
	key: string;
	kind: FieldKind;
	chineseName: string;
	englishName: string;
	/** VatInvoiceOCR's and VatInvoiceVerifyNew's `Items[].<items>` (the same VatInvoiceItem). */
	items: StringKeys<VatInvoiceItem>;
	/** VerifyOfdVatInvoiceOCR's `GoodsInfos[].<ofd>`. */
	ofd?: StringKeys<VatInvoiceGoodsInfo>;
}

export const LINE_ITEM_FIELDS = [
	{ key: 'lineNo', kind: 'lineNumber', chineseName: '行号', englishName: "Line number as printed, an integer; null when not read (OFD: the line's position)", items: 'LineNo' },
	{ key: 'itemName', kind: 'text', chineseName: '名称', englishName: 'Name of the goods or service', items: 'Name', ofd: 'Item' },
	{ key: 'specification', kind: 'text', chineseName: '规格', englishName: 'Specification or model of the goods', items: 'Spec', ofd: 'Specification' },
	{ key: 'unitOfMeasure', kind: 'text', chineseName: '单位', englishName: 'Unit of measure, e.g. 件 or 千克', items: 'Unit', ofd: 'MeasurementDimension' },
	{ key: 'quantity', kind: 'amount', chineseName: '数量', englishName: 'Quantity, in the unit of measure', items: 'Quantity', ofd: 'Quantity' },
	{ key: 'unitPrice', kind: 'amount', chineseName: '单价', englishName: 'Price per unit of measure, in yuan, as printed', items: 'UnitPrice', ofd: 'Price' },
	{ key: 'amountBeforeTax', kind: 'amount', chineseName: '不含税金额', englishName: 'Line amount before tax, in yuan', items: 'AmountWithoutTax', ofd: 'Amount' },
	{ key: 'taxRate', kind: 'taxRate', chineseName: '税率', englishName: 'Tax rate as a fraction: 13 % is 0.13; null when exempt or not taxable', items: 'TaxRate', ofd: 'TaxScheme' },
	{ key: 'taxRateText', kind: 'text', chineseName: '税率', englishName: 'Tax rate as printed, e.g. 13% or 免税', items: 'TaxRate', ofd: 'TaxScheme' },
	{ key: 'taxAmount', kind: 'amount', chineseName: '税额', englishName: 'Line tax, in yuan', items: 'TaxAmount', ofd: 'TaxAmount' },
	{ key: 'taxClassifyCode', kind: 'text', chineseName: '税收分类编码', englishName: 'Tax classification code of the goods or service', items: 'TaxClassifyCode' },
	{ key: 'vehicleType', kind: 'text', chineseName: '运输工具类型', englishName: 'Type of the transport vehicle (freight invoices)', items: 'VehicleType' },
	{ key: 'vehiclePlateNumber', kind: 'text', chineseName: '运输工具牌号', englishName: 'Plate number of the transport vehicle (freight invoices)', items: 'VehicleBrand' },
	{ key: 'departurePlace', kind: 'text', chineseName: '起始地', englishName: 'Place of departure (freight invoices)', items: 'DeparturePlace' },
	{ key: 'arrivalPlace', kind: 'text', chineseName: '到达地', englishName: 'Place of arrival (freight invoices)', items: 'ArrivalPlace' },
	{ key: 'transportItemsName', kind: 'text', chineseName: '运输货物名称', englishName: 'Name of the goods transported (freight invoices)', items: 'TransportItemsName' },
	{ key: 'constructionPlace', kind: 'text', chineseName: '建筑服务发生地', englishName: 'Where the construction service took place (construction invoices)', items: 'ConstructionPlace' },
	{ key: 'constructionProjectName', kind: 'text', chineseName: '建筑项目名称', englishName: 'Name of the construction project (construction invoices)', items: 'ConstructionName' },
] as const satisfies readonly LineItemFieldMapping[];

type LineItemFieldEntry = (typeof LINE_ITEM_FIELDS)[number];

/** One line of an invoice, whichever action read it. */
export type LineItem = { [Field in LineItemFieldEntry as Field['key']]: ValueOfKind[Field['kind']] };

/** OCR and API versions vary between full-width and ASCII parentheses in names. */
export const canonicalFieldName = (chineseName: string) =>
	chineseName.trim().replace(/（/g, '(').replace(/）/g, ')');

/** The fields VatInvoiceOCR reads, by their canonical Chinese name. */
export const RECOGNIZED_FIELDS_BY_NAME: ReadonlyMap<string, InvoiceFieldEntry> = new Map(
	INVOICE_FIELDS.filter((mapping) => mapping.recognize).map((mapping) => [canonicalFieldName(mapping.chineseName), mapping]),
);
export * from './recordFields';
