import type {
	VatInvoiceItem,
	VatInvoiceOCRResponse,
	VatInvoiceUserInfo,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

/**
 * VerifyOfdVatInvoiceOCR answers in its own structure. Restated as VatInvoiceOCR's fields (by
 * their Chinese names) and items, an OFD invoice goes through the same mapping, normalization
 * and self-check as a scanned one, so the rest of a flow does not care which format came in.
 */
export function ofdAsVatInvoiceResponse(ofd: VerifyOfdVatInvoiceOCRResponse): VatInvoiceOCRResponse {
	const party = (prefix: '购买方' | '销售方', info: VatInvoiceUserInfo | undefined): Array<[string, string | undefined]> => [
		[`${prefix}名称`, info?.Name],
		[`${prefix}识别号`, info?.TaxId],
		[`${prefix}地址、电话`, info?.AddrTel],
		[`${prefix}开户行及账号`, info?.FinancialAccount],
	];
	const fields: Array<[string, string | undefined]> = [
		['发票类型', ofd.Type],
		['发票名称', ofd.InvoiceTitle],
		['发票代码', ofd.InvoiceCode],
		['发票号码', ofd.InvoiceNumber],
		['开票日期', ofd.IssueDate],
		['校验码', ofd.InvoiceCheckCode],
		['机器编号', ofd.MachineNumber],
		['密码区', ofd.TaxControlCode],
		...party('购买方', ofd.Buyer),
		...party('销售方', ofd.Seller),
		['合计金额', ofd.TaxExclusiveTotalAmount],
		['合计税额', ofd.TaxTotalAmount],
		['小写金额', ofd.TaxInclusiveTotalAmount],
		['开票人', ofd.InvoiceClerk],
		['收款人', ofd.Payee],
		['复核', ofd.Checker],
		['备注', ofd.Note],
	];
	const items: VatInvoiceItem[] = (ofd.GoodsInfos ?? []).map((goods, index) => ({
		LineNo: String(index + 1),
		Name: goods.Item,
		Spec: goods.Specification,
		Unit: goods.MeasurementDimension,
		Quantity: goods.Quantity,
		UnitPrice: goods.Price,
		AmountWithoutTax: goods.Amount,
		TaxRate: goods.TaxScheme,
		TaxAmount: goods.TaxAmount,
		TaxClassifyCode: '',
	}));
	return {
		VatInvoiceInfos: fields
			.filter((field): field is [string, string] => field[1] !== undefined && field[1] !== null)
			.map(([Name, Value]) => ({ Name, Value })),
		Items: items,
		// An OFD answer names no page count: the file is read as one document.
		PdfPageSize: 0,
		RequestId: ofd.RequestId,
	};
}
