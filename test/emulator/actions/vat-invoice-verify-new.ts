/** VatInvoiceVerifyNew (增值税发票核验(新版)): invoice fields in, the tax authority's record (or the verify hook) out. */
import { loadSampleRecognition, loadSampleVerification } from '../sample-response';
import type { ActionAnswer } from './action';
import { VERIFY_ERRORS, verifyError } from './verify-errors';
import { chinaDate, readVerifyParams, type VerifyRequest } from './verify-new-params';

/** Returns the Response body (RequestId is always set by the emulator); may throw a TencentApiError, e.g. verifyError(VERIFY_ERRORS.notFound). */
export type VerifyHook = (request: VerifyRequest) => object | Promise<object>;

/**
 * The documented sample with Invoice.Number, Code and Date taken from the request (Date as YYYYMMDD, the
 * form the page's earlier sample shows), and any `invoice` fields over it, e.g. { IsAbandoned: 'Y' }.
 */
export function sampleVerifyAnswer(request: VerifyRequest, invoice: Record<string, unknown> = {}): Record<string, unknown> {
	const sample = loadSampleVerification();
	return {
		...sample,
		Invoice: {
			...(sample.Invoice as Record<string, unknown>),
			Number: request.invoiceNo,
			Code: request.invoiceCode ?? '',
			Date: request.invoiceDate.replaceAll('-', ''),
			...invoice,
		},
	};
}

/** A value of the VatInvoiceOCR sample by its Chinese name, without `No` and `¥`. */
function recognitionSampleValue(chineseName: string): string {
	const infos = loadSampleRecognition().VatInvoiceInfos as Array<{ Name: string; Value: string }>;
	return (infos.find((info) => info.Name === chineseName)?.Value ?? '').replace(/^No|^¥/, '');
}

/**
 * The VatInvoiceOCR sample's invoice (增值税电子普通发票, Type 10) as the tax authority would know it:
 * its code, number, parties, amounts and line, not voided (IsAbandoned N), not red; the date as
 * asked. The amount and check code are compared with the request, as the tax authority does.
 */
export function recognitionSampleVerifyAnswer(request: VerifyRequest): Record<string, unknown> {
	const invoice = {
		Type: '10',
		ElectronicType: '',
		Code: recognitionSampleValue('发票代码'),
		Number: recognitionSampleValue('发票号码'),
		Date: request.invoiceDate.replaceAll('-', ''),
		CheckCode: recognitionSampleValue('校验码'),
		MachineNo: recognitionSampleValue('机器编号'),
		BuyerName: recognitionSampleValue('购买方名称'),
		BuyerTaxCode: recognitionSampleValue('购买方识别号'),
		SellerName: recognitionSampleValue('销售方名称'),
		SellerTaxCode: recognitionSampleValue('销售方识别号'),
		SellerAddressPhone: recognitionSampleValue('销售方地址、电话'),
		SellerBankAccount: recognitionSampleValue('销售方开户行及账号'),
		AmountWithoutTax: recognitionSampleValue('合计金额'),
		TaxAmount: recognitionSampleValue('合计税额'),
		AmountWithTax: recognitionSampleValue('小写金额'),
		Items: loadSampleRecognition().Items,
		IsAbandoned: 'N',
		RedLetterInvoiceMark: false,
	};
	const amountDiffers = request.amount !== undefined && Number(request.amount) !== Number(invoice.AmountWithoutTax);
	const checkCodeDiffers = request.checkCode !== undefined && !invoice.CheckCode.endsWith(request.checkCode);
	if (amountDiffers || checkCodeDiffers) throw verifyError(VERIFY_ERRORS.mismatch);
	const { Invoice: _documentedInvoice, ...sample } = loadSampleVerification();
	return { ...sample, Invoice: invoice };
}

/** The emulator's default: the VatInvoiceOCR sample's invoice when asked for it, else the documented sample. */
export function defaultVerifyAnswer(request: VerifyRequest): Record<string, unknown> {
	const isRecognitionSample =
		request.invoiceNo === recognitionSampleValue('发票号码') && request.invoiceCode === recognitionSampleValue('发票代码');
	return isRecognitionSample ? recognitionSampleVerifyAnswer(request) : sampleVerifyAnswer(request);
}

export function vatInvoiceVerifyNewAction(verify: VerifyHook, nowMs: () => number): ActionAnswer {
	return async (body, context) => {
		const request = readVerifyParams(body, chinaDate(nowMs()));
		context.throwInjectedFault();
		return verify(request);
	};
}
