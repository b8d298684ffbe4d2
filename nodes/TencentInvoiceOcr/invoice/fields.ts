/**
 * The one invoice model: for every output key, where each action's answer holds it (Recognize:
 * VatInvoiceOCR's `VatInvoiceInfos` by Chinese name; Verify: VatInvoiceVerifyNew's `Invoice.<Field>`;
 * OFD: VerifyOfdVatInvoiceOCR's field), how it is normalized, and its Chinese and English name.
 * The `Invoice` and `LineItem` types are derived from these tables. The README's tables follow them.
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
export type FieldKind = 'text' | 'identifier' | 'amount' | 'date' | 'flag' | 'taxRate';

interface ValueOfKind {
	text: string | null;
	identifier: string | null;
	amount: number | null;
	date: string | null;
	flag: boolean | null;
	taxRate: number | null;
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
	{ key: 'title', kind: 'text', chineseName: '发票名称', englishName: 'Invoice title', recognize: true, ofd: 'InvoiceTitle' },
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
	{ key: 'totalAmount', kind: 'amount', chineseName: '合计金额', englishName: 'Total amount before tax', recognize: true, verify: 'AmountWithoutTax', ofd: 'TaxExclusiveTotalAmount' },
	{ key: 'totalTax', kind: 'amount', chineseName: '合计税额', englishName: 'Total tax', recognize: true, verify: 'TaxAmount', ofd: 'TaxTotalAmount' },
	{ key: 'totalWithTax', kind: 'amount', chineseName: '小写金额', englishName: 'Total including tax', recognize: true, verify: 'AmountWithTax', ofd: 'TaxInclusiveTotalAmount' },
	{ key: 'totalWithTaxInWords', kind: 'text', chineseName: '价税合计(大写)', englishName: 'Total including tax, in Chinese capital numerals', recognize: true },
	{ key: 'payee', kind: 'text', chineseName: '收款人', englishName: 'Payee', recognize: true, ofd: 'Payee' },
	{ key: 'reviewer', kind: 'text', chineseName: '复核', englishName: 'Reviewer', recognize: true, ofd: 'Checker' },
	{ key: 'issuer', kind: 'text', chineseName: '开票人', englishName: 'Issuer (drawer)', recognize: true, ofd: 'InvoiceClerk' },
	{ key: 'remarks', kind: 'text', chineseName: '备注', englishName: 'Remarks', recognize: true, verify: 'Remark', ofd: 'Note' },
	{ key: 'province', kind: 'text', chineseName: '省', englishName: 'Province', recognize: true },
	{ key: 'city', kind: 'text', chineseName: '市', englishName: 'City', recognize: true },
	{ key: 'copy', kind: 'text', chineseName: '联次', englishName: 'Copy (联次)', recognize: true },
	{ key: 'copyName', kind: 'text', chineseName: '联次名称', englishName: 'Copy name', recognize: true },
	{ key: 'consumptionType', kind: 'text', chineseName: '发票消费类型', englishName: 'Consumption type', recognize: true },
	{ key: 'serviceType', kind: 'text', chineseName: '服务类型', englishName: 'Service type', recognize: true },
	{ key: 'hasCompanySeal', kind: 'flag', chineseName: '是否有公司印章', englishName: 'Whether the company seal is present', recognize: true },
	{ key: 'qrCode', kind: 'text', chineseName: '二维码', englishName: 'QR code mark, as read', recognize: true },
	{ key: 'isIssuedOnBehalf', kind: 'flag', chineseName: '是否代开', englishName: "Whether issued on the seller's behalf by the tax office", recognize: true },
	{ key: 'isPurchaseInvoice', kind: 'flag', chineseName: '是否收购', englishName: 'Whether it is a purchase invoice', recognize: true },
	{ key: 'refinedOilMark', kind: 'text', chineseName: '成品油标志', englishName: 'Refined oil mark', recognize: true },
	{ key: 'tollMark', kind: 'text', chineseName: '通行费标志', englishName: 'Toll mark', recognize: true },
	{ key: 'vehicleVesselTax', kind: 'amount', chineseName: '车船税', englishName: 'Vehicle and vessel tax', recognize: true },
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
	/** VatInvoiceOCR's and VatInvoiceVerifyNew's `Items[].<items>` (the same VatInvoiceItem). */
	items: StringKeys<VatInvoiceItem>;
	/** VerifyOfdVatInvoiceOCR's `GoodsInfos[].<ofd>`. */
	ofd?: StringKeys<VatInvoiceGoodsInfo>;
}

export const LINE_ITEM_FIELDS = [
	{ key: 'lineNo', kind: 'amount', chineseName: '行号', items: 'LineNo' },
	{ key: 'name', kind: 'text', chineseName: '名称', items: 'Name', ofd: 'Item' },
	{ key: 'spec', kind: 'text', chineseName: '规格', items: 'Spec', ofd: 'Specification' },
	{ key: 'unit', kind: 'text', chineseName: '单位', items: 'Unit', ofd: 'MeasurementDimension' },
	{ key: 'quantity', kind: 'amount', chineseName: '数量', items: 'Quantity', ofd: 'Quantity' },
	{ key: 'unitPrice', kind: 'amount', chineseName: '单价', items: 'UnitPrice', ofd: 'Price' },
	{ key: 'amount', kind: 'amount', chineseName: '不含税金额', items: 'AmountWithoutTax', ofd: 'Amount' },
	{ key: 'taxRate', kind: 'taxRate', chineseName: '税率', items: 'TaxRate', ofd: 'TaxScheme' },
	{ key: 'taxRateText', kind: 'text', chineseName: '税率', items: 'TaxRate', ofd: 'TaxScheme' },
	{ key: 'taxAmount', kind: 'amount', chineseName: '税额', items: 'TaxAmount', ofd: 'TaxAmount' },
	{ key: 'taxClassifyCode', kind: 'text', chineseName: '税收分类编码', items: 'TaxClassifyCode' },
	{ key: 'vehicleType', kind: 'text', chineseName: '运输工具类型', items: 'VehicleType' },
	{ key: 'vehicleBrand', kind: 'text', chineseName: '运输工具牌号', items: 'VehicleBrand' },
	{ key: 'departurePlace', kind: 'text', chineseName: '起始地', items: 'DeparturePlace' },
	{ key: 'arrivalPlace', kind: 'text', chineseName: '到达地', items: 'ArrivalPlace' },
	{ key: 'transportItemsName', kind: 'text', chineseName: '运输货物名称', items: 'TransportItemsName' },
	{ key: 'constructionPlace', kind: 'text', chineseName: '建筑服务发生地', items: 'ConstructionPlace' },
	{ key: 'constructionName', kind: 'text', chineseName: '建筑项目名称', items: 'ConstructionName' },
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
