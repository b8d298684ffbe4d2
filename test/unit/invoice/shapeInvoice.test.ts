import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { readRecognizedInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { shapeInvoice as shapeReading } from '../../../nodes/TencentInvoiceOcr/invoice/shapeInvoice';

const fixturesFolder = join(__dirname, '..', '..', 'fixtures');
const readResponse = (path: string): VatInvoiceOCRResponse => {
	const body = JSON.parse(readFileSync(join(fixturesFolder, path), 'utf8'));
	return body.Response ?? body;
};
const sample = readResponse('vat-invoice-ocr-sample-response.json');
const imageOptions = { pdfPage: null, includePolygons: false };

/** A VatInvoiceOCR answer as the Recognize operation shapes it (imageRotationDegrees and request ID are the caller's). */
const shapeInvoice = (response: VatInvoiceOCRResponse, options: { pdfPage: number | null; includePolygons: boolean }) =>
	shapeReading(readRecognizedInvoice(response), {
		...options,
		pdfPageCount: options.pdfPage === null ? null : 3,
		imageRotationDegrees: 1.5,
		requestId: 'request-1',
	});

describe('shapeInvoice on the documented sample', () => {
	const { invoice, lineItems } = shapeInvoice(sample, imageOptions);

	it.each<[string, unknown]>([
		['recordType', 'invoice'],
		['invoiceType', '增值税电子普通发票'],
		['invoiceTitle', '天津增值税电子普通发票'],
		['invoiceCode', '012001100311'],
		['invoiceNumber', '63591128'],
		['issueDate', '2019-06-16'],
		['checkCode', '04656054380312409795'],
		['machineNumber', '499099606262'],
		['buyerName', '腾讯优图有限公司'],
		['buyerTaxId', '91440300MA55UJ6L44'],
		['buyerAddressPhone', null],
		['buyerBankAccount', null],
		['sellerName', '深圳腾讯游戏有限公司'],
		['sellerTaxId', '911201103409033300'],
		['sellerAddressPhone', '天津经济技术开发区南港工业区综合服务区办公楼'],
		['sellerBankAccount', '招商银行股份有限公司天津自由贸易试验区分行122905939910401'],
		['totalBeforeTax', 87.28],
		['totalTax', 2.62],
		['totalWithTax', 89.9],
		['totalWithTaxInWords', '捌拾玖圆玖角整'],
		['payeeClerk', '张强'],
		['reviewer', '静静'],
		['drawer', '丽丽'],
		['remarks', null],
		['issuingProvince', '天津市'],
		['issuingCity', null],
		['hasCompanySeal', false],
		['hasQrCode', false],
		['consumptionType', '服务'],
		['cipherArea1', '033-<<>7>616<-4+*-+4/5230604'],
		['lineItemCount', 1],
		['pdfPage', null],
		['pdfPageCount', null],
		['imageRotationDegrees', 1.5],
		['requestId', 'request-1'],
		['invoiceKind', 'electronicOrdinary'],
		['taxBureau', null],
		['needsReview', false],
		['reviewReasons', []],
		['dedupeKey', '012001100311-63591128'],
		['documentType', 'vatInvoice'],
	])('%s', (key, value) => {
		expect((invoice as unknown as Record<string, unknown>)[key]).toEqual(value);
	});

	it('has the documented keys, in this order, whatever was read', () => {
		const documentedKeys = [
			'recordType', 'documentType', 'invoiceType', 'invoiceKind', 'invoiceTitle', 'invoiceCode', 'invoiceNumber', 'printedInvoiceCode',
			'printedInvoiceNumber', 'issueDate', 'checkCode', 'machineNumber', 'buyerName', 'buyerTaxId', 'buyerAddressPhone',
			'buyerBankAccount', 'sellerName', 'sellerTaxId', 'sellerAddressPhone', 'sellerBankAccount', 'totalBeforeTax',
			'totalTax', 'totalWithTax', 'totalWithTaxInWords', 'payeeClerk', 'reviewer', 'drawer', 'remarks', 'issuingProvince', 'issuingCity',
			'invoiceCopy', 'invoiceCopyName', 'consumptionType', 'serviceType', 'hasCompanySeal', 'hasQrCode', 'isIssuedOnBehalf',
			'isPurchaseInvoice', 'refinedOilMark', 'tollMark', 'vehicleVesselTax', 'licensePlate', 'tollVehicleType',
			'tollDateFrom', 'tollDateTo', 'cipherArea', 'cipherArea1', 'cipherArea2', 'cipherArea3', 'cipherArea4',
			'invoiceNumberCandidate', 'checkCodeCandidate', 'checkCodeLastSixCandidate', 'taxBureau', 'lineItemCount',
			'pdfPage', 'pdfPageCount', 'imageRotationDegrees', 'requestId', 'needsReview', 'reviewReasons', 'dedupeKey', 'fields',
		];
		expect(Object.keys(invoice)).toEqual(documentedKeys);
		expect(Object.keys(shapeInvoice({ VatInvoiceInfos: [], Items: [] }, imageOptions).invoice)).toEqual(documentedKeys);
	});

	it('keeps every field as read, under its Chinese name', () => {
		expect(Object.keys(invoice.fields)).toHaveLength(sample.VatInvoiceInfos!.length);
		expect(invoice.fields['发票号码']).toBe('No63591128');
		expect(invoice.fields['小写金额']).toBe('¥89.90');
		expect(invoice.fields['通行日期止']).toBe('');
	});

	it('leaves polygons out unless asked', () => {
		expect(invoice).not.toHaveProperty('polygons');
		const withPolygons = shapeInvoice(sample, { pdfPage: null, includePolygons: true }).invoice;
		expect(withPolygons.polygons?.['发票号码']).toEqual(sample.VatInvoiceInfos!.find((info) => info.Name === '发票号码')!.Polygon);
		expect(withPolygons.polygons?.['市']).toBeNull();
	});

	it('shapes the line item with numbers and the tax rate as a fraction', () => {
		expect(lineItems).toEqual([
			{
				lineNo: 1,
				itemName: '客运服务费',
				specification: '无',
				unitOfMeasure: '次',
				quantity: 1,
				unitPrice: 87.28,
				amountBeforeTax: 87.28,
				taxRate: 0.03,
				taxRateText: '3%',
				taxAmount: 2.62,
				taxClassifyCode: null,
				vehicleType: null,
				vehiclePlateNumber: null,
				departurePlace: null,
				arrivalPlace: null,
				transportItemsName: null,
				constructionPlace: null,
				constructionProjectName: null,
			},
		]);
	});
});

describe('shapeInvoice on the project’s own responses', () => {
	it('a fully digital invoice with mixed rates, exempt included', () => {
		const { invoice, lineItems } = shapeInvoice(readResponse('responses/fully-digital-mixed-rates.json'), {
			pdfPage: 2,
			includePolygons: false,
		});
		expect(invoice).toMatchObject({
			invoiceCode: null,
			invoiceNumber: '24442000000012345678',
			dedupeKey: '24442000000012345678',
			issueDate: '2024-03-05',
			totalBeforeTax: 11984.12,
			totalTax: 820.88,
			totalWithTax: 12805,
			hasQrCode: true,
			pdfPage: 2,
			needsReview: false,
		});
		expect(lineItems.map((line) => [line.taxRate, line.taxRateText, line.taxAmount])).toEqual([
			[0.06, '6%', 600],
			[0.13, '13%', 220.88],
			[null, '免税', null],
		]);
		expect(lineItems[1].unitPrice).toBe(84.955752);
	});

	it('a red-letter invoice stays negative', () => {
		const { invoice, lineItems } = shapeInvoice(readResponse('responses/red-letter.json'), imageOptions);
		expect(invoice).toMatchObject({
			invoiceNumber: '02468135',
			totalBeforeTax: -1000,
			totalTax: -130,
			totalWithTax: -1130,
			issueDate: '2023-12-01',
			needsReview: false,
		});
		expect(lineItems[0]).toMatchObject({ quantity: -2, amountBeforeTax: -1000, taxAmount: -130 });
	});

	it('totals that disagree are flagged with each reason', () => {
		const { invoice } = shapeInvoice(readResponse('responses/totals-disagree.json'), imageOptions);
		expect(invoice.needsReview).toBe(true);
		expect(invoice.reviewReasons).toEqual([
			'Line amounts before tax add up to 300.00, not the total before tax 310.00',
			'The amount in words (348.00) differs from the total including tax (349.00)',
		]);
		expect(invoice.checkCode).toBe('12345678901234567890');
	});

	it('an invoice without line items skips the line checks', () => {
		const { invoice, lineItems } = shapeInvoice(readResponse('responses/no-line-items.json'), imageOptions);
		expect(lineItems).toEqual([]);
		expect(invoice).toMatchObject({
			lineItemCount: 0,
			issueDate: '2022-06-01',
			tollDateFrom: '2022-05-30',
			licensePlate: '粤B12345',
			needsReview: false,
		});
	});

	it('a field name the mapping does not know, and a repeated name, are kept', () => {
		const { invoice } = shapeInvoice(readResponse('responses/unknown-field.json'), imageOptions);
		expect(invoice.fields['销售方电子邮箱']).toBe('finance@yunfan.example.cn');
		expect(invoice.fields['发票号码']).toBe('No00012345');
		expect(invoice.fields['发票号码 (2)']).toBe('No00012346');
		expect(invoice.invoiceNumber).toBe('00012345');
		expect(invoice.issueDate).toBe('2024-02-29');
	});
});
