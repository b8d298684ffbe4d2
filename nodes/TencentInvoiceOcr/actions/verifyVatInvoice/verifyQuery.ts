/** The values to verify (usually the Recognize output), checked, as the query the tax authority is asked. */
import { InputError } from '../../errors';
import { isFullyDigital } from '../../invoice/invoiceKind';
import { normalizeInvoiceNumber, parseAmount, toIsoDate } from '../../invoice/normalize';
import type { VerifiedWith } from '../../invoice/recordFields';
import { boundedText } from '../../input/userText';

/** What the Verify operation is given, usually straight from the Recognize operation's output. */
export interface VerifyInput {
	invoiceNumber: unknown;
	issueDate: unknown;
	invoiceCode: unknown;
	checkCode: unknown;
	amountBeforeTax: unknown;
	totalWithTax: unknown;
	allowTodaysInvoice: boolean;
}

/** What is verified, checked, in the node's own vocabulary: Verify items show it as `verifiedWith`. */
export type VerifyQuery = VerifiedWith;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** VatInvoiceVerifyNew: 支持五年以内开具的发票. */
const MAX_AGE_YEARS = 5;

/** The calendar date (YYYY-MM-DD) in China (UTC+8), where the tax authority's day begins. */
export const chinaDateOf = (nowMs: number) => new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The same day `years` earlier, as text: ISO dates compare as strings. */
const yearsBefore = (isoDate: string, years: number) =>
	`${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(4)}`;

const asText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** The longest value of an invoice is its 20-digit number; a date or an amount with spaces stays far below this. */
export const MAX_VERIFY_VALUE_LENGTH = 100;

/** The values as text, each refused when longer than any invoice's, before a parser or a message reads it. */
function boundedInput(input: VerifyInput): VerifyInput {
	const bounded = (value: unknown, label: string) =>
		value === undefined || value === null || typeof value === 'number'
			? value
			: boundedText(value, label, MAX_VERIFY_VALUE_LENGTH, `Map ${label} to the value printed on the invoice, e.g. from the Recognize VAT Invoice output.`);
	return {
		invoiceNumber: bounded(input.invoiceNumber, 'Invoice Number'),
		issueDate: bounded(input.issueDate, 'Issue Date'),
		invoiceCode: bounded(input.invoiceCode, 'Invoice Code'),
		checkCode: bounded(input.checkCode, 'Check Code'),
		amountBeforeTax: bounded(input.amountBeforeTax, 'Amount Before Tax'),
		totalWithTax: bounded(input.totalWithTax, 'Total Including Tax'),
		allowTodaysInvoice: input.allowTodaysInvoice,
	};
}

/**
 * What the tax authority cannot verify, refused here because every query is billed and counts
 * towards the invoice's 5 a day: a future date, one more than five years ago, today's unless asked.
 */
function checkIssueDate(issueDate: string, today: string, allowTodaysInvoice: boolean): void {
	if (issueDate > today) {
		throw new InputError(
			`Issue Date ${issueDate} is in the future (today is ${today} in China)`,
			'Check the issue date; when it comes from recognition, the scan may need a look.',
		);
	}
	const oldest = yearsBefore(today, MAX_AGE_YEARS);
	if (issueDate < oldest) {
		throw new InputError(
			`Issue Date ${issueDate} is more than five years ago: the tax authority verifies invoices issued from ${oldest} on`,
			'Older invoices cannot be verified online; check them with the issuer or the local tax office.',
		);
	}
	if (issueDate === today && !allowTodaysInvoice) {
		throw new InputError(
			`Issue Date ${issueDate} is today in China: the invoice is usually not in the tax authority's records yet`,
			"Verify it from tomorrow on, or turn on Options → Allow Today's Invoices to try it today.",
		);
	}
}

/** A classic invoice (8-digit number) is known to the tax authority only with its 10- or 12-digit code. */
function checkInvoiceCode(invoiceCode: string | null, invoiceNumber: string): void {
	if (invoiceCode !== null && !/^(\d{10}|\d{12})$/.test(invoiceCode)) {
		throw new InputError(
			`Invoice Code "${invoiceCode}" has neither 10 nor 12 digits`,
			'Check the code on the invoice (发票代码); when it comes from recognition, the scan may need a look.',
		);
	}
	if (invoiceCode === null && invoiceNumber.length === 8) {
		throw new InputError(
			`Invoice Number ${invoiceNumber} has 8 digits but Invoice Code is empty: a classic invoice is verified by its code and number together`,
			'Map the 10- or 12-digit invoice code (发票代码), e.g. {{ $json.invoiceCode }}; when recognition did not read it, type it from the invoice.',
		);
	}
}

/**
 * The amount the tax authority checks: the pre-tax total for classic invoices, the total including
 * tax for fully digital ones; the other is null, as is an amount that is missing or unreadable.
 */
export function verificationAmounts(
	invoiceCode: string | null,
	invoiceNumber: string,
	amountBeforeTax: unknown,
	totalWithTax: unknown,
): Pick<VerifyQuery, 'totalBeforeTax' | 'totalWithTax'> {
	const fullyDigital = isFullyDigital(invoiceCode, invoiceNumber);
	const chosen = fullyDigital ? totalWithTax : amountBeforeTax;
	const parsed = typeof chosen === 'number' ? chosen : parseAmount(asText(chosen));
	const amount = parsed === null || !Number.isFinite(parsed) ? null : parsed;
	return fullyDigital ? { totalBeforeTax: null, totalWithTax: amount } : { totalBeforeTax: amount, totalWithTax: null };
}

function required<T>(value: T | null, message: string, hint: string): T {
	if (value === null) throw new InputError(message, hint);
	return value;
}

/** Checks the inputs, refusing what cannot be verified; `nowMs` is the clock "today" is read from (in China time). */
export function readVerifyQuery(unboundedInput: VerifyInput, nowMs: number): VerifyQuery {
	const input = boundedInput(unboundedInput);
	const invoiceNumber = required(
		normalizeInvoiceNumber(asText(input.invoiceNumber)),
		'Invoice Number is empty',
		'Map the invoice number, e.g. {{ $json.invoiceNumber }} after a Recognize VAT Invoice step.',
	);
	if (!/^(\d{8}|\d{20})$/.test(invoiceNumber)) {
		throw new InputError(
			`Invoice Number "${invoiceNumber}" has neither 8 digits (classic invoices) nor 20 (fully digital ones)`,
			'Check the number on the invoice; when it comes from recognition, the scan may need a look.',
		);
	}
	const issueDate = required(
		toIsoDate(asText(input.issueDate)),
		`Issue Date "${asText(input.issueDate) ?? ''}" is not a date`,
		'Give the date the invoice was issued, e.g. 2024-03-05 or 2024年3月5日.',
	);
	checkIssueDate(issueDate, chinaDateOf(nowMs), input.allowTodaysInvoice);
	const invoiceCode = normalizeInvoiceNumber(asText(input.invoiceCode));
	checkInvoiceCode(invoiceCode, invoiceNumber);
	const checkCode = normalizeInvoiceNumber(asText(input.checkCode));
	return {
		invoiceNumber,
		invoiceCode,
		issueDate,
		checkCodeLastSix: checkCode === null ? null : checkCode.slice(-6),
		...verificationAmounts(invoiceCode, invoiceNumber, input.amountBeforeTax, input.totalWithTax),
		allowTodaysInvoices: input.allowTodaysInvoice,
	};
}
