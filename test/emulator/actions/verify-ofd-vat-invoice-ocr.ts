/** VerifyOfdVatInvoiceOCR (OFD发票识别): an OFD file in, the documented sample (or the recognizeOfd hook) out. */
import { TencentApiError } from '../api-error';
import { loadFile, type DownloadLimits, type FileErrors } from '../image-input';
import { inspectOfd } from '../ofd-file';
import { optionalOfType, optionalPositiveInteger, rejectUnknownParameters } from '../request-params';
import type { ActionAnswer } from './action';

/** The error codes the VerifyOfdVatInvoiceOCR page documents (https://cloud.tencent.com/document/api/866/52296). */
export const OFD_ERRORS = {
	/** 文件下载失败。 */
	downloadFailed: 'FailedOperation.DownLoadError',
	/** OCR识别失败。 The emulator answers it for a file that is not an OFD. */
	ocrFailed: 'FailedOperation.OcrFailed',
	/** 未知错误。 */
	unknown: 'FailedOperation.UnKnowError',
	/** 服务未开通。 */
	notOpened: 'FailedOperation.UnOpenError',
	/** 参数值错误。 The emulator answers it for missing, undecodable, empty or oversize files and bad page numbers. */
	invalidValue: 'InvalidParameterValue.InvalidParameterValueLimit',
	/** 计费状态异常。 */
	chargeStatus: 'ResourcesSoldOut.ChargeStatusException',
} as const;

export interface RecognizeOfdInput {
	fileBytes: Buffer;
	/** OfdPageNumber, 1 when absent. */
	pageNumber: number;
	/** Pages of the first document (Doc_0/Pages/Page_N). */
	pageCount: number;
}

/** Returns the Response body (RequestId is always set by the emulator); may throw a TencentApiError. */
export type RecognizeOfdHook = (input: RecognizeOfdInput) => object | Promise<object>;

interface OfdParams {
	ofdFileUrl?: string;
	ofdFileBase64?: string;
	pageNumber: number;
}

const KNOWN_PARAMETERS = ['OfdFileUrl', 'OfdFileBase64', 'OfdPageNumber'];

const invalidValue = (detail: string) => new TencentApiError(OFD_ERRORS.invalidValue, `参数值错误。 ${detail}`);
const ocrFailed = (detail: string) => new TencentApiError(OFD_ERRORS.ocrFailed, `OCR识别失败。 ${detail}`);

/** The page documents no size limit; the emulator applies VatInvoiceOCR's. */
const OFD_FILE_ERRORS: FileErrors = {
	tooLarge: (base64Length, maxBase64Length) =>
		invalidValue(`The OFD file is ${base64Length} characters after base64 encoding; the limit is ${maxBase64Length}.`),
	notBase64: () => invalidValue('OfdFileBase64 is not valid base64 (send the bare base64 text, without a data: prefix).'),
	empty: () => invalidValue('The OFD file is empty.'),
};

export function readOfdParams(params: Record<string, unknown>): OfdParams {
	rejectUnknownParameters(params, KNOWN_PARAMETERS);
	const result: OfdParams = {
		ofdFileUrl: optionalOfType<string>(params, 'OfdFileUrl', 'string'),
		ofdFileBase64: optionalOfType<string>(params, 'OfdFileBase64', 'string'),
		pageNumber: optionalPositiveInteger(params, 'OfdPageNumber', OFD_ERRORS.invalidValue) ?? 1,
	};
	if (result.ofdFileUrl === undefined && result.ofdFileBase64 === undefined) {
		throw invalidValue('One of the parameters `OfdFileUrl` or `OfdFileBase64` is required.');
	}
	return result;
}

/** The page count; throws when the bytes are no OFD or lack the requested page. */
export function checkOfdFile(bytes: Buffer, pageNumber: number): number {
	const ofd = inspectOfd(bytes);
	if (!ofd) throw ocrFailed('The file is not an OFD document (a ZIP archive with OFD.xml at its root).');
	if (ofd.pageCount === 0) throw ocrFailed('The OFD document has no pages.');
	if (pageNumber > ofd.pageCount) {
		throw invalidValue(`The parameter \`OfdPageNumber\` is ${pageNumber}, but the OFD has ${ofd.pageCount} page(s).`);
	}
	return ofd.pageCount;
}

export function verifyOfdVatInvoiceOcrAction(limits: DownloadLimits, recognizeOfd: RecognizeOfdHook): ActionAnswer {
	return async (body, context) => {
		const params = readOfdParams(body);
		const source = { url: params.ofdFileUrl, base64: params.ofdFileBase64 };
		const fileBytes = await loadFile(source, limits, OFD_FILE_ERRORS);
		const pageCount = checkOfdFile(fileBytes, params.pageNumber);
		context.throwInjectedFault();
		return recognizeOfd({ fileBytes, pageNumber: params.pageNumber, pageCount });
	};
}
