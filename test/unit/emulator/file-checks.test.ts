import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { countPdfPages, detectFileKind } from '../../emulator/file-type';
import { decodeImageBase64, inspectFile, isLoopbackHost } from '../../emulator/image-input';
import type { VatInvoiceParams } from '../../emulator/vat-invoice-params';
import { errorCodeOf } from '../../helpers/error-code-of';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', '..', 'fixtures', name));
const imageParams: VatInvoiceParams = { imageBase64: 'x', isPdf: false };
const pdfParams: VatInvoiceParams = { imageBase64: 'x', isPdf: true };

describe('detectFileKind', () => {
	it.each([
		['invoice.png', 'png'],
		['invoice.jpg', 'jpeg'],
		['invoice-3-pages.pdf', 'pdf'],
		['animation.gif', 'gif'],
		['not-an-image.txt', 'unknown'],
	])('recognises %s as %s by its magic bytes', (name, kind) => {
		expect(detectFileKind(fixture(name))).toBe(kind);
	});
});

describe('countPdfPages', () => {
	it('counts the page objects of the fixtures', () => {
		expect(countPdfPages(fixture('invoice-3-pages.pdf'))).toBe(3);
		expect(countPdfPages(fixture('invoice-1-page.pdf'))).toBe(1);
	});

	it('does not count the /Pages tree node', () => {
		expect(countPdfPages(Buffer.from('<< /Type /Pages /Count 2 >> << /Type/Page >> << /Type /Page /Parent 1 0 R >>'))).toBe(2);
	});
});

describe('inspectFile', () => {
	it('accepts PNG and JPEG with PdfPageSize 0', () => {
		expect(inspectFile(fixture('invoice.png'), imageParams)).toEqual({ isPdf: false, pdfPageCount: 0, pdfPageNumber: 0 });
		expect(inspectFile(fixture('invoice.jpg'), imageParams).isPdf).toBe(false);
	});

	it('reads a PDF page when IsPdf is true', () => {
		expect(inspectFile(fixture('invoice-3-pages.pdf'), { ...pdfParams, pdfPageNumber: 3 })).toEqual({
			isPdf: true,
			pdfPageCount: 3,
			pdfPageNumber: 3,
		});
	});

	it('refuses a PDF without IsPdf, saying IsPdf must be true', () => {
		expect(() => inspectFile(fixture('invoice-1-page.pdf'), imageParams)).toThrow(/IsPdf must be true/);
	});

	it.each([
		['a GIF', 'animation.gif', imageParams, 'FailedOperation.ImageDecodeFailed'],
		['a text file', 'not-an-image.txt', imageParams, 'FailedOperation.ImageDecodeFailed'],
		['a page beyond the last', 'invoice-3-pages.pdf', { ...pdfParams, pdfPageNumber: 4 }, 'InvalidParameterValue'],
	])('refuses %s', (_case, name, params, code) => {
		expect(errorCodeOf(() => inspectFile(fixture(name), params))).toBe(code);
	});
});

describe('decodeImageBase64', () => {
	it('decodes valid base64', () => {
		expect(decodeImageBase64(fixture('invoice.png').toString('base64'), 1e6)).toEqual(fixture('invoice.png'));
	});

	it.each([
		['longer than the limit', 'AAAAAAAA', 4, 'FailedOperation.ImageSizeTooLarge'],
		['not base64', 'not base64!', 100, 'FailedOperation.ImageDecodeFailed'],
		['a data URL', 'data:image/png;base64,AAAA', 100, 'FailedOperation.ImageDecodeFailed'],
		['empty', '', 100, 'FailedOperation.EmptyImageError'],
	])('refuses a value %s', (_case, value, limit, code) => {
		expect(errorCodeOf(() => decodeImageBase64(value, limit))).toBe(code);
	});
});

describe('isLoopbackHost', () => {
	it.each(['127.0.0.1', '127.5.6.7', 'localhost', '::1', '[::1]', 'LOCALHOST'])('allows %s', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	it.each(['example.com', '10.0.0.1', '128.0.0.1', '127.0.0.1.example.com', '[::ffff:8.8.8.8]'])('refuses %s', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});
});
