export type InvoiceFileType = 'png' | 'jpeg' | 'pdf' | 'ofd';
export type DetectedFileType = InvoiceFileType | 'gif' | 'bmp' | 'tiff' | 'webp' | 'zip' | 'unknown';

const startsWith = (fileBytes: Uint8Array, signature: number[], offset = 0) =>
	signature.every((byte, index) => fileBytes[offset + index] === byte);

const ascii = (text: string) => Array.from(text, (character) => character.charCodeAt(0));

/** Readers accept a PDF header anywhere in the first kilobyte, after junk such as a BOM. */
const PDF_HEADER_SEARCH_BYTES = 1024;

function hasPdfHeader(fileBytes: Uint8Array): boolean {
	const head = Buffer.from(fileBytes.subarray(0, PDF_HEADER_SEARCH_BYTES));
	return head.includes('%PDF-', 0, 'latin1');
}

/** An OFD document is a ZIP archive with OFD.xml at its root; its name stands in the archive's directory. */
function isOfdArchive(fileBytes: Uint8Array): boolean {
	return Buffer.from(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength).includes('OFD.xml', 0, 'latin1');
}

/** Tells a file's type from its first bytes, never from its name or declared MIME type. */
export function detectFileType(fileBytes: Uint8Array): DetectedFileType {
	if (startsWith(fileBytes, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])) return 'png';
	if (startsWith(fileBytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(fileBytes, ascii('GIF8'))) return 'gif';
	if (startsWith(fileBytes, ascii('BM'))) return 'bmp';
	if (startsWith(fileBytes, ascii('II*\0')) || startsWith(fileBytes, ascii('MM\0*'))) return 'tiff';
	if (startsWith(fileBytes, ascii('RIFF')) && startsWith(fileBytes, ascii('WEBP'), 8)) return 'webp';
	if (startsWith(fileBytes, ascii('PK\x03\x04'))) return isOfdArchive(fileBytes) ? 'ofd' : 'zip';
	if (hasPdfHeader(fileBytes)) return 'pdf';
	return 'unknown';
}

export function isInvoiceFileType(fileType: DetectedFileType): fileType is InvoiceFileType {
	return fileType === 'png' || fileType === 'jpeg' || fileType === 'pdf' || fileType === 'ofd';
}
