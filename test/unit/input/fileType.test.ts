import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	FILE_HEAD_BYTES,
	FILE_TAIL_BYTES,
	MAX_CENTRAL_DIRECTORY_BYTES,
	detectFileType,
	detectSampledFileType,
	hasOfdRootEntry,
	isInvoiceFileType,
	looksLikeXml,
	zipEntryNames,
	zipKindOf,
	type FileSample,
} from '../../../nodes/TencentInvoiceOcr/input/fileType';
import { zipArchive } from '../../helpers/zip-archive';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', name));

const bytes = (...parts: Array<string | number[]>) =>
	Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('detectFileType', () => {
	it.each([
		['PNG', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
		['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
		['JPEG (EXIF)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'jpeg'],
		['PDF', bytes('%PDF-1.7\n%\xe2\xe3'), 'pdf'],
		['PDF with CRLF line ends', bytes('%PDF-1.4\r\n1 0 obj'), 'pdf'],
		['PDF 2.0 whose header line goes on with a comment', bytes('%PDF-2.0%\xe2\xe3'), 'pdf'],
		['PDF after a BOM and junk, ending in %%EOF', bytes([0xef, 0xbb, 0xbf], '\r\n', '%PDF-1.4\n…\n%%EOF\n'), 'pdf'],
		['PDF after junk, with bytes after %%EOF', bytes('junk\n%PDF-1.4\n…%%EOF\r\n', ' '.repeat(900)), 'pdf'],
		['PDF at the start, cut off before its end', bytes('%PDF-1.7\n1 0 obj <<'), 'pdf'],
		['a text mail that mentions %PDF-1.7', bytes('Hello, the invoice is a %PDF-1.7 file, see attachment.\n'), 'unknown'],
		['a text mail with %PDF-1.7 on a line of its own', bytes('Format:\n%PDF-1.7\nRegards'), 'unknown'],
		['a text mail that mentions %PDF- and %%EOF without a version', bytes('see %PDF-x and %%EOF\n'), 'unknown'],
		['%PDF-1.7 and nothing after it', bytes('%PDF-1.7'), 'unknown'],
		['junk before a PDF header, %%EOF more than 1 KB before the end', bytes('x\n%PDF-1.4\n%%EOF', ' '.repeat(1100)), 'unknown'],
		['GIF89a', bytes('GIF89a'), 'gif'],
		['GIF87a', bytes('GIF87a'), 'gif'],
		['BMP', bytes('BM', [0, 0, 0, 0]), 'bmp'],
		['TIFF little-endian', bytes('II*\0'), 'tiff'],
		['TIFF big-endian', bytes('MM\0*'), 'tiff'],
		['WEBP', bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'webp'],
		['a ZIP archive header alone', bytes('PK\x03\x04'), 'zip'],
		['the OFD fixture', fixture('invoice.ofd'), 'ofd'],
		['the ZIP fixture without OFD.xml', fixture('not-ofd.zip'), 'zip'],
		['a ZIP with OFD.xml at its root', zipArchive([{ name: 'Doc_0/Document.xml', content: '<x/>' }, { name: 'OFD.xml', content: '<ofd:OFD/>' }]), 'ofd'],
		['a ZIP whose readme mentions OFD.xml', zipArchive([{ name: 'readme.txt', content: 'Put OFD.xml at the root.' }]), 'zip'],
		['a ZIP with OFD.xml in a folder', zipArchive([{ name: 'invoice/OFD.xml', content: '<ofd:OFD/>' }]), 'zip'],
		['a ZIP with ofd.xml in lower case', zipArchive([{ name: 'ofd.xml', content: '<ofd:OFD/>' }]), 'zip'],
		['a ZIP whose comment says OFD.xml', zipArchive([{ name: 'a.txt', content: 'a' }], 'OFD.xml'), 'zip'],
		['a ZIP holding a ZIP with OFD.xml', zipArchive([{ name: 'inner.zip', content: zipArchive([{ name: 'OFD.xml', content: '<ofd:OFD/>' }]) }]), 'zip'],
		['a ZIP cut off before its central directory', zipArchive([{ name: 'OFD.xml', content: '<ofd:OFD/>' }]).subarray(0, 40), 'zip'],
		['plain text', bytes('invoice number 123'), 'unknown'],
		['a PNG header cut short', bytes([0x89], 'PNG'), 'unknown'],
		['nothing', bytes(), 'unknown'],
	])('%s → %s', (_label, fileBytes, expected) => {
		expect(detectFileType(fileBytes)).toBe(expected);
	});

	it('does not take %PDF- beyond the first kilobyte for a PDF', () => {
		expect(detectFileType(bytes(' '.repeat(1024), '%PDF-1.7\n%%EOF\n'))).toBe('unknown');
		expect(detectFileType(bytes(' '.repeat(1000), '%PDF-1.7\n%%EOF\n'))).toBe('pdf');
	});
});

describe('hasOfdRootEntry', () => {
	it.each([
		['no ZIP at all', bytes('OFD.xml')],
		['an end record claiming entries beyond the data', bytes('PK\x05\x06', [0, 0, 0, 0, 9, 0, 9, 0], [0, 0, 0, 0], [0xff, 0xff, 0, 0], [0, 0])],
	])('is false for %s', (_label, fileBytes) => {
		expect(hasOfdRootEntry(fileBytes)).toBe(false);
	});
});

/** What the node keeps of a file too large to read whole: its first and last bytes, and its length. */
const sampleOf = (fileBytes: Buffer): FileSample => ({
	head: fileBytes.subarray(0, FILE_HEAD_BYTES),
	tail: fileBytes.subarray(Math.max(0, fileBytes.length - FILE_TAIL_BYTES)),
	byteLength: fileBytes.length,
});

const EIGHT_MB = 8 * 1024 * 1024;
/** An Office document as a mail carries it: a ZIP whose first entry is [Content_Types].xml. */
const officeDocument = (fillerBytes: number) =>
	zipArchive([
		{ name: '[Content_Types].xml', content: '<Types/>' },
		{ name: 'word/media/image1.png', content: Buffer.alloc(fillerBytes, 7) },
		{ name: 'word/document.xml', content: '<w:document/>' },
	]);
const largeOfd = zipArchive([
	{ name: 'Doc_0/Res/image.png', content: Buffer.alloc(EIGHT_MB, 3) },
	{ name: 'OFD.xml', content: '<ofd:OFD/>' },
]);

describe('detectSampledFileType (a file too large to read whole, from its head and tail)', () => {
	it.each([
		['an 8 MB .docx', officeDocument(EIGHT_MB), 'zip'],
		['an 8 MB OFD', largeOfd, 'ofd'],
		['an 8 MB PDF', Buffer.concat([bytes('%PDF-1.7\n'), Buffer.alloc(EIGHT_MB, 32), bytes('%%EOF\n')]), 'pdf'],
		['8 MB of junk, then a PDF header, ending in %%EOF', Buffer.concat([bytes('junk\r\n%PDF-1.6\n'), Buffer.alloc(EIGHT_MB, 32), bytes('%%EOF')]), 'pdf'],
		['an 8 MB text that mentions %PDF-1.7 near its start', Buffer.concat([bytes('the invoice is a %PDF-1.7 file\n'), Buffer.alloc(EIGHT_MB, 32)]), 'unknown'],
		['an 8 MB PNG', Buffer.concat([bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]), Buffer.alloc(EIGHT_MB)]), 'png'],
		['an MP4 video', Buffer.concat([bytes([0, 0, 0, 0x18], 'ftypmp42'), Buffer.alloc(EIGHT_MB)]), 'unknown'],
		['a GIF', bytes('GIF89a'), 'gif'],
	])('%s → %s, as for the whole file', (_label, fileBytes, expected) => {
		expect(detectSampledFileType(sampleOf(fileBytes))).toBe(expected);
		expect(detectFileType(fileBytes)).toBe(expected);
	});

	it('holds at most the head and the tail in memory, whatever the size', () => {
		const sample = sampleOf(officeDocument(EIGHT_MB));
		expect(sample.head.length + sample.tail.length).toBe(FILE_HEAD_BYTES + FILE_TAIL_BYTES);
		expect(FILE_TAIL_BYTES).toBeLessThan(1.1 * 1024 * 1024);
	});

	it('takes a ZIP whose central directory lies outside the tail for no OFD', () => {
		// 20,000 entries with 60-byte names: a directory of 2.1 MB, larger than any invoice file's.
		const entries = Array.from({ length: 20_000 }, (_unused, index) => ({ name: `${String(index).padStart(60, 'x')}`, content: '' }));
		const archive = zipArchive([...entries, { name: 'OFD.xml', content: '<ofd:OFD/>' }]);
		expect(archive.length).toBeGreaterThan(MAX_CENTRAL_DIRECTORY_BYTES);
		expect(zipEntryNames(sampleOf(archive))).toBeUndefined();
		expect(detectSampledFileType(sampleOf(archive))).toBe('zip');
	});
});

describe('zipKindOf and zipEntryNames: what a ZIP is, from its central directory', () => {
	it.each([
		['the OFD fixture', fixture('invoice.ofd'), 'ofd'],
		['the ZIP fixture', fixture('not-ofd.zip'), 'neither'],
		['an Office document', officeDocument(10), 'neither'],
		['an empty archive', zipArchive([]), 'neither'],
		['no archive', bytes('PK\x03\x04'), 'neither'],
	])('%s → %s', (_label, fileBytes, expected) => {
		expect(zipKindOf(sampleOf(fileBytes))).toBe(expected);
	});

	it('lists the entries in directory order', () => {
		expect(zipEntryNames(sampleOf(officeDocument(10)))).toEqual(['[Content_Types].xml', 'word/media/image1.png', 'word/document.xml']);
	});
});

describe('isInvoiceFileType', () => {
	it.each([
		['png', true],
		['jpeg', true],
		['pdf', true],
		['ofd', true],
		['gif', false],
		['zip', false],
		['unknown', false],
	] as const)('%s → %s', (fileType, expected) => {
		expect(isInvoiceFileType(fileType)).toBe(expected);
	});
});

describe('looksLikeXml', () => {
	it.each<[string, string | Buffer, boolean]>([
		['a declaration', '<?xml version="1.0"?><a/>', true],
		['a bare root after whitespace', '\r\n  <EInvoice>', true],
		['a DTD', '<!DOCTYPE a><a/>', true],
		['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')]), true],
		['plain text', 'hello <a/>', false],
		['a PDF', '%PDF-1.7\n', false],
		['UTF-16 with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<EInvoice>', 'utf16le')]), true],
		['a less-than and a digit', '<3 invoices', false],
	])('%s → %s', (_label, content, expected) => {
		expect(looksLikeXml(Buffer.isBuffer(content) ? content : Buffer.from(content))).toBe(expected);
	});
});
