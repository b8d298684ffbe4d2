/**
 * How each field VatInvoiceOCR returns (by its Chinese name, in `VatInvoiceInfos`) becomes a key
 * of the invoice item. The README's field table is checked against this list.
 */
export type FieldKind = 'text' | 'identifier' | 'amount' | 'date' | 'flag';

export interface InvoiceFieldMapping {
	chineseName: string;
	key: string;
	kind: FieldKind;
	/** What the field is, for the README. */
	englishName: string;
}

const field = (chineseName: string, key: string, kind: FieldKind, englishName: string): InvoiceFieldMapping => ({
	chineseName,
	key,
	kind,
	englishName,
});

export const INVOICE_FIELDS: readonly InvoiceFieldMapping[] = [
	field('发票类型', 'invoiceType', 'text', 'Invoice type'),
	field('发票名称', 'title', 'text', 'Invoice title'),
	field('发票代码', 'invoiceCode', 'identifier', 'Invoice code (none on fully digital invoices)'),
	field('发票号码', 'invoiceNumber', 'identifier', 'Invoice number, leading "No" removed'),
	field('打印发票代码', 'printedInvoiceCode', 'identifier', 'Printed invoice code'),
	field('打印发票号码', 'printedInvoiceNumber', 'identifier', 'Printed invoice number'),
	field('开票日期', 'issueDate', 'date', 'Issue date'),
	field('校验码', 'checkCode', 'identifier', 'Check code'),
	field('机器编号', 'machineNumber', 'identifier', 'Machine number'),
	field('购买方名称', 'buyerName', 'text', 'Buyer name'),
	field('购买方识别号', 'buyerTaxId', 'identifier', 'Buyer taxpayer ID'),
	field('购买方地址、电话', 'buyerAddressPhone', 'text', 'Buyer address and phone'),
	field('购买方开户行及账号', 'buyerBankAccount', 'text', 'Buyer bank and account'),
	field('销售方名称', 'sellerName', 'text', 'Seller name'),
	field('销售方识别号', 'sellerTaxId', 'identifier', 'Seller taxpayer ID'),
	field('销售方地址、电话', 'sellerAddressPhone', 'text', 'Seller address and phone'),
	field('销售方开户行及账号', 'sellerBankAccount', 'text', 'Seller bank and account'),
	field('合计金额', 'totalAmount', 'amount', 'Total amount before tax'),
	field('合计税额', 'totalTax', 'amount', 'Total tax'),
	field('小写金额', 'totalWithTax', 'amount', 'Total including tax'),
	field('价税合计(大写)', 'totalWithTaxInWords', 'text', 'Total including tax, in Chinese capital numerals'),
	field('收款人', 'payee', 'text', 'Payee'),
	field('复核', 'reviewer', 'text', 'Reviewer'),
	field('开票人', 'issuer', 'text', 'Issuer (drawer)'),
	field('备注', 'remarks', 'text', 'Remarks'),
	field('省', 'province', 'text', 'Province'),
	field('市', 'city', 'text', 'City'),
	field('联次', 'copy', 'text', 'Copy (联次)'),
	field('联次名称', 'copyName', 'text', 'Copy name'),
	field('发票消费类型', 'consumptionType', 'text', 'Consumption type'),
	field('服务类型', 'serviceType', 'text', 'Service type'),
	field('是否有公司印章', 'hasCompanySeal', 'flag', 'Whether the company seal is present'),
	field('二维码', 'qrCode', 'text', 'QR code mark, as read'),
	field('是否代开', 'isIssuedOnBehalf', 'flag', 'Whether issued on the seller\'s behalf by the tax office'),
	field('是否收购', 'isPurchaseInvoice', 'flag', 'Whether it is a purchase invoice'),
	field('成品油标志', 'refinedOilMark', 'text', 'Refined oil mark'),
	field('通行费标志', 'tollMark', 'text', 'Toll mark'),
	field('车船税', 'vehicleVesselTax', 'amount', 'Vehicle and vessel tax'),
	field('车牌号', 'licensePlate', 'text', 'License plate (toll invoices)'),
	field('类型', 'tollVehicleType', 'text', 'Vehicle type (toll invoices)'),
	field('通行日期起', 'tollDateFrom', 'date', 'Toll period start'),
	field('通行日期止', 'tollDateTo', 'date', 'Toll period end'),
	field('密码区', 'cipherArea', 'text', 'Cipher area'),
	field('密码区1', 'cipherArea1', 'text', 'Cipher area, line 1'),
	field('密码区2', 'cipherArea2', 'text', 'Cipher area, line 2'),
	field('密码区3', 'cipherArea3', 'text', 'Cipher area, line 3'),
	field('密码区4', 'cipherArea4', 'text', 'Cipher area, line 4'),
	field('发票号码备选', 'invoiceNumberCandidate', 'identifier', 'Alternative reading of the invoice number'),
	field('校验码备选', 'checkCodeCandidate', 'identifier', 'Alternative reading of the check code'),
	field('校验码后六位备选', 'checkCodeLastSixCandidate', 'identifier', 'Alternative reading of the check code\'s last six digits'),
];

/**
 * The first line's goods, quantities and tax also stand in VatInvoiceInfos; the line items
 * come from `Items` instead, so these names are kept in `fields` only.
 */
export const LINE_FIELD_NAMES_IN_INVOICE_INFOS = [
	'货物或应税劳务、服务名称',
	'规格型号',
	'单位',
	'数量',
	'单价',
	'金额',
	'税率',
	'税额',
];

/** OCR and API versions vary between full-width and ASCII parentheses in names. */
export const canonicalFieldName = (chineseName: string) =>
	chineseName.trim().replace(/（/g, '(').replace(/）/g, ')');

export const INVOICE_FIELDS_BY_NAME: ReadonlyMap<string, InvoiceFieldMapping> = new Map(
	INVOICE_FIELDS.map((mapping) => [canonicalFieldName(mapping.chineseName), mapping]),
);
