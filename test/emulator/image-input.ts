/** Getting file bytes out of a base64 parameter or a URL, and the checks VatInvoiceOCR applies to its files. */
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';

import { TencentApiError } from './api-error';
import { countPdfPages, detectFileKind, isSupportedKind } from './file-type';
import type { VatInvoiceParams } from './vat-invoice-params';

export interface InspectedFile {
	isPdf: boolean;
	pdfPageCount: number;
	pdfPageNumber: number;
}

export interface DownloadLimits {
	timeoutMs: number;
	maxBase64Length: number;
}

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

function base64LengthOf(byteCount: number): number {
	return Math.ceil(byteCount / 3) * 4;
}

/** The error each action answers for an unusable file; download failures are DownLoadError for all. */
export interface FileErrors {
	tooLarge(base64Length: number, maxBase64Length: number): TencentApiError;
	notBase64(): TencentApiError;
	empty(): TencentApiError;
}

export interface FileSource {
	base64?: string;
	url?: string;
}

const IMAGE_ERRORS: FileErrors = {
	tooLarge: (base64Length, maxBase64Length) =>
		new TencentApiError(
			'FailedOperation.ImageSizeTooLarge',
			`The file is ${base64Length} characters after base64 encoding; the limit is ${maxBase64Length}.`,
		),
	notBase64: () =>
		new TencentApiError(
			'FailedOperation.ImageDecodeFailed',
			'ImageBase64 is not valid base64 (send the bare base64 text, without a data: prefix).',
		),
	empty: () => new TencentApiError('FailedOperation.EmptyImageError', 'The image content is empty.'),
};

export function decodeBase64File(value: string, maxBase64Length: number, errors: FileErrors): Buffer {
	if (value.length > maxBase64Length) throw errors.tooLarge(value.length, maxBase64Length);
	if (value.length % 4 !== 0 || !BASE64_PATTERN.test(value)) throw errors.notBase64();
	const bytes = Buffer.from(value, 'base64');
	if (bytes.length === 0) throw errors.empty();
	return bytes;
}

export function decodeImageBase64(value: string, maxBase64Length: number): Buffer {
	return decodeBase64File(value, maxBase64Length, IMAGE_ERRORS);
}

/** Loopback only: this workplace forbids traffic to any other address. */
export function isLoopbackHost(hostname: string): boolean {
	const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (bare === 'localhost' || bare === '::1') return true;
	return isIP(bare) === 4 && bare.startsWith('127.');
}

function downloadError(detail: string): TencentApiError {
	return new TencentApiError('FailedOperation.DownLoadError', `File download failed: ${detail}`);
}

function parseDownloadUrl(imageUrl: string): URL {
	let url: URL;
	try {
		url = new URL(imageUrl);
	} catch {
		throw downloadError(`\`${imageUrl}\` is not a URL.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw downloadError('only http and https URLs are fetched.');
	if (!isLoopbackHost(url.hostname)) {
		throw downloadError(
			`the emulator only downloads from loopback addresses (127.0.0.0/8, ::1, localhost), not ${url.hostname}.`,
		);
	}
	return url;
}

function fetchBytes(url: URL, limits: DownloadLimits, errors: FileErrors): Promise<Buffer> {
	const maxBytes = (limits.maxBase64Length / 4) * 3;
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.get(url, (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				reject(downloadError(`the server answered HTTP ${response.statusCode}.`));
				return;
			}
			const chunks: Buffer[] = [];
			let received = 0;
			response.on('data', (chunk: Buffer) => {
				received += chunk.length;
				if (received > maxBytes) request.destroy(errors.tooLarge(base64LengthOf(received), limits.maxBase64Length));
				else chunks.push(chunk);
			});
			response.on('end', () => resolve(Buffer.concat(chunks)));
			response.on('error', reject);
		});
		const timer = setTimeout(
			() => request.destroy(downloadError(`it took longer than ${limits.timeoutMs} ms.`)),
			limits.timeoutMs,
		);
		request.on('close', () => clearTimeout(timer));
		request.on('error', (error) =>
			reject(error instanceof TencentApiError ? error : downloadError(error.message)),
		);
	});
}

async function downloadFile(fileUrl: string, limits: DownloadLimits, errors: FileErrors): Promise<Buffer> {
	const bytes = await fetchBytes(parseDownloadUrl(fileUrl), limits, errors);
	if (bytes.length === 0) throw errors.empty();
	return bytes;
}

function decodeFailed(detail: string): TencentApiError {
	return new TencentApiError('FailedOperation.ImageDecodeFailed', `Image decoding failed: ${detail}`);
}

function checkPdfPage(pageCount: number, requested: number | undefined): number {
	if (pageCount === 0) throw decodeFailed('the PDF has no pages.');
	const pageNumber = requested ?? 1;
	if (pageNumber > pageCount) {
		throw new TencentApiError(
			'InvalidParameterValue',
			`The parameter \`PdfPageNumber\` is ${pageNumber}, but the PDF has ${pageCount} page(s).`,
		);
	}
	return pageNumber;
}

/** PNG/JPEG always; PDF only with IsPdf true; GIF and anything else never. `claimedPageCount` stands in for a PDF's own. */
export function inspectFile(bytes: Buffer, params: VatInvoiceParams, claimedPageCount?: number): InspectedFile {
	const kind = detectFileKind(bytes);
	if (kind === 'gif') throw decodeFailed('GIF is not supported; send PNG, JPG/JPEG or PDF.');
	if (!isSupportedKind(kind)) throw decodeFailed('the file is not a PNG, JPG/JPEG or PDF.');
	if (kind !== 'pdf') return { isPdf: false, pdfPageCount: 0, pdfPageNumber: 0 };
	if (!params.isPdf) throw decodeFailed('the file is a PDF; IsPdf must be true to recognise a PDF.');
	const pdfPageCount = claimedPageCount ?? countPdfPages(bytes);
	return { isPdf: true, pdfPageCount, pdfPageNumber: checkPdfPage(pdfPageCount, params.pdfPageNumber) };
}

/** The URL wins when both are given, as both the VatInvoiceOCR and the OFD pages document. */
export async function loadFile(source: FileSource, limits: DownloadLimits, errors: FileErrors): Promise<Buffer> {
	if (source.url !== undefined) {
		const bytes = await downloadFile(source.url, limits, errors);
		const base64Length = base64LengthOf(bytes.length);
		if (base64Length > limits.maxBase64Length) throw errors.tooLarge(base64Length, limits.maxBase64Length);
		return bytes;
	}
	return decodeBase64File(source.base64 ?? '', limits.maxBase64Length, errors);
}

export function loadFileBytes(params: VatInvoiceParams, limits: DownloadLimits): Promise<Buffer> {
	return loadFile({ base64: params.imageBase64, url: params.imageUrl }, limits, IMAGE_ERRORS);
}
