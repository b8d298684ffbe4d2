/** The tax authority's answer to VatInvoiceVerifyNew: the verdict on the invoice, and the invoice it knows. */
import type { VatInvoiceVerifyNewResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { FixableProblem } from '../errors';
import { checkVerifiedInvoice } from './answerShape';
import { readVerifiedInvoice, type InvoiceReading } from './fromAnswers';
import type { RecordOf, VERDICT_FIELDS, VerifiedWith } from './recordFields';

/** What each status means, as `statusMessage` says it (and docs/output.md's statuses table, generated from here). */
export const STATUS_MESSAGES = {
	valid: 'The tax authority confirms the invoice',
	void: 'The invoice was voided (作废) by its issuer: do not pay it',
	reversed: 'A red invoice cancelled this invoice in full (红冲 / 全额红冲): do not pay it',
	partiallyReversed:
		'A red invoice cancelled part of this invoice (部分红冲): pay only what is left, after checking the red invoice',
	redLettered: 'This is a red-letter (红字) invoice: it cancels, fully or in part, an earlier invoice',
	notFound: 'The tax authority has no invoice with this number, date and code: it does not exist, or a value was misread',
	notYetAvailable:
		"The invoice was issued today and is not in the tax authority's records yet: verify it again tomorrow, or turn on Allow Today's Invoices",
	mismatch: "The tax authority's record of this invoice differs from the amount or check code given",
	queryLimitReached: 'This invoice was verified too often today (the tax authority allows 5 a day): verify it again tomorrow',
} as const;

export type VerificationStatus = keyof typeof STATUS_MESSAGES;

export interface VerificationOutcome {
	status: VerificationStatus;
	statusMessage: string;
}

const outcomeOf = (status: VerificationStatus): VerificationOutcome => ({ status, statusMessage: STATUS_MESSAGES[status] });

/**
 * The keys a verdict adds to the Verify invoice item (VERDICT_FIELDS). A verdict with no invoice
 * behind it (notFound, mismatch…) is for a person to look at: it says so with the verdict's message.
 */
export type Verdict = RecordOf<typeof VERDICT_FIELDS> &
	VerificationOutcome & { verifiedWith: VerifiedWith; needsReview?: true; reviewReasons?: string[] };

/** The invoice as the tax authority knows it, in the same model as the Recognize output, with its line items. */
export function readVerifiedAnswer(response: VatInvoiceVerifyNewResponse): InvoiceReading {
	return readVerifiedInvoice(response.Invoice ?? {}, response.RequestId);
}

/** A verdict answered as a code has no invoice: what was verified stands in for it, so it gets the same dedupeKey. */
export function readVerifiedQuery(query: VerifiedWith): InvoiceReading {
	return readVerifiedInvoice({ Number: query.invoiceNumber, Code: query.invoiceCode ?? undefined, Date: query.issueDate });
}

/**
 * Answers of VatInvoiceVerifyNew that are verdicts on the invoice, not failures of the call:
 * they become a status a flow can branch on. "Not yet available" and "does not exist" differ.
 */
const STATUS_BY_CODE: Record<string, VerificationStatus> = {
	'ResourceNotFound.NoInvoice': 'notFound',
	'ResourceNotFound.NotSupportCurrentInvoiceQuery': 'notYetAvailable',
	'FailedOperation.InvoiceMismatch': 'mismatch',
	'FailedOperation.CountLimitError': 'queryLimitReached',
};

export function verificationOutcomeOfCode(code: string | undefined): VerificationOutcome | undefined {
	const status = code !== undefined && Object.prototype.hasOwnProperty.call(STATUS_BY_CODE, code) ? STATUS_BY_CODE[code] : undefined;
	return status === undefined ? undefined : outcomeOf(status);
}

/**
 * The tax authority's answer made an invoice neither valid nor clearly cancelled: never read as
 * `valid`, so a flow that pays valid invoices does not pay it.
 */
export class UnknownVerdictError extends FixableProblem {}

/**
 * `Invoice.IsAbandoned` as VatInvoiceVerifyNew documents it: Y 已作废, N 未作废, H 红冲, HP 部分红冲,
 * HF 全额红冲. `null` means "not cancelled": the verdict goes on to the red-letter mark.
 */
const STATUS_BY_ABANDONED_MARK: Record<string, VerificationStatus | null> = {
	Y: 'void',
	H: 'reversed',
	HF: 'reversed',
	HP: 'partiallyReversed',
	N: null,
};

/**
 * The verdict on an invoice the tax authority knows: `valid` only when it is neither voided nor
 * reversed (IsAbandoned N) and not itself a red invoice. Any other IsAbandoned value, a missing one
 * included, throws UnknownVerdictError naming it.
 */
export function verificationOutcomeOf(response: VatInvoiceVerifyNewResponse): VerificationOutcome {
	// An Invoice off its documented shape is named as such, not taken for a missing verdict.
	if (response.Invoice !== undefined && response.Invoice !== null) checkVerifiedInvoice(response.Invoice, response.RequestId);
	const abandonedMark = response.Invoice?.IsAbandoned;
	const key = typeof abandonedMark === 'string' ? abandonedMark.trim().toUpperCase() : undefined;
	const status = key !== undefined && Object.prototype.hasOwnProperty.call(STATUS_BY_ABANDONED_MARK, key) ? STATUS_BY_ABANDONED_MARK[key] : undefined;
	if (status === undefined) {
		const shown = abandonedMark === undefined || abandonedMark === null ? 'no IsAbandoned value' : `IsAbandoned "${String(abandonedMark)}"`;
		throw new UnknownVerdictError(
			`The tax authority answered ${shown}, which is none of Y, N, H, HP, HF: the invoice is not confirmed as valid`,
			`Do not pay the invoice before checking it on the tax authority's site (https://inv-veri.chinatax.gov.cn).${
				response.RequestId ? ` Tencent's Request ID: ${response.RequestId}.` : ''
			}`,
		);
	}
	if (status) return outcomeOf(status);
	return outcomeOf(response.Invoice?.RedLetterInvoiceMark === true ? 'redLettered' : 'valid');
}
