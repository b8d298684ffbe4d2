/** Verify VAT Invoice: each input item's invoice verified with the tax authority in one call. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { VatInvoiceVerifyNewResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import {
	readVerifiedAnswer,
	readVerifiedQuery,
	verificationOutcomeOf,
	verificationOutcomeOfCode,
} from '../../invoice/verdict';
import type { FileInvoices, RecognizedPage } from '../../output/invoiceItems';
import { toTencentFailure, type TencentFailure } from '../../tencent/failures/failures';
import { settled } from '../../tencent/transport/settled';
import { verifyRequestOf } from '../../tencent/transport/verifyRequest';
import type { ItemScope } from '../runner';
import { readVerifyQuery, type VerifyQuery } from './verifyQuery';

/** A verdict Tencent answers as an error code: Tencent's answer as it came, for Raw Response output. */
const rawAnswerOfCode = (failure: TencentFailure) => ({
	RequestId: failure.requestId ?? null,
	Error: { Code: failure.code ?? null, Message: failure.message },
});

const NOT_IN_A_FILE = { requestedPage: 1, pdfPageCount: 0, imageRotationDegrees: null };

/** The tax authority answered the invoice: it, as the tax authority knows it, with the verdict. */
function pageOfAnswer(response: VatInvoiceVerifyNewResponse, query: VerifyQuery): RecognizedPage {
	return {
		...NOT_IN_A_FILE,
		reading: readVerifiedAnswer(response),
		requestId: response.RequestId ?? null,
		rawResponse: response,
		verdict: { ...verificationOutcomeOf(response), statusCode: null, verifiedWith: query },
	};
}

/**
 * Billed answers that are verdicts on the invoice (notFound, mismatch…) become a status, what was
 * verified standing in for the invoice; any other failure is thrown, for the runner to report.
 */
function pageOfVerdictCode(error: unknown, query: VerifyQuery): RecognizedPage {
	const failure = toTencentFailure(error);
	const outcome = verificationOutcomeOfCode(failure.code);
	if (!outcome) throw error;
	return {
		...NOT_IN_A_FILE,
		reading: readVerifiedQuery(query),
		requestId: failure.requestId ?? null,
		rawResponse: rawAnswerOfCode(failure),
		verdict: { ...outcome, statusCode: failure.code ?? null, verifiedWith: query, needsReview: true, reviewReasons: [outcome.statusMessage] },
	};
}

/**
 * Verifies one input item's invoice: whatever the verdict, the invoice as the tax authority knows it
 * (or, for a verdict with no invoice, as it was verified) with the verdict, shaped as Recognize's
 * invoices are, per output of the node. Line items of the Recognize output are passed over, so that
 * each invoice is verified (and billed) once.
 */
export async function execute(this: IExecuteFunctions, item: ItemScope): Promise<FileInvoices[]> {
	const { itemIndex } = item;
	if (this.getInputData()[itemIndex].json.recordType === 'lineItem') return [];
	const parameter = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const options = this.getNodeParameter('options', itemIndex, {}) as { allowTodaysInvoices?: boolean };
	// Refused before the (billed) call: what the tax authority cannot verify, "today" read in China time.
	const query = readVerifyQuery(
		{
			invoiceNumber: parameter('invoiceNumber'),
			issueDate: parameter('issueDate'),
			invoiceCode: parameter('invoiceCode'),
			checkCode: parameter('checkCode'),
			amountBeforeTax: parameter('amountBeforeTax'),
			totalWithTax: parameter('totalWithTax'),
			allowTodaysInvoice: options.allowTodaysInvoices === true,
		},
		Date.now(),
	);
	const answer = await settled(item.caller.call('VatInvoiceVerifyNew', verifyRequestOf(query)));
	const page = answer.ok ? pageOfAnswer(answer.value, query) : pageOfVerdictCode(answer.error, query);
	return [{ pages: [page], includePolygons: false, sourceFile: { sourceFileName: null, sourceBinaryField: null }, pagesNotRecognized: [] }];
}
