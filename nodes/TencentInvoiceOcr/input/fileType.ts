/** A file's type from its bytes (magic numbers, PDF header and trailer, ZIP central directory), never from its name. */
export type InvoiceFileType = 'png' | 'jpeg' | 'pdf' | 'ofd';
export type DetectedFileType = InvoiceFileType | 'gif' | 'bmp' | 'tiff' | 'webp' | 'zip' | 'xml' | 'unknown';

const startsWith = (fileBytes: Uint8Array, signature: number[], offset = 0) =>
	signature.every((byte, index) => fileBytes[offset + index] === byte);

const ascii = (text: string) => Array.from(text, (character) => character.charCodeAt(0));

const asBuffer = (fileBytes: Uint8Array) => Buffer.from(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);

/** Readers look for the header in the first kilobyte and for %%EOF in the last (PDF 1.7 reference, Annex H). */
export const PDF_SEARCH_BYTES = 1024;
/** `%PDF-` and a version such as 1.7 or 2.0, ending its line (or followed by a space or a comment). */
const PDF_HEADER = /%PDF-\d\.\d(?=[\r\n \t%])/;

/**
 * A PDF starts with its header line; readers also accept junk before it (a BOM, a mail gateway's
 * prefix), and then the file must end as a PDF does, with %%EOF. So a text that merely mentions
 * "%PDF-1.7" is not a PDF, and a PDF with trailing bytes after %%EOF still is one.
 */
function isPdf(fileBytes: Uint8Array): boolean {
	const head = asBuffer(fileBytes).toString('latin1', 0, PDF_SEARCH_BYTES);
	const header = PDF_HEADER.exec(head);
	if (!header) return false;
	if (header.index === 0) return true;
	const tailStart = Math.max(0, fileBytes.byteLength - PDF_SEARCH_BYTES);
	return asBuffer(fileBytes).includes('%%EOF', tailStart, 'latin1');
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_BYTES = 22;
const MAX_ARCHIVE_COMMENT_BYTES = 0xffff;
const ENTRY_HEADER_BYTES = 46;
const OFD_ROOT_ENTRY = Buffer.from('OFD.xml', 'latin1');

/**
 * Whether a ZIP archive's central directory names an entry `OFD.xml` at its root: how GB/T 33190
 * defines an OFD document. Only the directory is read; nothing is inflated. A ZIP that merely
 * mentions OFD.xml in a file's content, or holds it in a folder, is no OFD.
 */
export function hasOfdRootEntry(fileBytes: Uint8Array): boolean {
	const archive = asBuffer(fileBytes);
	const lowest = Math.max(0, archive.length - END_RECORD_BYTES - MAX_ARCHIVE_COMMENT_BYTES);
	for (let endRecord = archive.length - END_RECORD_BYTES; endRecord >= lowest; endRecord--) {
		if (archive.readUInt32LE(endRecord) !== END_OF_CENTRAL_DIRECTORY) continue;
		const entryCount = archive.readUInt16LE(endRecord + 10);
		let entry = archive.readUInt32LE(endRecord + 16);
		for (let index = 0; index < entryCount; index++) {
			if (entry + ENTRY_HEADER_BYTES > endRecord || archive.readUInt32LE(entry) !== CENTRAL_DIRECTORY_ENTRY) break;
			const nameLength = archive.readUInt16LE(entry + 28);
			const nameStart = entry + ENTRY_HEADER_BYTES;
			if (archive.subarray(nameStart, nameStart + nameLength).equals(OFD_ROOT_ENTRY)) return true;
			entry = nameStart + nameLength + archive.readUInt16LE(entry + 30) + archive.readUInt16LE(entry + 32);
		}
		// The last end record is the archive's; an earlier match would be inside an entry's data.
		return false;
	}
	return false;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** After an optional BOM and whitespace: an XML declaration, a comment, a DTD or a start tag. */
const XML_START = /^[\s]*<(?:\?xml[\s?]|!--|!DOCTYPE|[A-Za-z_])/;

/** Whether a file is XML by its first bytes (UTF-8 or UTF-16 with its BOM); whether it is an invoice is the reader's to say. */
export function looksLikeXml(fileBytes: Uint8Array): boolean {
	const head = asBuffer(fileBytes).subarray(0, 512);
	if (startsWith(head, [0xff, 0xfe])) return XML_START.test(head.subarray(2).toString('utf16le'));
	if (startsWith(head, [0xfe, 0xff])) return XML_START.test(Buffer.from(head.subarray(2, head.length - (head.length % 2))).swap16().toString('utf16le'));
	return XML_START.test(head.subarray(startsWith(head, UTF8_BOM) ? 3 : 0).toString('latin1'));
}

/** Tells a file's type from its bytes, never from its name or declared MIME type. */
export function detectFileType(fileBytes: Uint8Array): DetectedFileType {
	if (startsWith(fileBytes, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])) return 'png';
	if (startsWith(fileBytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(fileBytes, ascii('GIF8'))) return 'gif';
	if (startsWith(fileBytes, ascii('BM'))) return 'bmp';
	if (startsWith(fileBytes, ascii('II*\0')) || startsWith(fileBytes, ascii('MM\0*'))) return 'tiff';
	if (startsWith(fileBytes, ascii('RIFF')) && startsWith(fileBytes, ascii('WEBP'), 8)) return 'webp';
	if (startsWith(fileBytes, ascii('PK\x03\x04'))) return hasOfdRootEntry(fileBytes) ? 'ofd' : 'zip';
	if (isPdf(fileBytes)) return 'pdf';
	return looksLikeXml(fileBytes) ? 'xml' : 'unknown';
}

/**
 * What the first kilobyte says a file may be, for a file too large to read whole: its header, but
 * not yet whether a ZIP is an OFD nor whether junk before a PDF header ends as a PDF.
 */
export function mayBeInvoiceFile(fileHead: Uint8Array): boolean {
	const head = fileHead.subarray(0, PDF_SEARCH_BYTES);
	const fileType = detectFileType(head);
	return isInvoiceFileType(fileType) || fileType === 'zip' || PDF_HEADER.test(asBuffer(head).toString('latin1'));
}

export function isInvoiceFileType(fileType: DetectedFileType): fileType is InvoiceFileType {
	return fileType === 'png' || fileType === 'jpeg' || fileType === 'pdf' || fileType === 'ofd';
}
