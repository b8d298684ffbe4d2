/** The three actions' documented sample answers (the `Response` of each fixture), as the SDK types them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	VatInvoiceOCRResponse,
	VatInvoiceVerifyNewResponse,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

const sampleAnswer = <T>(name: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8')).Response as T;

export const recognizeSampleAnswer = sampleAnswer<VatInvoiceOCRResponse>('vat-invoice-ocr-sample-response.json');
export const verifySampleAnswer = sampleAnswer<VatInvoiceVerifyNewResponse>('vat-invoice-verify-new-sample-response.json');
export const ofdSampleAnswer = sampleAnswer<VerifyOfdVatInvoiceOCRResponse>('verify-ofd-vat-invoice-ocr-sample-response.json');
