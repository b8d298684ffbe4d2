/** The emulator's default invoice (its recognition sample, dated a few days ago) as Verify's parameters: the tax authority knows it, valid. */
import { loadRecentSampleRecognition } from '../emulator';

export type InvoiceToVerify = {
	invoiceNumber: string;
	/** YYYY-MM-DD */
	issueDate: string;
	invoiceCode: string;
	checkCode: string;
	amountBeforeTax: string;
	totalWithTax: string;
};

export function sampleInvoiceToVerify(nowMs: number = Date.now()): InvoiceToVerify {
	const infos = loadRecentSampleRecognition(nowMs).VatInvoiceInfos as Array<{ Name: string; Value: string }>;
	const value = (name: string) => infos.find((info) => info.Name === name)?.Value ?? '';
	const [, year, month, day] = /(\d{4})年(\d{2})月(\d{2})日/.exec(value('开票日期')) ?? [];
	return {
		invoiceNumber: value('发票号码').replace(/^No/, ''),
		issueDate: `${year}-${month}-${day}`,
		invoiceCode: value('发票代码'),
		// An electronic ordinary invoice of this kind is verified by its amount; the check code may stay empty.
		checkCode: '',
		amountBeforeTax: value('合计金额').replace(/^¥/, ''),
		totalWithTax: '',
	};
}
