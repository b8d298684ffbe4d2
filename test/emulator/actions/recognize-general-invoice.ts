/**
 * RecognizeGeneralInvoice (通用票据识别（高级版）): an image, PDF or OFD in, every document found on the asked page
 * (or, with EnableMultiplePage, on pages 1..min(30, count)) out as MixedInvoiceItems, each billed when read (Code OK).
 * Its parameters are checked as the SDK's RecognizeGeneralInvoiceRequest documents them.
 */
import { TencentApiError } from '../api-error';
import { countPdfPages, detectFileKind, isSupportedKind } from '../file-type';
import {
	DEFAULT_DOCUMENT,
	documentMarkers,
	documentNamesOnPage,
	generalInvoiceEntry,
	withAllStructKeys,
	type GeneralInvoiceEntry,
} from '../general-invoice-documents';
import { loadFile, type DownloadLimits, type FileErrors } from '../image-input';
import { inspectOfd } from '../ofd-file';
import { optionalOfType, optionalPositiveInteger, rejectUnknownParameters } from '../request-params';
import type { ActionAnswer } from './action';

/** The error codes the RecognizeGeneralInvoice page documents, as the emulator answers them. */
export const GENERAL_INVOICE_ERRORS = {
	downloadFailed: 'FailedOperation.DownLoadError',
	empty: 'FailedOperation.EmptyImageError',
	decodeFailed: 'FailedOperation.ImageDecodeFailed',
	invalidValue: 'InvalidParameterValue.InvalidParameterValueLimit',
	tooLarge: 'LimitExceeded.TooLargeFileError',
	unsupported: 'FailedOperation.UnsupportedInvoice',
	unknown: 'FailedOperation.UnKnowError',
} as const;

