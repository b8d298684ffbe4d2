/** The RecognizeGeneralInvoice request for one call: the file, which pages, the forced type, field polygons. */
import type { RecognizeGeneralInvoiceRequest } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import type { FileContent, WithFileContent } from './requestBody';

export interface GeneralInvoiceCall {
	file: { ImageBase64: FileContent } | { ImageUrl: string };
	/** Whether the file may be a PDF (a URL's content is not seen before the call): only then are pages named. */
	mayBePdf: boolean;
	/** Pages 1..N in one request (EnableMultiplePage), or one page. */
	pages: { firstPagesTogether: true } | { page: number };
	/** The `Types` code that makes Tencent read every document as one kind. */
	forcedType?: number;
	includePolygons: boolean;
}

/**
 * EnableMultiplePage reads pages 1..min(30, count) whatever else is asked, so it is sent only for a call planned
 * to read exactly those; every other call names its page (PdfPageNumber, which Tencent ignores for an image).
 */
export function generalInvoiceRequest(call: GeneralInvoiceCall): WithFileContent<RecognizeGeneralInvoiceRequest> {
	const pages = !call.mayBePdf ? {} : 'page' in call.pages ? { PdfPageNumber: call.pages.page } : { EnableMultiplePage: true };
	return {
		...call.file,
		...pages,
		...(call.forcedType === undefined ? {} : { Types: [call.forcedType] }),
		...(call.includePolygons ? { EnableItemPolygon: true } : {}),
	};
}
