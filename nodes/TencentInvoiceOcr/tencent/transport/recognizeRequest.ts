/** A file to read (as input/ gives it: bytes or a URL, and its format) → the request for one page of it. */
import type {
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
