/** A file to read (as input/ gives it: bytes or a URL, and its format) → the request for one page of it (or, for RecognizeGeneralInvoice, its first pages together). */
import type {
	RecognizeGeneralInvoiceRequest,
	VatInvoiceOCRRequest,
	VerifyOfdVatInvoiceOCRRequest,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { FileContent, type WithFileContent } from './requestBody';

/** The file to read, in no action's terms. */
export type FileToRead =
	| { format: 'pdf' | 'image' | 'ofd'; fileBytes: Buffer }
	| { format: 'pdfOrImage' | 'ofd'; fileUrl: string };

/**
 * VatInvoiceOCR's request for one page; an image ignores the page, since PdfPageNumber only applies
 * to PDFs, and a URL asks for IsPdf so that the API takes images and PDFs alike.
 */
export function imageRequestOf(file: FileToRead, pageNumber: number): WithFileContent<VatInvoiceOCRRequest> {
	if ('fileUrl' in file) return { ImageUrl: file.fileUrl, IsPdf: true, PdfPageNumber: pageNumber };
	const content = new FileContent(file.fileBytes);
	return file.format === 'pdf' ? { ImageBase64: content, IsPdf: true, PdfPageNumber: pageNumber } : { ImageBase64: content, IsPdf: false };
}

/** VerifyOfdVatInvoiceOCR's request for one page of an OFD file. */
export function ofdRequestOf(file: FileToRead, pageNumber: number): WithFileContent<VerifyOfdVatInvoiceOCRRequest> {
	return 'fileUrl' in file
		? { OfdFileUrl: file.fileUrl, OfdPageNumber: pageNumber }
		: { OfdFileBase64: new FileContent(file.fileBytes), OfdPageNumber: pageNumber };
}

/** Which pages one RecognizeGeneralInvoice call reads: pages 1..N together (EnableMultiplePage), or one page. */
export type GeneralInvoicePages = { firstPagesTogether: true } | { page: number };

/**
 * RecognizeGeneralInvoice's request for one call. EnableMultiplePage reads pages 1..min(30, count) whatever else
 * is asked, so it is sent only for a call planned to read exactly those; every other call of a file that may be a
 * PDF names its page. An OFD goes as an image does (Tencent reads its first page).
 */
export function generalInvoiceRequestOf(
	file: FileToRead,
	pages: GeneralInvoicePages,
	{ forcedType, includePolygons }: { forcedType?: number; includePolygons: boolean },
): WithFileContent<RecognizeGeneralInvoiceRequest> {
	const mayBePdf = file.format === 'pdf' || file.format === 'pdfOrImage';
	const pageParameters = !mayBePdf ? {} : 'page' in pages ? { PdfPageNumber: pages.page } : { EnableMultiplePage: true };
	return {
		...('fileUrl' in file ? { ImageUrl: file.fileUrl } : { ImageBase64: new FileContent(file.fileBytes) }),
		...pageParameters,
		...(forcedType === undefined ? {} : { Types: [forcedType] }),
		...(includePolygons ? { EnableItemPolygon: true } : {}),
	};
}
