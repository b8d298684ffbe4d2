/** VatInvoiceVerifyNew (增值税发票核验(新版)): invoice fields in, the tax authority's record (or the verify hook) out. */
import { loadSampleVerification } from '../sample-response';
import type { ActionAnswer } from './action';
import { chinaDate, readVerifyParams, type VerifyRequest } from './verify-new-params';

/** Returns the Response body (RequestId is always set by the emulator); may throw a TencentApiError, e.g. verifyError(VERIFY_ERRORS.notFound). */
export type VerifyHook = (request: VerifyRequest) => object | Promise<object>;

/**
 * The documented sample with Invoice.Number, Code and Date taken from the request (Date as YYYYMMDD, the
 * form the page's earlier sample shows), and any `invoice` fields over it, e.g. { IsAbandoned: 'Y' }.
 */
export function sampleVerifyAnswer(request: VerifyRequest, invoice: Record<string, unknown> = {}): Record<string, unknown> {
	const sample = loadSampleVerification();
	return {
		...sample,
		Invoice: {
			...(sample.Invoice as Record<string, unknown>),
			Number: request.invoiceNo,
			Code: request.invoiceCode ?? '',
			Date: request.invoiceDate.replaceAll('-', ''),
			...invoice,
		},
	};
}

export function vatInvoiceVerifyNewAction(verify: VerifyHook, nowMs: () => number): ActionAnswer {
	return async (body, context) => {
		const request = readVerifyParams(body, chinaDate(nowMs()));
		context.throwInjectedFault();
		return verify(request);
	};
}