/** The `Types` codes the request documents (-1: 其他发票). */
export const GENERAL_INVOICE_TYPES = [-1, 0, 1, 2, 3, 5, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
/** EnableMultiplePage reads at most this many pages, from page 1. */
export const MULTIPLE_PAGE_LIMIT = 30;

export interface GeneralInvoiceParams {
	imageBase64?: string;
	imageUrl?: string;
	/** The one forced type, if any. */
	forcedType?: number;
	enableOther: boolean;
	enablePdf: boolean;
	pdfPageNumber: number;
	enableMultiplePage: boolean;
	enableCutImage: boolean;
	enableItemPolygon: boolean;
	enableQrCode: boolean;
	enableSeal: boolean;
}

const KNOWN_PARAMETERS = [
	'ImageBase64',
	'ImageUrl',
	'Types',
	'EnableOther',
	'EnablePdf',
	'PdfPageNumber',
	'EnableMultiplePage',
	'EnableCutImage',
	'EnableItemPolygon',
	'EnableQRCode',
	'EnableSeal',
];

const invalidValue = (detail: string) => new TencentApiError(GENERAL_INVOICE_ERRORS.invalidValue, `参数值错误。 ${detail}`);
const decodeFailed = (detail: string) => new TencentApiError(GENERAL_INVOICE_ERRORS.decodeFailed, `图片解码失败。 ${detail}`);

const FILE_ERRORS: FileErrors = {
	tooLarge: (base64Length, maxBase64Length) =>
		new TencentApiError(
			GENERAL_INVOICE_ERRORS.tooLarge,
			`文件内容太大。 The file is ${base64Length} characters after base64 encoding; the limit is ${maxBase64Length}.`,
		),
	notBase64: () => decodeFailed('ImageBase64 is not valid base64 (send the bare base64 text, without a data: prefix).'),
	empty: () => new TencentApiError(GENERAL_INVOICE_ERRORS.empty, '图片内容为空。'),
};

function readTypes(params: Record<string, unknown>): number | undefined {
	const types = params.Types;
	if (types === undefined) return undefined;
	if (!Array.isArray(types) || !types.every((type) => typeof type === 'number' && Number.isInteger(type))) {
		throw new TencentApiError('InvalidParameter', 'The parameter `Types` must be an array of integers.');
	}
	if (types.length > 1) throw invalidValue(`Types takes one type (暂不支持多个参数进行局部控制), got ${types.length}.`);
	const unknown = types.find((type) => !GENERAL_INVOICE_TYPES.includes(type as number));
	if (unknown !== undefined) throw invalidValue(`Types ${String(unknown)} is not one of ${GENERAL_INVOICE_TYPES.join(', ')}.`);
	return types[0] as number | undefined;
}

export function readGeneralInvoiceParams(params: Record<string, unknown>): GeneralInvoiceParams {
	rejectUnknownParameters(params, KNOWN_PARAMETERS);
	const flag = (name: string, fallback: boolean) => optionalOfType<boolean>(params, name, 'boolean') ?? fallback;
	const result: GeneralInvoiceParams = {
		imageBase64: optionalOfType<string>(params, 'ImageBase64', 'string'),
		imageUrl: optionalOfType<string>(params, 'ImageUrl', 'string'),
		forcedType: readTypes(params),
		enableOther: flag('EnableOther', true),
		enablePdf: flag('EnablePdf', true),
		pdfPageNumber: optionalPositiveInteger(params, 'PdfPageNumber', GENERAL_INVOICE_ERRORS.invalidValue) ?? 1,
		enableMultiplePage: flag('EnableMultiplePage', false),
		enableCutImage: flag('EnableCutImage', false),
		enableItemPolygon: flag('EnableItemPolygon', false),
		enableQrCode: flag('EnableQRCode', false),
		enableSeal: flag('EnableSeal', false),
	};
	if (result.imageBase64 === undefined && result.imageUrl === undefined) {
		throw invalidValue('One of the parameters `ImageUrl` or `ImageBase64` is required.');
	}
	return result;
}

/** The pages one request reads: none (0) for an image, the asked page, or 1..min(30, count) with EnableMultiplePage. */
export function pagesToRead(params: GeneralInvoiceParams, isPdf: boolean, pageCount: number): number[] {
	if (!isPdf) return [0];
	if (pageCount === 0) throw decodeFailed('the PDF has no pages.');
	if (params.enableMultiplePage) return Array.from({ length: Math.min(MULTIPLE_PAGE_LIMIT, pageCount) }, (_unused, index) => index + 1);
	if (!params.enablePdf) throw decodeFailed('the file is a PDF; EnablePdf must be true (its default) to read a PDF.');
	if (params.pdfPageNumber > pageCount) {
		throw invalidValue(`The parameter \`PdfPageNumber\` is ${params.pdfPageNumber}, but the PDF has ${pageCount} page(s).`);
	}
	return [params.pdfPageNumber];
}

export interface GeneralInvoicePage {
	fileBytes: Buffer;
	/** 0 for an image. */
	page: number;
	/** 0 for an image. */
	pdfPageCount: number;
}

/** The documents on one page, as fixture entries (Page is set by the action); may throw a TencentApiError. */
export type RecognizeGeneralHook = (page: GeneralInvoicePage) => GeneralInvoiceEntry[] | Promise<GeneralInvoiceEntry[]>;

/** The default: the file's markers name the page's fixtures (see general-invoice-documents.ts). */
export function markedDocuments(dateDefaultDocument: (entry: GeneralInvoiceEntry) => GeneralInvoiceEntry): RecognizeGeneralHook {
	return ({ fileBytes, page, pdfPageCount }) =>
		documentNamesOnPage(documentMarkers(fileBytes), page, pdfPageCount).map((name) =>
			name === DEFAULT_DOCUMENT ? dateDefaultDocument(generalInvoiceEntry(name)) : generalInvoiceEntry(name),
		);
}

const SMALL_POLYGON = { LeftTop: { X: 10, Y: 10 }, RightTop: { X: 90, Y: 10 }, RightBottom: { X: 90, Y: 30 }, LeftBottom: { X: 10, Y: 30 } };

/** What the request's switches change in an entry: a forced or disabled type is not read; extras when asked. */
export function answerEntry(entry: GeneralInvoiceEntry, params: GeneralInvoiceParams, page: number): GeneralInvoiceEntry {
	const unreadable = (code: string, type: number) => ({
		...entry,
		Code: code,
		Type: type,
		SubType: '',
		TypeDescription: '',
		SubTypeDescription: '',
		SingleInvoiceInfos: {},
	});
	let answered = entry;
	if (entry.Code === 'OK' && params.forcedType !== undefined && params.forcedType !== entry.Type) {
		answered = unreadable(GENERAL_INVOICE_ERRORS.unknown, params.forcedType);
	} else if (entry.Code === 'OK' && entry.Type === -1 && !params.enableOther) {
		answered = unreadable(GENERAL_INVOICE_ERRORS.unsupported, -1);
	}
	const struct = Object.values(answered.SingleInvoiceInfos)[0] as Record<string, unknown> | undefined;
	return withAllStructKeys({
		...answered,
		Page: page || 1,
		...(params.enableItemPolygon && struct
			? { ItemPolygon: Object.keys(struct).filter((key) => typeof struct[key] === 'string').map((Key) => ({ Key, Polygon: SMALL_POLYGON, Row: 0 })) }
			: {}),
		...(params.enableCutImage ? { CutImage: 'iVBORw0KGgo=' } : {}),
		...(params.enableQrCode ? { QRCode: typeof answered.QRCode === 'string' ? answered.QRCode : '' } : {}),
		...(params.enableSeal ? { InvoiceSealInfo: { CompanySealMark: '0', SupervisionSealMark: '0', CompanySealMarkInfo: [], SupervisionSealMarkInfo: [] } } : {}),
	});
}

/** Tencent bills each document it read: the entries answered OK. */
export const billedDocumentCount = (items: Array<{ Code?: unknown }>) => items.filter((item) => item.Code === 'OK').length;

export function recognizeGeneralInvoiceAction(limits: DownloadLimits, recognizeGeneral: RecognizeGeneralHook): ActionAnswer {
	return async (body, context) => {
		const params = readGeneralInvoiceParams(body);
		const fileBytes = await loadFile({ base64: params.imageBase64, url: params.imageUrl }, limits, FILE_ERRORS);
		const kind = detectFileKind(fileBytes);
		if (kind === 'gif') throw decodeFailed('GIF is not supported; send PNG, JPG/JPEG or PDF.');
		// An OFD is read too, its first page only, as an image is.
		if (!isSupportedKind(kind) && !inspectOfd(fileBytes)) throw decodeFailed('the file is not a PNG, JPG/JPEG, PDF or OFD.');
		const isPdf = kind === 'pdf';
		const pdfPageCount = isPdf ? (context.claimedPdfPageCount ?? countPdfPages(fileBytes)) : 0;
		const pages = pagesToRead(params, isPdf, pdfPageCount);
		context.throwInjectedFault(isPdf && !params.enableMultiplePage ? pages[0] : undefined);
		const items: GeneralInvoiceEntry[] = [];
		for (const page of pages) {
			const entries = await recognizeGeneral({ fileBytes, page, pdfPageCount });
			items.push(...entries.map((entry) => answerEntry(entry, params, page)));
		}
		return { MixedInvoiceItems: items, TotalPDFCount: pdfPageCount };
	};
}
