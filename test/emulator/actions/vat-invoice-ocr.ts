/** VatInvoiceOCR (增值税发票识别): an image or PDF in, the documented sample (or the recognize hook) out. */
import { inspectFile, loadFileBytes, type DownloadLimits } from '../image-input';
import { readVatInvoiceParams } from '../vat-invoice-params';
import type { ActionAnswer } from './action';

export interface RecognizeInput {
	fileBytes: Buffer;
	isPdf: boolean;
	/** 0 for images. */
	pdfPageNumber: number;
	/** 0 for images. */
	pdfPageCount: number;
}

/** Returns the Response body (RequestId is always set by the emulator); may throw a TencentApiError. */
export type RecognizeHook = (input: RecognizeInput) => object | Promise<object>;

export function vatInvoiceOcrAction(limits: DownloadLimits, recognize: RecognizeHook): ActionAnswer {
	return async (body, context) => {
		const params = readVatInvoiceParams(body);
		const fileBytes = await loadFileBytes(params, limits);
		const file = inspectFile(fileBytes, params, context.claimedPdfPageCount);
		context.throwInjectedFault(file.pdfPageNumber);
		const recognition = await recognize({ fileBytes, ...file });
		return { PdfPageSize: file.pdfPageCount, ...recognition };
	};
}
