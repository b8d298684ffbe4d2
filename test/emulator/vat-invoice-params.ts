/** The VatInvoiceOCR request body: parsing, unknown names, and the type of each documented parameter. */
import { TencentApiError } from './api-error';

export interface VatInvoiceParams {
	imageBase64?: string;
	imageUrl?: string;
	isPdf: boolean;
	pdfPageNumber?: number;
}

const KNOWN_PARAMETERS = ['ImageBase64', 'ImageUrl', 'IsPdf', 'PdfPageNumber'];

export function parseJsonBody(body: Buffer): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
	} catch {
		throw new TencentApiError('InvalidParameter', 'The request body is not valid JSON.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new TencentApiError('InvalidParameter', 'The request body must be a JSON object.');
	}
	return parsed as Record<string, unknown>;
}

function optionalOfType<T>(params: Record<string, unknown>, name: string, type: 'string' | 'boolean'): T | undefined {
	const value = params[name];
	if (value === undefined) return undefined;
	if (typeof value !== type) {
		throw new TencentApiError('InvalidParameter', `The parameter \`${name}\` must be a ${type}.`);
	}
	return value as T;
}

function optionalPageNumber(params: Record<string, unknown>): number | undefined {
	const value = params.PdfPageNumber;
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new TencentApiError(
			'InvalidParameterValue',
			`The parameter \`PdfPageNumber\` must be a positive integer, got ${JSON.stringify(value)}.`,
		);
	}
	return value;
}

export function readVatInvoiceParams(params: Record<string, unknown>): VatInvoiceParams {
	const unknown = Object.keys(params).find((name) => !KNOWN_PARAMETERS.includes(name));
	if (unknown) {
		throw new TencentApiError('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
	}
	const result: VatInvoiceParams = {
		imageBase64: optionalOfType<string>(params, 'ImageBase64', 'string'),
		imageUrl: optionalOfType<string>(params, 'ImageUrl', 'string'),
		isPdf: optionalOfType<boolean>(params, 'IsPdf', 'boolean') ?? false,
		pdfPageNumber: optionalPageNumber(params),
	};
	if (result.imageBase64 === undefined && result.imageUrl === undefined) {
		throw new TencentApiError('InvalidParameter', 'One of the parameters `ImageUrl` or `ImageBase64` is required.');
	}
	return result;
}

/** The parameters as stats show them: the image payload replaced by its length. */
export function summarizeParams(params: Record<string, unknown>): Record<string, unknown> {
	const { ImageBase64: imageBase64, ...rest } = params;
	return typeof imageBase64 === 'string' ? { ...rest, ImageBase64: `<${imageBase64.length} base64 chars>` } : rest;
}
