import {
	BodyScratch,
	FileContent,
	base64LengthOf,
	plainRequest,
	requestJson,
} from '../../../nodes/TencentInvoiceOcr/tencent/transport/requestBody';

/** Bytes with every value, so that base64's +, / and padding all occur. */
const bytesOf = (length: number) => Buffer.from(Array.from({ length }, (_unused, index) => (index * 151 + 7) % 256));

describe('base64LengthOf', () => {
	it.each([
		[0, 0],
		[1, 4],
		[2, 4],
		[3, 4],
		[4, 8],
		[7_864_320, 10_485_760],
	])('%d bytes → %d characters', (byteCount, expected) => {
		expect(base64LengthOf(byteCount)).toBe(expected);
	});

	it('agrees with real encoding', () => {
		for (let byteCount = 0; byteCount < 32; byteCount++) {
			expect(base64LengthOf(byteCount)).toBe(Buffer.alloc(byteCount).toString('base64').length);
		}
	});
});

describe('FileContent', () => {
	// 48 KiB is one slice: sizes around it and across several slices, with each remainder mod 3.
	it.each([0, 1, 2, 3, 49_151, 49_152, 49_153, 49_154, 3 * 49_152 + 2, 1_000_001])(
		'writes the same base64 as Buffer.toString for %d bytes',
		(byteCount) => {
			const bytes = bytesOf(byteCount);
			const content = new FileContent(bytes);
			const target = Buffer.alloc(content.base64Length + 4, '#');
			const written = content.writeBase64(target, 2);
			expect(written).toBe(content.base64Length);
			expect(target.toString('latin1')).toBe(`##${bytes.toString('base64')}##`);
			expect(content.toJSON()).toBe(bytes.toString('base64'));
		},
	);
});

describe('requestJson', () => {
	const pdf = bytesOf(100_000);
	it.each<[string, object]>([
		['a PDF page', { ImageBase64: new FileContent(pdf), IsPdf: true, PdfPageNumber: 3 }],
		['an image, the file not first', { IsPdf: false, ImageBase64: new FileContent(bytesOf(5)) }],
		['an empty file', { ImageBase64: new FileContent(Buffer.alloc(0)) }],
		['an OFD page', { OfdFileBase64: new FileContent(bytesOf(10)), OfdPageNumber: 1 }],
		['a URL with characters JSON escapes', { ImageUrl: 'https://e.com/a"b\\c\n.pdf', IsPdf: true }],
		['a verification', { InvoiceCode: '044031900111', InvoiceNo: '12345678', InvoiceDate: '2026-11-28', Additional: '123456' }],
		['no members', {}],
	])('writes %s as JSON.stringify writes it with the file as base64', (_label, request) => {
		const json = requestJson(request);
		expect(json).toBe(JSON.stringify(plainRequest(request)));
		expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(request)));
	});

	it('writes one body after another in one scratch, larger then smaller, each whole and alone', () => {
		const scratch = new BodyScratch();
		const requests = [
			{ ImageBase64: new FileContent(bytesOf(90_000)), IsPdf: true, PdfPageNumber: 2 },
			{ ImageBase64: new FileContent(bytesOf(4)) },
			{ ImageUrl: 'https://e.com/x.png' },
			{ OfdFileBase64: new FileContent(bytesOf(120_001)), OfdPageNumber: 1 },
		];
		const bodies = requests.map((request) => requestJson(request, scratch));
		expect(bodies).toEqual(requests.map((request) => JSON.stringify(plainRequest(request))));
	});

	it.each([
		[[10, 5, 10], [10, 10, 10]],
		[[10, 20, 15], [10, 20, 20]],
	])('a scratch asked for %j bytes in turn holds %j: it grows, never shrinks', (asked, held) => {
		const scratch = new BodyScratch();
		expect(asked.map((length) => scratch.room(length).length)).toEqual(held);
	});

	it('leaves out null and undefined members, as the SDK does', () => {
		expect(requestJson({ ImageUrl: 'https://e.com/x.png', IsPdf: undefined, PdfPageNumber: null })).toBe(
			'{"ImageUrl":"https://e.com/x.png"}',
		);
	});

	it('writes non-ASCII text as \\u escapes, so that the body is the same read as UTF-8 or Latin-1', () => {
		const json = requestJson({ Note: '发票 é' });
		expect(json).toBe('{"Note":"\\u53d1\\u7968 \\u00e9"}');
		expect(JSON.parse(json)).toEqual({ Note: '发票 é' });
	});
});

describe('plainRequest', () => {
	it('puts each file in as its base64 text and keeps the other members', () => {
		const bytes = bytesOf(7);
		expect(plainRequest({ ImageBase64: new FileContent(bytes), IsPdf: true })).toEqual({
			ImageBase64: bytes.toString('base64'),
			IsPdf: true,
		});
	});
});
