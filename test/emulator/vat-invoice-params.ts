/** The VatInvoiceOCR request body: unknown names, and the type of each documented parameter. */
import { TencentApiError } from './api-error';
import { optionalOfType, optionalPositiveInteger, rejectUnknownParameters } from './request-params';

export { parseJsonBody, summarizeParams } from './request-params';

export interface VatInvoiceParams {
	imageBase64?: string;
	imageUrl?: string;
	isPdf: boolean;
	pdfPageNumber?: number;
}

const KNOWN_PARAMETERS = ['ImageBase64', 'ImageUrl', 'IsPdf', 'PdfPageNumber'];

export function readVatInvoiceParams(params: Record<string, unknown>): VatInvoiceParams {
	rejectUnknownParameters(params, KNOWN_PARAMETERS);
	const result: VatInvoiceParams = {
		imageBase64: optionalOfType<string>(params, 'ImageBase64', 'string'),
		imageUrl: optionalOfType<string>(params, 'ImageUrl', 'string'),
		isPdf: optionalOfType<boolean>(params, 'IsPdf', 'boolean') ?? false,
		pdfPageNumber: optionalPositiveInteger(params, 'PdfPageNumber', 'InvalidParameterValue'),
	};
	if (result.imageBase64 === undefined && result.imageUrl === undefined) {
		throw new TencentApiError('InvalidParameter', 'One of the parameters `ImageUrl` or `ImageBase64` is required.');
	}
	return result;
}
