/** The documented VatInvoiceOCR sample answer, read from the committed fixture copy. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const SAMPLE_RESPONSE_PATH = path.join(__dirname, '..', 'fixtures', 'vat-invoice-ocr-sample-response.json');

/** The sample's Response without RequestId and PdfPageSize, which the emulator fills per request. */
export function loadSampleRecognition(): Record<string, unknown> {
	const document = JSON.parse(readFileSync(SAMPLE_RESPONSE_PATH, 'utf8')) as { Response: Record<string, unknown> };
	const { RequestId: _requestId, PdfPageSize: _pdfPageSize, ...recognition } = document.Response;
	return recognition;
}
