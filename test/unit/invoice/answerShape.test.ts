/**
 * Answers off the documented shape (a null entry, a number for a text, a text for a list) become one
 * UnexpectedAnswer naming the field, for each of the three actions; what matches the shape reads as before.
 */
import { UnexpectedAnswer } from '../../../nodes/TencentInvoiceOcr/errors';
import { readOfdInvoice, readRecognizedInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { readVerifiedAnswer, verificationOutcomeOf } from '../../../nodes/TencentInvoiceOcr/invoice/verdict';
import { reshapeAnswer, type AnswerChange } from '../../emulator/faults';
import {
	ofdSampleAnswer as ofdSample,
	recognizeSampleAnswer as recognizeSample,
	verifySampleAnswer as verifySample,
} from '../../helpers/sample-answers';

/** What reading the answer throws, as "path is found (Request ID)"; "read" when it reads. */
function outcomeOf(read: () => unknown): string {
	try {
		read();
		return 'read';
	} catch (error) {
		if (!(error instanceof UnexpectedAnswer)) throw error;
		return `${error.message} (${error.requestId ?? 'no Request ID'})`;
	}
}

const change = (path: string, value: unknown): AnswerChange[] => [{ path, value }];

describe('VatInvoiceOCR (Recognize)', () => {
	const requestId = recognizeSample.RequestId;
	it.each<[string, AnswerChange[], string]>([
		['the documented sample', [], 'read'],
		['null fields Tencent could not fill', [...change('VatInvoiceInfos.0.Value', null), ...change('Items.0.Spec', null)], 'read'],
		['no Items at all', change('Items', null), 'read'],
		['null inside VatInvoiceInfos', change('VatInvoiceInfos.2', null), `VatInvoiceInfos[2] is null (${requestId})`],
		['a number for a Name', change('VatInvoiceInfos.0.Name', 42), `VatInvoiceInfos[0].Name is a number (${requestId})`],
		['an object for a Value', change('VatInvoiceInfos.1.Value', { text: 'x' }), `VatInvoiceInfos[1].Value is an object (${requestId})`],
		['a text for the list', change('VatInvoiceInfos', 'none'), `VatInvoiceInfos is a string (${requestId})`],
		['null inside Items', change('Items.0', null), `Items[0] is null (${requestId})`],
		['a list for a line item', change('Items.0', ['客运服务费']), `Items[0] is a list (${requestId})`],
		['a number for a line amount', change('Items.0.AmountWithoutTax', 87.28), `Items[0].AmountWithoutTax is a number (${requestId})`],
		['a boolean for a line name', change('Items.0.Name', true), `Items[0].Name is a boolean (${requestId})`],
	])('%s → %s', (_label, changes, expected) => {
		expect(outcomeOf(() => readRecognizedInvoice(reshapeAnswer(recognizeSample, changes)))).toBe(expected);
	});

	it('passes what it does not read as it came: a polygon of any shape', () => {
		const reading = readRecognizedInvoice(reshapeAnswer(recognizeSample, change('VatInvoiceInfos.0.Polygon', 'odd')));
		expect(Object.values(reading.polygons)[0]).toBe('odd');
	});
});

describe('VatInvoiceVerifyNew (Verify)', () => {
	const requestId = verifySample.RequestId;
	it.each<[string, AnswerChange[], string]>([
		['the documented sample', [], 'read'],
		['no Invoice', change('Invoice', null), 'read'],
		['a text for Invoice', change('Invoice', 'none'), `Invoice is a string (${requestId})`],
		['a number for the invoice number', change('Invoice.Number', 63591128), `Invoice.Number is a number (${requestId})`],
		['a number for the type', change('Invoice.Type', 4), `Invoice.Type is a number (${requestId})`],
		['null inside Items', change('Invoice.Items.0', null), `Invoice.Items[0] is null (${requestId})`],
		['a number for a line name', change('Invoice.Items.0.Name', 1), `Invoice.Items[0].Name is a number (${requestId})`],
	])('%s → %s', (_label, changes, expected) => {
		const answer = reshapeAnswer(verifySample, changes);
		expect(outcomeOf(() => readVerifiedAnswer(answer))).toBe(expected);
		// The verdict, read first, names the field too (no Invoice at all is a verdict of its own).
		if (answer.Invoice) expect(outcomeOf(() => verificationOutcomeOf(answer))).toBe(expected);
	});
});

describe('VerifyOfdVatInvoiceOCR (OFD files)', () => {
	const requestId = ofdSample.RequestId;
	it.each<[string, AnswerChange[], string]>([
		['the documented sample', [], 'read'],
		['no Buyer', change('Buyer', null), 'read'],
		['null inside GoodsInfos', change('GoodsInfos.0', null), `GoodsInfos[0] is null (${requestId})`],
		['a number for an item name', change('GoodsInfos.0.Item', 7), `GoodsInfos[0].Item is a number (${requestId})`],
		['a text for GoodsInfos', change('GoodsInfos', ''), `GoodsInfos is a string (${requestId})`],
		['a list for Seller', change('Seller', []), `Seller is a list (${requestId})`],
		["a number for the buyer's name", change('Buyer.Name', 5), `Buyer.Name is a number (${requestId})`],
		['a number for the invoice number', change('InvoiceNumber', 62), `InvoiceNumber is a number (${requestId})`],
	])('%s → %s', (_label, changes, expected) => {
		expect(outcomeOf(() => readOfdInvoice(reshapeAnswer(ofdSample, changes)))).toBe(expected);
	});
});
