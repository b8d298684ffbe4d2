import {
	MAX_IMAGE_BASE64_LENGTH,
	assertHasBinaryField,
	decodedLengthOf,
	decodeBase64Content,
	base64LengthOf,
	sourceFromFileBytes,
	sourceFromFileUrl,
} from '../../../nodes/TencentInvoiceOcr/input/invoiceSource';
import { FileContent } from '../../../nodes/TencentInvoiceOcr/tencent/transport/requestBody';
import { imageRequestOf, ofdRequestOf } from '../../../nodes/TencentInvoiceOcr/tencent/transport/recognizeRequest';
import { inputErrorOf } from '../../helpers/input-error-of';
import { zipArchive } from '../../helpers/zip-archive';

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF_HEADER = Buffer.from('%PDF-1.7\n');

describe('sourceFromFileBytes', () => {
	it('carries a PNG as its bytes, to be sent as base64, and does not flag it as a PDF', () => {
		expect(sourceFromFileBytes(PNG_HEADER)).toEqual({ format: 'image', fileBytes: PNG_HEADER });
	});

	it('sends an OFD invoice (a ZIP with OFD.xml) as an OFD file', () => {
		const ofd = zipArchive([{ name: 'OFD.xml', content: '<ofd:OFD/>' }]);
		expect(sourceFromFileBytes(ofd)).toEqual({ format: 'ofd', fileBytes: ofd });
	});

	it('flags a PDF from its bytes', () => {
		expect(sourceFromFileBytes(PDF_HEADER)).toEqual({ format: 'pdf', fileBytes: PDF_HEADER });
	});

	it.each([
		['an empty file', Buffer.alloc(0), 'The file is empty', /0 bytes/],
		['a GIF', Buffer.from('GIF89a....'), 'The file is a GIF file, which Tencent cannot read', /Convert .* to PNG, JPEG or PDF/],
		['a ZIP without OFD.xml', Buffer.from('PK\x03\x04...'), 'The file is a ZIP file, which Tencent cannot read', /without OFD\.xml/],
		['text', Buffer.from('hello'), 'The file is not a PNG, JPEG, PDF or OFD, which Tencent cannot read', /PNG, JPEG, PDF or OFD/],
	])('refuses %s', (_label, fileBytes, message, hint) => {
		const error = inputErrorOf(() => sourceFromFileBytes(fileBytes));
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(hint);
	});

	it('accepts a file whose base64 is exactly at the limit and refuses one byte more', () => {
		const largestByteCount = (MAX_IMAGE_BASE64_LENGTH / 4) * 3;
		const largest = Buffer.concat([PDF_HEADER, Buffer.alloc(largestByteCount - PDF_HEADER.length)]);
		expect(base64LengthOf(largest.length)).toBe(MAX_IMAGE_BASE64_LENGTH);
		expect(sourceFromFileBytes(largest)).toMatchObject({ format: 'pdf' });

		const error = inputErrorOf(() => sourceFromFileBytes(Buffer.concat([largest, Buffer.alloc(1)])));
		expect(error.message).toBe(
			'The file is too large: 7.5 MB, 10.0 MB once base64-encoded; Tencent accepts at most 10.0 MB encoded',
		);
	});
});

describe('decodedLengthOf', () => {
	it('agrees with real decoding, padded or not', () => {
		for (let byteCount = 0; byteCount < 32; byteCount++) {
			const base64 = Buffer.alloc(byteCount, 7).toString('base64');
			expect(decodedLengthOf(base64)).toBe(byteCount);
			expect(decodedLengthOf(base64.replace(/=+$/, ''))).toBe(byteCount);
		}
	});
});

describe('decodeBase64Content', () => {
	const pdfBase64 = PDF_HEADER.toString('base64');

	it.each([
		['plain base64', pdfBase64],
		['a data URL', `data:application/pdf;base64,${pdfBase64}`],
		['base64 with line breaks and spaces', `  ${pdfBase64.slice(0, 4)}\n${pdfBase64.slice(4)}\r\n `],
	])('decodes %s', (_label, base64Content) => {
		expect(decodeBase64Content(base64Content)).toEqual(PDF_HEADER);
	});

	it.each([
		['empty', '', 'Base64 Content is empty'],
		['undefined', undefined, 'Base64 Content is empty'],
		['not base64', 'this is not base64!', 'Base64 Content is not valid base64'],
		['impossible length', 'QUJDR', 'Base64 Content is not valid base64'],
	])('refuses %s', (_label, base64Content, message) => {
		expect(inputErrorOf(() => decodeBase64Content(base64Content)).message).toBe(message);
	});

	it.each([
		['one character over the limit', 'A'.repeat(MAX_IMAGE_BASE64_LENGTH + 4), '7.5 MB, 10.0 MB'],
		['far over the limit, even before its line breaks are taken out', 'QUJD\n'.repeat(5_000_000), '17.9 MB, 23.8 MB'],
	])('refuses base64 %s from its length, before decoding', (_label, base64Content, sizes) => {
		const decode = jest.spyOn(Buffer, 'from');
		try {
			expect(inputErrorOf(() => decodeBase64Content(base64Content)).message).toBe(
				`The file is too large: ${sizes} once base64-encoded; Tencent accepts at most 10.0 MB encoded`,
			);
			expect(decode).not.toHaveBeenCalled();
		} finally {
			decode.mockRestore();
		}
	});

	it('decodes base64 exactly at the limit', () => {
		expect(decodeBase64Content('A'.repeat(MAX_IMAGE_BASE64_LENGTH))).toHaveLength((MAX_IMAGE_BASE64_LENGTH / 4) * 3);
	});
});

