/** The tax authority's answer to VatInvoiceVerifyNew: the verdict on the invoice, and the invoice it knows. */
import type { VatInvoiceVerifyNewResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { FixableProblem } from '../errors';
import { readVerifiedInvoice } from './fromAnswers';

export type VerificationStatus =
	| 'valid'
	| 'void'
	| 'reversed'
	| 'partiallyReversed'
	| 'redLettered'
	| 'notFound'
	| 'mismatch'
	| 'notYetAvailable'
	| 'queryLimitReached';

/** The invoice as the tax authority knows it, in the same model as the Recognize output, with its line items. */
export function shapeVerifiedInvoice(response: VatInvoiceVerifyNewResponse) {
	const { invoice, lineItems } = readVerifiedInvoice(response.Invoice ?? {});
	return { ...invoice, lineItems };
}

export interface VerificationOutcome {
	status: VerificationStatus;
	statusMessage: string;
}

/**
 * Answers of VatInvoiceVerifyNew that are verdicts on the invoice, not failures of the call:
 * they become a status a flow can branch on. "Not yet available" and "does not exist" differ.
 */
const OUTCOMES_BY_CODE: Record<string, VerificationOutcome> = {
	'ResourceNotFound.NoInvoice': {
		status: 'notFound',
		statusMessage:
			'The tax authority has no invoice with this number, date and code: it does not exist, or a value was misread',
	},
	'ResourceNotFound.NotSupportCurrentInvoiceQuery': {
		status: 'notYetAvailable',
		statusMessage:
			"The invoice was issued today and is not in the tax authority's records yet: verify it again tomorrow, or turn on Allow Today's Invoices",
	},
	'FailedOperation.InvoiceMismatch': {
		status: 'mismatch',
		statusMessage: "The tax authority's record of this invoice differs from the amount or check code given",
	},
	'FailedOperation.CountLimitError': {
		status: 'queryLimitReached',
		statusMessage: 'This invoice was verified too often today (the tax authority allows 5 a day): verify it again tomorrow',
	},
};

export function verificationOutcomeOfCode(code: string | undefined): VerificationOutcome | undefined {
	return code === undefined ? undefined : OUTCOMES_BY_CODE[code];
}

/**
 * The tax authority's answer made an invoice neither valid nor clearly cancelled: never read as
 * `valid`, so a flow that pays valid invoices does not pay it.
 */
export class UnknownVerdictError extends FixableProblem {}

const VOID: VerificationOutcome = {
	status: 'void',
	statusMessage: 'The invoice was voided (作废) by its issuer: do not pay it',
};
const REVERSED: VerificationOutcome = {
	status: 'reversed',
	statusMessage: 'A red invoice cancelled this invoice in full (红冲 / 全额红冲): do not pay it',
};
const PARTIALLY_REVERSED: VerificationOutcome = {
	status: 'partiallyReversed',
	statusMessage: 'A red invoice cancelled part of this invoice (部分红冲): pay only what is left, after checking the red invoice',
};
const RED_LETTERED: VerificationOutcome = {
	status: 'redLettered',
	statusMessage: 'This is a red-letter (红字) invoice: it cancels, fully or in part, an earlier invoice',
};
const VALID: VerificationOutcome = { status: 'valid', statusMessage: 'The tax authority confirms the invoice' };

/**
 * `Invoice.IsAbandoned` as VatInvoiceVerifyNew documents it: Y 已作废, N 未作废, H 红冲, HP 部分红冲,
 * HF 全额红冲. `null` means "not cancelled": the verdict goes on to the red-letter mark.
 */
const OUTCOMES_BY_ABANDONED_MARK: Record<string, VerificationOutcome | null> = {
	Y: VOID,
	H: REVERSED,
	HF: REVERSED,
	HP: PARTIALLY_REVERSED,
	N: null,
};

/**
 * The verdict on an invoice the tax authority knows: `valid` only when it is neither voided nor
 * reversed (IsAbandoned N) and not itself a red invoice. Any other IsAbandoned value, a missing one
 * included, throws UnknownVerdictError naming it.
 */
export function verificationOutcomeOf(response: VatInvoiceVerifyNewResponse): VerificationOutcome {
	const abandonedMark = response.Invoice?.IsAbandoned;
	const key = typeof abandonedMark === 'string' ? abandonedMark.trim().toUpperCase() : undefined;
	const outcome = key === undefined ? undefined : OUTCOMES_BY_ABANDONED_MARK[key];
	if (outcome === undefined) {
		const shown = abandonedMark === undefined || abandonedMark === null ? 'no IsAbandoned value' : `IsAbandoned "${String(abandonedMark)}"`;
		throw new UnknownVerdictError(
			`The tax authority answered ${shown}, which is none of Y, N, H, HP, HF: the invoice is not confirmed as valid`,
			`Do not pay the invoice before checking it on the tax authority's site (https://inv-veri.chinatax.gov.cn).${
				response.RequestId ? ` Tencent's Request ID: ${response.RequestId}.` : ''
			}`,
		);
	}
	if (outcome) return outcome;
	return response.Invoice?.RedLetterInvoiceMark === true ? RED_LETTERED : VALID;
}
