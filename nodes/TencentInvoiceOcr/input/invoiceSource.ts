/** What is to be read (a file's bytes and format, or a URL) from a file's bytes, base64 text or URL, checked first. */
import { detectFileType, isInvoiceFileType } from './fileType';
import { InputError, megabytes, withoutUserInfo } from '../errors';
import { boundedText, quoteValue } from './userText';

/** VatInvoiceOCR takes at most 10 MB of base64 (the current API definition; an older doc page says 7 MB). */
export const MAX_IMAGE_BASE64_LENGTH = 10 * 1024 * 1024;

/**
 * A file to read, minus the page: the same source serves every page of a PDF. A URL's content is not
 * seen before the call: its name tells an OFD apart, anything else may be a PDF or an image.
 */
export type InvoiceSource =
	| { format: 'pdf' | 'image' | 'ofd'; fileBytes: Buffer }
	| { format: 'pdfOrImage' | 'ofd'; fileUrl: string };

/** The length of the base64 text of `byteCount` bytes: what Tencent's size limit counts. */
export const base64LengthOf = (byteCount: number) => 4 * Math.ceil(byteCount / 3);

/** The largest file whose base64 fits the limit. */
export const MAX_FILE_BYTES = (MAX_IMAGE_BASE64_LENGTH / 4) * 3;

/** The bytes a clean base64 text decodes to, from its length and padding, without decoding it. */
export function decodedLengthOf(base64: string): number {
	const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
	return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

const UNSUPPORTED_TYPE_HINTS: Record<string, string> = {
	gif: 'Tencent does not read GIF files. Convert the invoice to PNG, JPEG or PDF first.',
	zip: 'This is a ZIP archive without OFD.xml, so not an OFD invoice. Turn on Read Digital Invoices Locally (under Options) to read the invoices in it, or unpack it and send the invoice as PNG, JPEG, PDF or OFD.',
	xml: 'Turn on Read Digital Invoices Locally (under Options) to read a 数电 XML invoice without a call, or send the invoice as PNG, JPEG, PDF or OFD.',
};

const ARTICLES: Record<string, string> = { xml: 'an' };

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

/** Refuses a file over the API's limit from its size alone, so it need not be read or decoded. */
export function assertFileSizeAllowed(byteCount: number): void {
	if (byteCount <= MAX_FILE_BYTES) return;
	const base64Length = base64LengthOf(byteCount);
	throw new InputError(
		`The file is too large: ${megabytes(byteCount)}, ${megabytes(base64Length)} once base64-encoded; Tencent accepts at most ${megabytes(MAX_IMAGE_BASE64_LENGTH)} encoded`,
		'Scan at a lower resolution (300 dpi is plenty), compress the image, or split the PDF into single pages.',
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
			`The file is ${fileType === 'unknown' ? 'not a PNG, JPEG, PDF or OFD' : `${ARTICLES[fileType] ?? 'a'} ${fileType.toUpperCase()} file`}, which Tencent cannot read`,
			UNSUPPORTED_TYPE_HINTS[fileType] ?? 'Send the invoice as a PNG, JPEG, PDF or OFD file.',
		);
	}
	assertFileSizeAllowed(fileBytes.length);
	return { format: fileType === 'ofd' ? 'ofd' : fileType === 'pdf' ? 'pdf' : 'image', fileBytes };
}

const DATA_URL_PREFIX = /^data:[^,]*;base64,/i;
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Line breaks and indents as mail and PEM writers add them stay well under this share of a base64 text. */
const MAX_WHITESPACE_SHARE = 2;

/**
 * Accepts plain base64 or a data URL, with line breaks, as users paste them. An oversize one is
 * refused from its length, before it is cleaned or decoded.
 */
export function decodeBase64Content(base64Content: unknown): Buffer {
	const text = String(base64Content ?? '');
	if (text.length > MAX_WHITESPACE_SHARE * MAX_IMAGE_BASE64_LENGTH) assertFileSizeAllowed(decodedLengthOf(text));
	const base64 = text.trim().replace(DATA_URL_PREFIX, '').replace(/\s+/g, '');
	if (base64 === '') {
		throw new InputError(
			'Base64 Content is empty',
			'Map the field that holds the file as base64, e.g. {{ $json.fileBase64 }}.',
		);
	}
	assertFileSizeAllowed(decodedLengthOf(base64));
	if (!BASE64_ALPHABET.test(base64) || base64.length % 4 === 1) {
		throw new InputError(
			'Base64 Content is not valid base64',
			'Give the file content encoded as base64 (characters A–Z, a–z, 0–9, +, / and = padding), or a data URL such as data:application/pdf;base64,JVBERi0…',
		);
	}
	return Buffer.from(base64, 'base64');
}

/** Longer addresses are refused by common web servers (8 KB request lines) before Tencent could fetch them. */
export const MAX_FILE_URL_LENGTH = 8192;
const FILE_URL_HINT = 'Give a full address that Tencent Cloud can download within 3 seconds, e.g. https://example.com/invoice.pdf.';

export function sourceFromFileUrl(fileUrl: unknown): InvoiceSource {
	const text = boundedText(fileUrl, 'File URL', MAX_FILE_URL_LENGTH, FILE_URL_HINT).trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (url && (url.username !== '' || url.password !== '')) {
		// Tencent would receive the password with the address; the message must not repeat it either.
		throw new InputError(
			'File URL contains a user name or password (user:password@ before the host), which would be sent to Tencent Cloud',
			'Give an address that needs no login, e.g. a pre-signed (time-limited) link from your storage, or read the file in an earlier step and choose Input Type Binary File.',
		);
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		// A text may hold a password even when it does not parse as http(s) (ftp://admin:S3cretPw@gw).
		throw new InputError(`File URL ${quoteValue(withoutUserInfo(text))} is not a valid http or https URL`, FILE_URL_HINT);
	}
	// A URL's content is not seen before the call: its name tells OFD apart.
	return { format: url.pathname.toLowerCase().endsWith('.ofd') ? 'ofd' : 'pdfOrImage', fileUrl: url.toString() };
}
