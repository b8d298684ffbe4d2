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
