/** A value as Tencent's OCR returns it: a string, or absent. */
export type OcrText = string | null | undefined;

/** Full-width ASCII (U+FF01–U+FF5E: ０-９, －, ．, ％, （, ：, Ｎｏ…) sits at a fixed offset from ASCII. */
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Full-width ASCII turned into ASCII and every space removed (`\s` covers U+3000 and NBSP),
 * the shape every value parser starts from.
 */
export function compact(text: string): string {
	return text
		.replace(FULL_WIDTH_ASCII, (character) => String.fromCharCode(character.charCodeAt(0) - FULL_WIDTH_OFFSET))
		.replace(/\s+/g, '');
}

/** Trims any whitespace, full-width space included; an empty value is `null`, so nothing reads as `""`. */
export function cleanText(text: OcrText): string | null {
	return text?.trim() || null;
}

/** `No`, `NO.`, `No：`, `№`, `N°`… printed before the number on the invoice. */
const INVOICE_NUMBER_PREFIX = /^(?:no|№|n°)[.:]?/i;

/**
 * The invoice number (发票号码) as a string of what follows its `No`/`№`/`N°` prefix, spaces removed
 * (`No 0123 4567` → `01234567`) and leading zeros kept; nothing left → `null`.
 */
export function normalizeInvoiceNumber(text: OcrText): string | null {
	if (text == null) return null;
	return compact(text).replace(INVOICE_NUMBER_PREFIX, '') || null;
}

const FLAG_VALUES: Record<string, boolean> = {
	'1': true,
	是: true,
	y: true,
	true: true,
	'0': false,
	否: false,
	n: false,
	false: false,
};

/** The API's flag fields: `1`/`是`/`Y`/`true` → true, `0`/`否`/`N`/`false` → false (any case), else `null`. */
export function parseFlag(text: OcrText): boolean | null {
	if (text == null) return null;
	return FLAG_VALUES[compact(text).toLowerCase()] ?? null;
}
