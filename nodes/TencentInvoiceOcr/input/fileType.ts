/** A file's type from its bytes (magic numbers, PDF header and trailer, ZIP central directory), never from its name; a large file from a bounded sample. */
export type InvoiceFileType = 'png' | 'jpeg' | 'pdf' | 'ofd';
export type DetectedFileType = InvoiceFileType | 'gif' | 'bmp' | 'tiff' | 'webp' | 'zip' | 'xml' | 'unknown';

const startsWith = (fileBytes: Uint8Array, signature: number[], offset = 0) =>
	signature.every((byte, index) => fileBytes[offset + index] === byte);

const ascii = (text: string) => Array.from(text, (character) => character.charCodeAt(0));

const asBuffer = (fileBytes: Uint8Array) => Buffer.from(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);

/**
 * What a file's type is told from: its first bytes, its last bytes (a ZIP's central directory, a
 * PDF's %%EOF) and its length. A file read whole is its own head and tail; a file too large to
 * read is sampled, so deciding what it is reads a bounded number of bytes into memory.
 */
export interface FileSample {
	/** The file's first bytes: at least FILE_HEAD_BYTES, unless the file is shorter. */
	head: Uint8Array;
	/** The file's last bytes: at least FILE_TAIL_BYTES, unless the file is shorter. */
	tail: Uint8Array;
	/** The whole file's length: where `tail` ends. */
	byteLength: number;
}

export const wholeFile = (fileBytes: Uint8Array): FileSample => ({ head: fileBytes, tail: fileBytes, byteLength: fileBytes.byteLength });

/** Readers look for the header in the first kilobyte and for %%EOF in the last (PDF 1.7 reference, Annex H). */
export const PDF_SEARCH_BYTES = 1024;
export const FILE_HEAD_BYTES = PDF_SEARCH_BYTES;
/** `%PDF-` and a version such as 1.7 or 2.0, ending its line (or followed by a space or a comment). */
const PDF_HEADER = /%PDF-\d\.\d(?=[\r\n \t%])/;

/**
 * A PDF starts with its header line; readers also accept junk before it (a BOM, a mail gateway's
 * prefix), and then the file must end as a PDF does, with %%EOF. So a text that merely mentions
 * "%PDF-1.7" is not a PDF, and a PDF with trailing bytes after %%EOF still is one.
 */
function isPdf(sample: FileSample): boolean {
	const head = asBuffer(sample.head).toString('latin1', 0, PDF_SEARCH_BYTES);
	const header = PDF_HEADER.exec(head);
	if (!header) return false;
	if (header.index === 0) return true;
	const tail = asBuffer(sample.tail);
	return tail.includes('%%EOF', Math.max(0, tail.length - PDF_SEARCH_BYTES), 'latin1');
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_BYTES = 22;
const MAX_ARCHIVE_COMMENT_BYTES = 0xffff;
const ENTRY_HEADER_BYTES = 46;
/**
 * The central directory read at most: an OFD invoice has a few dozen entries (about 80 bytes each);
 * a directory larger than this belongs to no invoice file.
 */
export const MAX_CENTRAL_DIRECTORY_BYTES = 1024 * 1024;
/** A sampled file's tail holds its end record, the longest archive comment and the directory read at most. */
export const FILE_TAIL_BYTES = END_RECORD_BYTES + MAX_ARCHIVE_COMMENT_BYTES + MAX_CENTRAL_DIRECTORY_BYTES;

/**
 * The names of a ZIP archive's entries from its central directory, found through the last end
 * record in the sample's tail; undefined when there is none or the directory lies outside the
 * tail. Only the directory is read; nothing is inflated.
 */
export function zipEntryNames(sample: FileSample): string[] | undefined {
	const tail = asBuffer(sample.tail);
	const tailStart = sample.byteLength - tail.length;
	const lowest = Math.max(0, tail.length - END_RECORD_BYTES - MAX_ARCHIVE_COMMENT_BYTES);
	for (let endRecord = tail.length - END_RECORD_BYTES; endRecord >= lowest; endRecord--) {
		if (tail.readUInt32LE(endRecord) !== END_OF_CENTRAL_DIRECTORY) continue;
		const entryCount = tail.readUInt16LE(endRecord + 10);
		let entry = tail.readUInt32LE(endRecord + 16) - tailStart;
		if (entry < 0) return undefined;
		const names: string[] = [];
		for (let index = 0; index < entryCount; index++) {
			if (entry + ENTRY_HEADER_BYTES > endRecord || tail.readUInt32LE(entry) !== CENTRAL_DIRECTORY_ENTRY) break;
			const nameLength = tail.readUInt16LE(entry + 28);
			const nameStart = entry + ENTRY_HEADER_BYTES;
			names.push(tail.toString('utf8', nameStart, Math.min(nameStart + nameLength, endRecord)));
			entry = nameStart + nameLength + tail.readUInt16LE(entry + 30) + tail.readUInt16LE(entry + 32);
		}
		// The last end record is the archive's; an earlier match would be inside an entry's data.
		return names;
	}
	return undefined;
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

/**
 * What a ZIP archive is to the node: an OFD document (an entry `OFD.xml` at its root, as GB/T 33190
 * defines it) or neither. Every .docx, .xlsx or .zip of other files is neither, whatever its size.
 * The one place that decides it, so that a kind such as a bundle of invoices is added here.
 */
export type ZipKind = 'ofd' | 'neither';

export function zipKindOf(sample: FileSample): ZipKind {
	return zipEntryNames(sample)?.includes('OFD.xml') ? 'ofd' : 'neither';
}

/** Whether a ZIP archive read whole is an OFD document. */
export const hasOfdRootEntry = (fileBytes: Uint8Array) => zipKindOf(wholeFile(fileBytes)) === 'ofd';

/** Tells a file's type from its bytes, never from its name or declared MIME type. */
export function detectFileType(fileBytes: Uint8Array): DetectedFileType {
	return detectSampledFileType(wholeFile(fileBytes));
}

/** The same, from a sample of a file too large to read whole: the same answer as for the whole file. */
export function detectSampledFileType(sample: FileSample): DetectedFileType {
	const { head } = sample;
	if (startsWith(head, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])) return 'png';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(head, ascii('GIF8'))) return 'gif';
	if (startsWith(head, ascii('BM'))) return 'bmp';
	if (startsWith(head, ascii('II*\0')) || startsWith(head, ascii('MM\0*'))) return 'tiff';
	if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
	if (startsWith(head, ascii('PK\x03\x04'))) return zipKindOf(sample) === 'ofd' ? 'ofd' : 'zip';
	if (isPdf(sample)) return 'pdf';
	return looksLikeXml(head) ? 'xml' : 'unknown';
}

export function isInvoiceFileType(fileType: DetectedFileType): fileType is InvoiceFileType {
	return fileType === 'png' || fileType === 'jpeg' || fileType === 'pdf' || fileType === 'ofd';
}
