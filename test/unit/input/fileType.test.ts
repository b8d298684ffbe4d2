import { detectFileType, isInvoiceFileType } from '../../../nodes/TencentInvoiceOcr/input/fileType';

const bytes = (...parts: Array<string | number[]>) =>
	Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('detectFileType', () => {
	it.each([
		['PNG', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
		['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
		['JPEG (EXIF)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'jpeg'],
		['PDF', bytes('%PDF-1.7\n%\xe2\xe3'), 'pdf'],
		['PDF after a BOM and junk', bytes([0xef, 0xbb, 0xbf], '\r\n', '%PDF-1.4'), 'pdf'],
		['GIF89a', bytes('GIF89a'), 'gif'],
		['GIF87a', bytes('GIF87a'), 'gif'],
		['BMP', bytes('BM', [0, 0, 0, 0]), 'bmp'],
		['TIFF little-endian', bytes('II*\0'), 'tiff'],
		['TIFF big-endian', bytes('MM\0*'), 'tiff'],
		['WEBP', bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'webp'],
		['a ZIP archive', bytes('PK\x03\x04'), 'zip'],
		['an OFD invoice: a ZIP with OFD.xml', bytes('PK\x03\x04', '\x14\x00\x00\x00OFD.xml'), 'ofd'],
		['plain text', bytes('invoice number 123'), 'unknown'],
		['a PNG header cut short', bytes([0x89], 'PNG'), 'unknown'],
		['nothing', bytes(), 'unknown'],
	])('%s → %s', (_label, fileBytes, expected) => {
		expect(detectFileType(fileBytes)).toBe(expected);
	});

	it('does not take %PDF- beyond the first kilobyte for a PDF', () => {
		expect(detectFileType(bytes(' '.repeat(1024), '%PDF-1.7'))).toBe('unknown');
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
