/** Whole `Invoice` and `LineItem` values for the tables of the invoice tests: the documented sample, read as Recognize reads it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import type { Invoice, LineItem } from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import { readRecognizedInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';

const sampleResponse = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'fixtures', 'vat-invoice-ocr-sample-response.json'), 'utf8'),
).Response as VatInvoiceOCRResponse;

const sampleReading = readRecognizedInvoice(sampleResponse);

/** 012001100311-63591128, 2019-06-16, 87.28 + 2.62 = 89.90, with `changes` over it. */
export const sampleInvoice = (changes: Partial<Invoice> = {}): Invoice => ({ ...sampleReading.invoice, ...changes });

/** The sample's one line (客运服务费 87.28 at 3%), with `changes` over it. */
export const sampleLineItem = (changes: Partial<LineItem> = {}): LineItem => ({ ...sampleReading.lineItems[0], ...changes });
