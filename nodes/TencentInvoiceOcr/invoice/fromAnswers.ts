/**
 * Each action's answer → one `Invoice` and its `LineItem`s, through the field tables of fields.ts:
 * VatInvoiceOCR (Recognize), VatInvoiceVerifyNew (Verify) and VerifyOfdVatInvoiceOCR (OFD).
 */
import type {
	TextVatInvoice,
	VatInvoice,
	VatInvoiceGoodsInfo,
	VatInvoiceItem,
	VatInvoiceOCRResponse,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { checkOfdAnswer, checkRecognizedAnswer, checkVerifiedInvoice } from './answerShape';
import {
	INVOICE_FIELDS,
	LINE_ITEM_FIELDS,
	RECOGNIZED_FIELDS_BY_NAME,
	canonicalFieldName,
	type FieldKind,
	type Invoice,
	type InvoiceFields,
	type LineItem,
	type OfdFieldPath,
} from './fields';
import { kindOfOfdType, kindOfPrintedName, kindOfVerifyType, withFullyDigitalNumber, type InvoiceKind } from './invoiceKind';
import { cleanText, normalizeInvoiceNumber, parseAmount, parseFlag, parseLineNumber, parseTaxRate, toIsoDate } from './normalize';

type FieldValue = string | number | boolean | null;

const NORMALIZERS: Record<FieldKind, (text: string | undefined) => FieldValue> = {
	text: cleanText,
	identifier: normalizeInvoiceNumber,
	amount: parseAmount,
	date: toIsoDate,
	flag: parseFlag,
	taxRate: parseTaxRate,
	lineNumber: parseLineNumber,
};

/** What an action's answer says about one invoice. */
export interface InvoiceReading {
	invoice: Invoice;
	lineItems: LineItem[];
	/** The answer's fields by Chinese name, exactly as read; a repeated name gets " (2)", " (3)"… */
	fields: Record<string, string>;
	/** Recognize only: each field's position, by the same names as `fields`. */
	polygons: Record<string, TextVatInvoice['Polygon'] | null>;
	/** Reasons the reader itself found to look at the invoice (e.g. an OFD's data and text disagree). */
	reviewReasons?: string[];
}

/** Every key of the table, normalized from the text `textOf` finds for it (absent → null). */
export function invoiceFieldsFrom(textOf: (mapping: (typeof INVOICE_FIELDS)[number]) => string | undefined): InvoiceFields {
	const entries = INVOICE_FIELDS.map((mapping) => [mapping.key, NORMALIZERS[mapping.kind](textOf(mapping))]);
	return Object.fromEntries(entries) as InvoiceFields;
}

/** The kind goes next to the type as printed, where a reader looks for it. */
export function withKind(fields: InvoiceFields, kind: InvoiceKind): Invoice {
	const { invoiceType, ...otherFields } = fields;
	return { invoiceType, invoiceKind: withFullyDigitalNumber(kind, fields.invoiceCode, fields.invoiceNumber), ...otherFields };
}

/** Every line key of the table, normalized from the text `textOf` finds for it (absent → null). */
export function lineItemFrom(textOf: (mapping: (typeof LINE_ITEM_FIELDS)[number]) => string | undefined): LineItem {
	const entries = LINE_ITEM_FIELDS.map((mapping) => [mapping.key, NORMALIZERS[mapping.kind](textOf(mapping))]);
	return Object.fromEntries(entries) as LineItem;
}

/** A line's texts by VatInvoiceItem's names: what VatInvoiceOCR and VatInvoiceVerifyNew answer, and what the digital readers hand over. */
export type LineTexts = Partial<Record<keyof VatInvoiceItem, string>>;

/** VatInvoiceOCR's and VatInvoiceVerifyNew's `Items`. */
const lineItemOfItem = (item: LineTexts): LineItem => lineItemFrom((mapping) => item[mapping.items]);

/** VerifyOfdVatInvoiceOCR's `GoodsInfos`, which carry no line number: lines count from 1 in order. */
function lineItemOfGoods(goods: VatInvoiceGoodsInfo, index: number): LineItem {
	return lineItemFrom((mapping) => ('ofd' in mapping ? goods[mapping.ofd] : mapping.key === 'lineNo' ? String(index + 1) : undefined));
}

/** Names stay unique so that no value is lost when the API repeats a name. */
function uniqueName(name: string, taken: Record<string, unknown>): string {
	if (!(name in taken)) return name;
	let occurrence = 2;
	while (`${name} (${occurrence})` in taken) occurrence++;
	return `${name} (${occurrence})`;
}

/**
 * VatInvoiceOCR: fields by Chinese name (the first reading of a name wins; repeats stay in `fields`).
 * An answer off the documented shape throws UnexpectedAnswer naming the field.
 */
export function readRecognizedInvoice(response: VatInvoiceOCRResponse): InvoiceReading {
	checkRecognizedAnswer(response);
	const fields: Record<string, string> = {};
	const polygons: Record<string, TextVatInvoice['Polygon'] | null> = {};
	const firstReadings = new Map<string, string | undefined>();
	for (const info of response.VatInvoiceInfos ?? []) {
		const name = uniqueName(info.Name ?? '', fields);
		fields[name] = info.Value ?? '';
		polygons[name] = info.Polygon ?? null;
		const mapping = RECOGNIZED_FIELDS_BY_NAME.get(canonicalFieldName(info.Name ?? ''));
		if (mapping && !firstReadings.has(mapping.key)) firstReadings.set(mapping.key, info.Value);
	}
	const invoiceFields = invoiceFieldsFrom((mapping) => firstReadings.get(mapping.key));
	return {
		invoice: withKind(invoiceFields, kindOfPrintedName(invoiceFields.invoiceType, invoiceFields.invoiceTitle)),
		lineItems: (response.Items ?? []).map(lineItemOfItem),
		fields,
		polygons,
	};
}

/** VatInvoiceVerifyNew's `Invoice`: the invoice as the tax authority knows it; off its documented shape: UnexpectedAnswer. */
export function readVerifiedInvoice(verified: VatInvoice, requestId?: string): InvoiceReading {
	checkVerifiedInvoice(verified, requestId);
	const invoiceFields = invoiceFieldsFrom((mapping) => ('verify' in mapping ? verified[mapping.verify] : undefined));
	return {
		invoice: withKind(invoiceFields, kindOfVerifyType(verified.Type, verified.ElectronicType)),
		lineItems: (verified.Items ?? []).map(lineItemOfItem),
		fields: {},
		polygons: {},
	};
}

function ofdText(ofd: VerifyOfdVatInvoiceOCRResponse, path: OfdFieldPath): string | undefined {
	const [first, second] = path.split('.') as [keyof VerifyOfdVatInvoiceOCRResponse, string | undefined];
	const value: unknown = second === undefined ? ofd[first] : (ofd[first] as Record<string, unknown> | undefined)?.[second];
	return typeof value === 'string' ? value : undefined;
}

/** VerifyOfdVatInvoiceOCR's answer; `fields` holds what it answered under the table's Chinese names. Off its documented shape: UnexpectedAnswer. */
export function readOfdInvoice(ofd: VerifyOfdVatInvoiceOCRResponse): InvoiceReading {
	checkOfdAnswer(ofd);
	const textOf = (mapping: (typeof INVOICE_FIELDS)[number]) => ('ofd' in mapping ? ofdText(ofd, mapping.ofd) : undefined);
	const fields: Record<string, string> = {};
	for (const mapping of INVOICE_FIELDS) {
		const text = textOf(mapping);
		if (text !== undefined) fields[mapping.chineseName] = text;
	}
	const invoiceFields = invoiceFieldsFrom(textOf);
	return {
		invoice: withKind(invoiceFields, kindOfOfdType(ofd.Type)),
		lineItems: (ofd.GoodsInfos ?? []).map(lineItemOfGoods),
		fields,
		polygons: {},
	};
}

/**
 * A digital invoice file's texts (数电 XML, OFD read locally) by the field table's Chinese names,
 * its lines by VatInvoiceItem's names: normalized as Recognize's answers are, the kind told from the
 * printed type and title as for Recognize, so that the same invoice reads the same whichever file.
 */
export function readPrintedTexts(
	texts: ReadonlyMap<string, string>,
	lines: LineTexts[],
	fields: Record<string, string>,
	reviewReasons: string[] = [],
): InvoiceReading {
	const invoiceFields = invoiceFieldsFrom((mapping) => texts.get(mapping.chineseName));
	return {
		invoice: withKind(invoiceFields, kindOfPrintedName(invoiceFields.invoiceType, invoiceFields.invoiceTitle)),
		lineItems: lines.map(lineItemOfItem),
		fields,
		polygons: {},
		reviewReasons,
	};
}
