import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyOfdVatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { ofdAsVatInvoiceResponse } from '../../../nodes/TencentInvoiceOcr/invoice/fromOfd';
import { shapeInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';

const ofdSample = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'fixtures', 'verify-ofd-vat-invoice-ocr-sample-response.json'), 'utf8'),
).Response as VerifyOfdVatInvoiceOCRResponse;

describe('an OFD answer, restated in VatInvoiceOCR terms', () => {
	const restated = ofdAsVatInvoiceResponse(ofdSample);
	const valueOf = (chineseName: string) => restated.VatInvoiceInfos?.find((info) => info.Name === chineseName)?.Value;

	it.each([
		['发票类型', ofdSample.Type],
		['发票代码', ofdSample.InvoiceCode],
		['发票号码', ofdSample.InvoiceNumber],
		['开票日期', ofdSample.IssueDate],
		['校验码', ofdSample.InvoiceCheckCode],
		['购买方名称', ofdSample.Buyer?.Name],
		['销售方识别号', ofdSample.Seller?.TaxId],
		['合计金额', ofdSample.TaxExclusiveTotalAmount],
		['合计税额', ofdSample.TaxTotalAmount],
		['小写金额', ofdSample.TaxInclusiveTotalAmount],
		['开票人', ofdSample.InvoiceClerk],
		['复核', ofdSample.Checker],
		['备注', ofdSample.Note],
	])('%s comes from the OFD answer', (chineseName, value) => {
		expect(value).toBeDefined();
		expect(valueOf(chineseName)).toBe(value);
	});

	it('turns goods into line items, numbered', () => {
		expect(restated.Items?.[0]).toMatchObject({
			LineNo: '1',
			Name: '*餐饮服务*餐费',
			Unit: '次',
			Quantity: '-4',
			UnitPrice: '25',
			AmountWithoutTax: '-100.00',
			TaxRate: '6%',
			TaxAmount: '-6.00',
		});
		expect(restated.Items).toHaveLength(ofdSample.GoodsInfos!.length);
		expect(restated.RequestId).toBe(ofdSample.RequestId);
	});

	it('gives the same invoice record a scan would: normalised and self-checked', () => {
		const { invoice, lineItems } = shapeInvoice(restated, { pdfPage: null, includePolygons: false });
		expect(invoice).toMatchObject({
			issueDate: '2020-06-18',
			totalAmount: -300,
			totalTax: -18,
			totalWithTax: -318,
			lineItemCount: ofdSample.GoodsInfos!.length,
		});
		expect(lineItems[0]).toMatchObject({ quantity: -4, amount: -100, taxRate: 0.06, taxAmount: -6 });
	});
});
