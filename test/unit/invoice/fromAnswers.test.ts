/** The three actions' answers through the one field table: the same keys, normalized the same way. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	VatInvoiceVerifyNewResponse,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import {
	readOfdInvoice,
	readRecognizedInvoice,
	readVerifiedInvoice,
} from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';

const fixture = <T>(name: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8')).Response as T;
const ofdSample = fixture<VerifyOfdVatInvoiceOCRResponse>('verify-ofd-vat-invoice-ocr-sample-response.json');
const verifySample = fixture<VatInvoiceVerifyNewResponse>('vat-invoice-verify-new-sample-response.json');

describe('readOfdInvoice: VerifyOfdVatInvoiceOCR’s documented sample', () => {
	const { invoice, lineItems, fields } = readOfdInvoice(ofdSample);

	it('maps each OFD field to its key, normalized', () => {
		expect(invoice).toMatchObject({
			invoiceType: '026',
			invoiceKind: 'electronicOrdinary',
			invoiceTitle: null,
			invoiceCode: '0***11',
			invoiceNumber: '62***8',
			issueDate: '2020-06-18',
			checkCode: '1780***699',
			machineNumber: '016****903',
			cipherArea: '00228*****2274',
			buyerName: '科*****限公司',
			buyerTaxId: '915****002',
			buyerAddressPhone: '北京*****嘉园北门',
			buyerBankAccount: '北京****11',
			sellerName: '深圳*****有限公司',
			sellerTaxId: '915****8Y',
			sellerAddressPhone: '北京****号',
			sellerBankAccount: '建设*****711',
			totalBeforeTax: -300,
			totalTax: -18,
			totalWithTax: -318,
			drawer: '任**',
			payeeClerk: '张***',
			reviewer: '张***',
			remarks: '对应正*****436',
			totalWithTaxInWords: null,
			taxBureau: null,
		});
	});

	it('keeps what it answered under the Chinese names', () => {
		expect(fields).toMatchObject({ 发票类型: '026', 开票日期: '2020年06月18日', 小写金额: '-318.00', 购买方名称: '科*****限公司' });
		expect(fields).not.toHaveProperty('发票名称');
	});

	it('turns goods into line items numbered from 1, red amounts negative', () => {
		expect(lineItems.map((line) => line.lineNo)).toEqual([1, 2, 3]);
		expect(lineItems[0]).toEqual({
			lineNo: 1,
			itemName: '*餐饮服务*餐费',
			specification: null,
			unitOfMeasure: '次',
			quantity: -4,
			unitPrice: 25,
			amountBeforeTax: -100,
			taxRate: 0.06,
			taxRateText: '6%',
			taxAmount: -6,
			taxClassifyCode: null,
			vehicleType: null,
			vehiclePlateNumber: null,
			departurePlace: null,
			arrivalPlace: null,
			transportItemsName: null,
			constructionPlace: null,
			constructionProjectName: null,
		});
	});
});

describe('readVerifiedInvoice: VatInvoiceVerifyNew’s documented sample', () => {
	it('maps Invoice.<Field> to the same keys, the kind from Type', () => {
		const { invoice, lineItems, fields } = readVerifiedInvoice({
			...verifySample.Invoice,
			Date: '20240305',
			Items: [{ LineNo: '1', Name: '餐费', Spec: '', Unit: '次', Quantity: '1', UnitPrice: '470.66', AmountWithoutTax: '470.66', TaxRate: '6%', TaxAmount: '28.24', TaxClassifyCode: '' }],
		});
		expect(invoice).toMatchObject({
			invoiceType: '102',
			invoiceKind: 'other',
			invoiceCode: '144002288010',
			invoiceNumber: '04138864',
			issueDate: '2024-03-05',
			sellerName: '广州市天河区员美丽美食店',
			sellerTaxId: null,
			totalBeforeTax: 0,
			totalTax: 0,
			totalWithTax: 498.9,
			invoiceTitle: null,
			taxBureau: null,
		});
		expect(lineItems).toEqual([expect.objectContaining({ lineNo: 1, itemName: '餐费', amountBeforeTax: 470.66, taxRate: 0.06 })]);
		expect(fields).toEqual({});
	});

	it.each<[string, string, string]>([
		['10', '', 'electronicOrdinary'],
		['09', '01', 'digitalSpecial'],
		['01', '', 'special'],
	])('Type %s, ElectronicType %p → %s', (Type, ElectronicType, kind) => {
		expect(readVerifiedInvoice({ ...verifySample.Invoice, Type, ElectronicType }).invoice.invoiceKind).toBe(kind);
	});
});

describe('the same invoice from Recognize, Verify and OFD', () => {
	it('has the same identity, totals and kind', () => {
		const identity = { invoiceCode: '012001100311', invoiceNumber: '63591128', issueDate: '2024-03-05', totalBeforeTax: 87.28, totalTax: 2.62, totalWithTax: 89.9, invoiceKind: 'electronicOrdinary' };
		const recognized = readRecognizedInvoice({
			VatInvoiceInfos: [
				{ Name: '发票类型', Value: '增值税电子普通发票' },
				{ Name: '发票代码', Value: '012001100311' },
				{ Name: '发票号码', Value: 'No63591128' },
				{ Name: '开票日期', Value: '2024年03月05日' },
				{ Name: '合计金额', Value: '¥87.28' },
				{ Name: '合计税额', Value: '2.62' },
				{ Name: '小写金额', Value: '¥89.90' },
			],
		});
		const verified = readVerifiedInvoice({ Type: '10', Code: '012001100311', Number: '63591128', Date: '20240305', AmountWithoutTax: '87.28', TaxAmount: '2.62', AmountWithTax: '89.90' });
		const ofd = readOfdInvoice({ Type: '026', InvoiceCode: '012001100311', InvoiceNumber: '63591128', IssueDate: '2024年03月05日', TaxExclusiveTotalAmount: '87.28', TaxTotalAmount: '2.62', TaxInclusiveTotalAmount: '89.90' });
		for (const reading of [recognized, verified, ofd]) expect(reading.invoice).toMatchObject(identity);
	});
});