describe('sourceFromFileUrl', () => {
	it('leaves PDF or image open: the content is not seen before the call', () => {
		expect(sourceFromFileUrl(' https://example.com/a b.pdf ')).toEqual({ format: 'pdfOrImage', fileUrl: 'https://example.com/a%20b.pdf' });
	});

	it('tells an OFD URL by its name', () => {
		expect(sourceFromFileUrl('https://example.com/fapiao/24442000000012345678.OFD')).toEqual({
			format: 'ofd',
			fileUrl: 'https://example.com/fapiao/24442000000012345678.OFD',
		});
	});

	it.each(['', 'example.com/invoice.pdf', 'ftp://example.com/invoice.pdf', 'file:///etc/passwd', 'http://'])(
		'refuses %j',
		(fileUrl) => {
			expect(inputErrorOf(() => sourceFromFileUrl(fileUrl)).message).toMatch(/is not a valid http or https URL/);
		},
	);
});

describe('sourceFromFileUrl with a user name or password', () => {
	it.each([
		'https://user:S3cretPw@files.example.com/invoice.pdf',
		'https://S3cretPw@files.example.com/invoice.pdf',
		'http://admin:S3cretPw@127.0.0.1:8080/invoice.ofd',
		' HTTPS://a%40b:S3cretPw@files.example.com/x.pdf ',
	])('refuses %j, and neither the message nor the hint repeats it', (fileUrl) => {
		const error = inputErrorOf(() => sourceFromFileUrl(fileUrl));
		expect(error.message).toBe(
			'File URL contains a user name or password (user:password@ before the host), which would be sent to Tencent Cloud',
		);
		expect(`${error.message} ${error.hint}`).not.toContain('S3cretPw');
	});

	it.each([
		['ftp://admin:S3cretPw@gw/invoice.pdf', 'File URL contains a user name or password (user:password@ before the host), which would be sent to Tencent Cloud'],
		['http://admin:S3cretPw@gw:99999/invoice.pdf', 'File URL "http://***@gw:99999/invoice.pdf" is not a valid http or https URL'],
		['admin:S3cretPw@gw', 'File URL "***@gw" is not a valid http or https URL'],
	])('refuses %j, which is no http(s) URL, without its password', (fileUrl, message) => {
		expect(inputErrorOf(() => sourceFromFileUrl(fileUrl)).message).toBe(message);
	});

	it('refuses an address over 8,192 characters by its length, quoting none of it', () => {
		const error = inputErrorOf(() => sourceFromFileUrl(`https://example.com/${'a'.repeat(1024 * 1024)}.pdf`));
		expect(error.message).toBe('File URL is 1,048,600 characters long; it may have at most 8,192');
	});

	it('quotes a long invalid address shortly', () => {
		expect(inputErrorOf(() => sourceFromFileUrl(`x${'y'.repeat(5000)}`)).message).toBe(
			`File URL "x${'y'.repeat(39)}…" (5,001 characters) is not a valid http or https URL`,
		);
	});
});

describe('the request for one page (tencent/transport/recognizeRequest)', () => {
	it.each<[string, Parameters<typeof imageRequestOf>[0], number, object]>([
		['a PDF: its page', { format: 'pdf', fileBytes: PDF_HEADER }, 2, { ImageBase64: new FileContent(PDF_HEADER), IsPdf: true, PdfPageNumber: 2 }],
		['an image: no page', { format: 'image', fileBytes: PNG_HEADER }, 2, { ImageBase64: new FileContent(PNG_HEADER), IsPdf: false }],
		['a URL: IsPdf, so that images and PDFs are both read', { format: 'pdfOrImage', fileUrl: 'https://e.com/x' }, 1, { ImageUrl: 'https://e.com/x', IsPdf: true, PdfPageNumber: 1 }],
	])('VatInvoiceOCR, %s', (_label, file, pageNumber, expected) => {
		expect(imageRequestOf(file, pageNumber)).toEqual(expected);
	});

	it.each<[string, Parameters<typeof ofdRequestOf>[0], object]>([
		['its bytes', { format: 'ofd', fileBytes: PNG_HEADER }, { OfdFileBase64: new FileContent(PNG_HEADER), OfdPageNumber: 1 }],
		['its URL', { format: 'ofd', fileUrl: 'https://e.com/x.ofd' }, { OfdFileUrl: 'https://e.com/x.ofd', OfdPageNumber: 1 }],
	])('VerifyOfdVatInvoiceOCR, an OFD by %s', (_label, file, expected) => {
		expect(ofdRequestOf(file, 1)).toEqual(expected);
	});
});

describe('assertHasBinaryField', () => {
	it('passes when the field is there', () => {
		expect(() => assertHasBinaryField(['data'], 'data')).not.toThrow();
	});

	it('lists the fields the item does have', () => {
		const error = inputErrorOf(() => assertHasBinaryField(['attachment_0', 'attachment_1'], 'data'));
		expect(error.message).toBe('The item has no binary field "data"');
		expect(error.hint).toBe('Set Input Data Field Name to the field that holds the invoice; this item has: attachment_0, attachment_1.');
	});

	it('says when the item carries no file at all', () => {
		expect(inputErrorOf(() => assertHasBinaryField([], 'data')).hint).toMatch(/carries no file at all/);
	});
});
