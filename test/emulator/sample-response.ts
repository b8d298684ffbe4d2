/** The documented sample answers, read from the committed fixture copies. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

export const SAMPLE_RESPONSE_PATH = path.join(FIXTURES, 'vat-invoice-ocr-sample-response.json');
export const VERIFY_SAMPLE_RESPONSE_PATH = path.join(FIXTURES, 'vat-invoice-verify-new-sample-response.json');
export const OFD_SAMPLE_RESPONSE_PATH = path.join(FIXTURES, 'verify-ofd-vat-invoice-ocr-sample-response.json');

/** A sample's Response without RequestId, which the emulator sets per request. */
function loadSampleBody(filePath: string): Record<string, unknown> {
	const document = JSON.parse(readFileSync(filePath, 'utf8')) as { Response: Record<string, unknown> };
	const { RequestId: _requestId, ...body } = document.Response;
	return body;
}

/** The VatInvoiceOCR sample without RequestId and PdfPageSize, which the emulator fills per request. */
export function loadSampleRecognition(): Record<string, unknown> {
	const { PdfPageSize: _pdfPageSize, ...recognition } = loadSampleBody(SAMPLE_RESPONSE_PATH);
	return recognition;
}

/** The VatInvoiceVerifyNew sample without RequestId. */
export function loadSampleVerification(): Record<string, unknown> {
	return loadSampleBody(VERIFY_SAMPLE_RESPONSE_PATH);
}

/** The VerifyOfdVatInvoiceOCR sample without RequestId. */
export function loadSampleOfdRecognition(): Record<string, unknown> {
	return loadSampleBody(OFD_SAMPLE_RESPONSE_PATH);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** How many days before the emulator's "today" (in China) its default recognition is dated. */
export const RECENT_SAMPLE_AGE_DAYS = 3;

/**
 * The VatInvoiceOCR sample issued RECENT_SAMPLE_AGE_DAYS before `nowMs`'s day in China (as 2024年03月02日):
 * its own date, 2019-06-16, is older than the five years the tax authority verifies, so Recognize → Verify
 * of the default sample works on any day. Everything else is the documented sample.
 */
export function loadRecentSampleRecognition(nowMs: number): Record<string, unknown> {
	const recognition = loadSampleRecognition();
	const [year, month, day] = new Date(nowMs + CHINA_OFFSET_MS - RECENT_SAMPLE_AGE_DAYS * DAY_MS).toISOString().slice(0, 10).split('-');
	const infos = recognition.VatInvoiceInfos as Array<{ Name: string; Value: string }>;
	return {
		...recognition,
		VatInvoiceInfos: infos.map((info) => (info.Name === '开票日期' ? { ...info, Value: `${year}年${month}月${day}日` } : info)),
	};
}
