import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VatInvoiceVerifyNewResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import {
	readVerifiedAnswer,
	verificationOutcomeOf,
	verificationOutcomeOfCode,
	UnknownVerdictError,
} from '../../../nodes/TencentInvoiceOcr/invoice/verdict';

const sample = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'fixtures', 'vat-invoice-verify-new-sample-response.json'), 'utf8'),
).Response as VatInvoiceVerifyNewResponse;

describe('verificationOutcomeOf: the verdict on a known invoice, IsAbandoned × RedLetterInvoiceMark', () => {
	const answer = (IsAbandoned: string | undefined, RedLetterInvoiceMark: boolean | undefined) => ({
		...sample,
		Invoice: { ...sample.Invoice, IsAbandoned, RedLetterInvoiceMark },
	});

	// Every IsAbandoned value the API documents, with each red-letter mark (false, true, and null/absent).
	it.each<[string, boolean | undefined, string]>([
		['N', false, 'valid'],
		['N', undefined, 'valid'],
		['N', true, 'redLettered'],
		['Y', false, 'void'],
		['Y', undefined, 'void'],
		['Y', true, 'void'],
		['H', false, 'reversed'],
		['H', undefined, 'reversed'],
		['H', true, 'reversed'],
		['HF', false, 'reversed'],
		['HF', undefined, 'reversed'],
		['HF', true, 'reversed'],
		['HP', false, 'partiallyReversed'],
		['HP', undefined, 'partiallyReversed'],
		['HP', true, 'partiallyReversed'],
		[' hp ', false, 'partiallyReversed'],
	])('IsAbandoned %p, RedLetterInvoiceMark %p → %s', (isAbandoned, redLetter, status) => {
		expect(verificationOutcomeOf(answer(isAbandoned, redLetter)).status).toBe(status);
	});

	it.each<[string, string | undefined, boolean | undefined, RegExp]>([
		['an unknown letter', 'X', false, /^The tax authority answered IsAbandoned "X", which is none of Y, N, H, HP, HF/],
		['an unknown letter on a red invoice', 'R', true, /answered IsAbandoned "R"/],
		['an empty value', '', false, /answered IsAbandoned "", which/],
		['no value at all', undefined, false, /^The tax authority answered no IsAbandoned value, which/],
	])('%s is an error naming the value, never valid', (_label, isAbandoned, redLetter, message) => {
		expect(() => verificationOutcomeOf(answer(isAbandoned, redLetter))).toThrow(UnknownVerdictError);
		expect(() => verificationOutcomeOf(answer(isAbandoned, redLetter))).toThrow(message);
	});

	it('an answer without Invoice is an error too', () => {
		expect(() => verificationOutcomeOf({ RequestId: 'r-1' })).toThrow(/no IsAbandoned value/);
	});

	it.each<[string, RegExp]>([
		['void', /voided \(作废\)/],
		['reversed', /cancelled this invoice in full/],
		['partiallyReversed', /cancelled part of this invoice \(部分红冲\)/],
		['redLettered', /red-letter \(红字\) invoice/],
		['valid', /^The tax authority confirms the invoice$/],
	])('%s says what it means', (status, message) => {
		const marks: Record<string, [string, boolean]> = {
			void: ['Y', false],
			reversed: ['HF', false],
			partiallyReversed: ['HP', false],
			redLettered: ['N', true],
			valid: ['N', false],
		};
		expect(verificationOutcomeOf(answer(...marks[status])).statusMessage).toMatch(message);
	});
});

describe('verificationOutcomeOfCode: answers that are verdicts, not failures', () => {
	it.each<[string, string | undefined, RegExp | undefined]>([
		['ResourceNotFound.NoInvoice', 'notFound', /does not exist, or a value was misread/],
		['ResourceNotFound.NotSupportCurrentInvoiceQuery', 'notYetAvailable', /issued today .* verify it again tomorrow/],
		['FailedOperation.InvoiceMismatch', 'mismatch', /differs from the amount or check code/],
		['FailedOperation.CountLimitError', 'queryLimitReached', /5 a day/],
		['AuthFailure.SignatureFailure', undefined, undefined],
		['InvalidParameterValue.TicketSnParameterValueLimit', undefined, undefined],
	])('%s → %s', (code, status, message) => {
		const outcome = verificationOutcomeOfCode(code);
		expect(outcome?.status).toBe(status);
		if (message) expect(outcome?.statusMessage).toMatch(message);
	});
});

describe('readVerifiedAnswer', () => {
	it('normalises the documented sample like the Recognize output', () => {
		const { invoice, lineItems } = readVerifiedAnswer(sample);
		expect(lineItems).toEqual([]);
		expect(invoice).toMatchObject({
			invoiceType: '102',
			invoiceCode: '144002288010',
			invoiceNumber: '04138864',
			issueDate: null,
			sellerName: '广州市天河区员美丽美食店',
			sellerTaxId: null,
			totalBeforeTax: 0,
			totalTax: 0,
			totalWithTax: 498.9,
		});
	});
});
