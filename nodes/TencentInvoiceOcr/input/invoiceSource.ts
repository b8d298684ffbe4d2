import type {
	VatInvoiceOCRRequest,
	VerifyOfdVatInvoiceOCRRequest,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { detectFileType, isInvoiceFileType } from './fileType';
import { InputError } from '../errors';

/** VatInvoiceOCR takes at most 10 MB of base64 (the current API definition; an older doc page says 7 MB). */
export const MAX_IMAGE_BASE64_LENGTH = 10 * 1024 * 1024;

/** What Tencent is asked to read, minus the page: the same source serves every page of a PDF. */
export type ImageSource = { ImageBase64: string; IsPdf: boolean } | { ImageUrl: string; IsPdf: true };
/** OFD invoices go to another action, VerifyOfdVatInvoiceOCR. */
export type OfdSource = { OfdFileBase64: string } | { OfdFileUrl: string };
export type InvoiceSource = ImageSource | OfdSource;

export const isOfdSource = (source: InvoiceSource): source is OfdSource =>
	'OfdFileBase64' in source || 'OfdFileUrl' in source;

export const base64LengthOf = (byteCount: number) => 4 * Math.ceil(byteCount / 3);

const megabytes = (byteCount: number) => `${(byteCount / (1024 * 1024)).toFixed(1)} MB`;

const UNSUPPORTED_TYPE_HINTS: Record<string, string> = {
	gif: 'Tencent does not read GIF files. Convert the invoice to PNG, JPEG or PDF first.',
	zip: 'This is a ZIP archive without OFD.xml, so not an OFD invoice. Unpack it and send the invoice as PNG, JPEG, PDF or OFD.',
};

export const NO_FILE_HINT =
	'The item carries no file at all: read or download the invoice in an earlier step, or choose Input Type URL or Base64 String.';

export function assertHasBinaryField(binaryFieldNames: string[], binaryPropertyName: string): void {
	if (binaryFieldNames.includes(binaryPropertyName)) return;
	throw new InputError(
		`The item has no binary field "${binaryPropertyName}"`,
		binaryFieldNames.length === 0
			? NO_FILE_HINT
			: `Set Input Data Field Name to the field that holds the invoice; this item has: ${binaryFieldNames.join(', ')}.`,
	);
}

/** Checks a file's bytes the way the API would, so a bad file fails here, without a billed call. */
export function sourceFromFileBytes(fileBytes: Buffer): InvoiceSource {
	if (fileBytes.length === 0) {
		throw new InputError(
			'The file is empty',
			'Check the step that produced the file: a download or an attachment with 0 bytes cannot be an invoice.',
		);
	}
	const fileType = detectFileType(fileBytes);
	if (!isInvoiceFileType(fileType)) {
		throw new InputError(
			`The file is ${fileType === 'unknown' ? 'not a PNG, JPEG, PDF or OFD' : `a ${fileType.toUpperCase()} file`}, which Tencent cannot read`,
			UNSUPPORTED_TYPE_HINTS[fileType] ?? 'Send the invoice as a PNG, JPEG, PDF or OFD file.',
		);
	}
	const base64Length = base64LengthOf(fileBytes.length);
	if (base64Length > MAX_IMAGE_BASE64_LENGTH) {
		throw new InputError(
			`The file is too large: ${megabytes(fileBytes.length)}, ${megabytes(base64Length)} once base64-encoded; Tencent accepts at most ${megabytes(MAX_IMAGE_BASE64_LENGTH)} encoded`,
			'Scan at a lower resolution (300 dpi is plenty), compress the image, or split the PDF into single pages.',
		);
	}
	const base64 = fileBytes.toString('base64');
	return fileType === 'ofd' ? { OfdFileBase64: base64 } : { ImageBase64: base64, IsPdf: fileType === 'pdf' };
}

const DATA_URL_PREFIX = /^data:[^,]*;base64,/i;
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Accepts plain base64 or a data URL, with line breaks, as users paste them. */
export function decodeBase64Content(base64Content: unknown): Buffer {
	const base64 = String(base64Content ?? '')
		.trim()
		.replace(DATA_URL_PREFIX, '')
		.replace(/\s+/g, '');
	if (base64 === '') {
		throw new InputError(
			'Base64 Content is empty',
			'Map the field that holds the file as base64, e.g. {{ $json.fileBase64 }}.',
		);
	}
	if (!BASE64_ALPHABET.test(base64) || base64.length % 4 === 1) {
		throw new InputError(
			'Base64 Content is not valid base64',
			'Give the file content encoded as base64 (characters A–Z, a–z, 0–9, +, / and = padding), or a data URL such as data:application/pdf;base64,JVBERi0…',
		);
	}
	return Buffer.from(base64, 'base64');
}

export function sourceFromFileUrl(fileUrl: unknown): InvoiceSource {
	const text = String(fileUrl ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new InputError(
			`File URL "${text}" is not a valid http or https URL`,
			'Give a full address that Tencent Cloud can download within 3 seconds, e.g. https://example.com/invoice.pdf.',
		);
	}
	// A URL's content is not seen before the call: its name tells OFD apart, and IsPdf lets the
	// API take images and PDFs alike.
	if (url.pathname.toLowerCase().endsWith('.ofd')) return { OfdFileUrl: url.toString() };
	return { ImageUrl: url.toString(), IsPdf: true };
}

export type PdfPageSelection = { mode: 'first' } | { mode: 'specific'; pageNumber: number } | { mode: 'all' };

export function parsePdfPageSelection(mode: string, pageNumber: unknown): PdfPageSelection {
	if (mode === 'first' || mode === 'all') return { mode };
	if (mode !== 'specific') {
		throw new InputError(`PDF Pages "${mode}" is not an option`, 'Choose First Page, Specific Page or All Pages.');
	}
	const page = typeof pageNumber === 'string' && pageNumber.trim() !== '' ? Number(pageNumber) : pageNumber;
	if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
		throw new InputError(
			`Page Number must be a whole number from 1 up, not "${String(pageNumber)}"`,
			'Set Page Number to the page of the PDF that holds the invoice, counting from 1.',
		);
	}
	return { mode: 'specific', pageNumber: page };
}

/** The request for one page; images ignore the page, since PdfPageNumber only applies to PDFs. */
export function requestForPage(source: ImageSource, pageNumber: number): VatInvoiceOCRRequest {
	return source.IsPdf ? { ...source, PdfPageNumber: pageNumber } : { ...source };
}

export function ofdRequestForPage(source: OfdSource, pageNumber: number): VerifyOfdVatInvoiceOCRRequest {
	return { ...source, OfdPageNumber: pageNumber };
}
