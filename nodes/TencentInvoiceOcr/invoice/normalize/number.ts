import { compact, type OcrText } from './text';

/**
 * Digits with an optional decimal part; commas only as real thousands groups, because `87,28`
 * is more likely a misread `87.28` than 8728. No exponent, hex, `Infinity`, `.5` or `5.`.
 */
const AMOUNT = /^(-?)[¥￥]?(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?元?$/;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
/** Real tax rates have at most 2 decimals as a percentage; 10 decimals of the fraction drop only float noise. */
const RATE_DECIMALS = 10;

/**
 * An amount, unit price or quantity: `87.28`, `¥89.90`, `￥1,234.50`, `100元`, full-width digits;
 * a leading `-`, `－` or `−` (before or after `¥`) makes it negative, as on red-letter invoices.
 * `***`, `无`, `(87.28)` and anything else unreadable → `null`. The value is kept as written, not rounded.
 */
export function parseAmount(text: OcrText): number | null {
	if (text == null) return null;
	const match = AMOUNT.exec(compact(text).replace(/\u2212/g, '-'));
	if (!match) return null;
	const [, signBeforeSymbol, signAfterSymbol, integerDigits, decimalPart = ''] = match;
	if (signBeforeSymbol && signAfterSymbol) return null;
	const magnitude = Number(integerDigits.replace(/,/g, '') + decimalPart);
	if (!Number.isFinite(magnitude)) return null;
	// `-0.00` is zero, not -0.
	return (signBeforeSymbol || signAfterSymbol) && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * A tax rate (税率) as a fraction: `13%` → 0.13, `1.5%` → 0.015, `０．５％` → 0.005, `0%` → 0.
 * The `%` is required: a bare `1` or `0.5` could be 1 % / 0.5 % with the sign lost or a fraction
 * (100 % / 50 %), and both are real Chinese rates, so guessing would give silently wrong tax.
 * `免税` (exempt), `不征税` (not taxable), `***`, rates above 100 % and garbage → `null`.
 */
export function parseTaxRate(text: OcrText): number | null {
	if (text == null) return null;
	const match = PERCENT.exec(compact(text));
	if (!match) return null;
	const percent = Number(match[1]);
	if (percent > 100) return null;
	return Number((percent / 100).toFixed(RATE_DECIMALS));
}

/** At most 6 digits: no invoice prints a million lines, and a longer number is a misread. */
const LINE_NUMBER = /^\d{1,6}$/;

/**
 * A printed line number (行号) as a positive integer: `1` → 1, `０３` → 3. A decimal, a sign, zero
 * or anything else (`1.5`, `-2`, `x`) is no line number → `null`, so it is never taken for one.
 */
export function parseLineNumber(text: OcrText): number | null {
	if (text == null) return null;
	const lineNumberText = compact(text);
	if (!LINE_NUMBER.test(lineNumberText)) return null;
	const lineNumber = Number(lineNumberText);
	return lineNumber > 0 ? lineNumber : null;
}
