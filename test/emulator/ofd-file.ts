/**
 * Recognising an OFD document (GB/T 33190): a ZIP archive whose root holds OFD.xml.
 * Reading the ZIP central directory is enough to see the names; no entry is decompressed.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_ARCHIVE_COMMENT = 0xffff;
const ENTRY_HEADER_SIZE = 46;
/** The page contents of the first document, as OFD writers lay them out: Doc_0/Pages/Page_N/Content.xml. */
const PAGE_CONTENT = /^Doc_0\/Pages\/Page_[^/]+\/Content\.xml$/;

function findEndRecord(bytes: Buffer): number | undefined {
	const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_ARCHIVE_COMMENT);
	for (let offset = bytes.length - END_RECORD_SIZE; offset >= lowest; offset -= 1) {
		if (bytes.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
	}
	return undefined;
}

function readEntryNames(bytes: Buffer, start: number, count: number): string[] | undefined {
	const names: string[] = [];
	let offset = start;
	for (let index = 0; index < count; index += 1) {
		if (offset + ENTRY_HEADER_SIZE > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return undefined;
		const nameLength = bytes.readUInt16LE(offset + 28);
		const extraLength = bytes.readUInt16LE(offset + 30);
		const commentLength = bytes.readUInt16LE(offset + 32);
		const nameStart = offset + ENTRY_HEADER_SIZE;
		if (nameStart + nameLength > bytes.length) return undefined;
		names.push(bytes.toString('utf8', nameStart, nameStart + nameLength));
		offset = nameStart + nameLength + extraLength + commentLength;
	}
	return names;
}

/** The names in a ZIP archive, or undefined when the bytes are not one. */
export function listZipEntryNames(bytes: Buffer): string[] | undefined {
	if (bytes.length < END_RECORD_SIZE) return undefined;
	const endRecord = findEndRecord(bytes);
	if (endRecord === undefined) return undefined;
	const entryCount = bytes.readUInt16LE(endRecord + 10);
	const directoryStart = bytes.readUInt32LE(endRecord + 16);
	return readEntryNames(bytes, directoryStart, entryCount);
}

export interface OfdSummary {
	pageCount: number;
}

/** What an OFD holds, or undefined when the bytes are not an OFD (not a ZIP, or no OFD.xml at its root). */
export function inspectOfd(bytes: Buffer): OfdSummary | undefined {
	const names = listZipEntryNames(bytes);
	if (!names?.includes('OFD.xml')) return undefined;
	return { pageCount: names.filter((name) => PAGE_CONTENT.test(name)).length };
}
