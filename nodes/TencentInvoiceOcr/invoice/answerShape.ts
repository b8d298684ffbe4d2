/**
 * Checks that an answer has the shape Tencent documents where the node reads it (lists of objects,
 * text fields), before anything reads it: a `null` entry or a number for a text becomes one
 * UnexpectedAnswer naming the field, never a crash after the billed call. What the node does not
 * read (polygons, fields outside the table) is passed on as it came.
 */
import type {
	VatInvoice,
	VatInvoiceOCRResponse,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { UnexpectedAnswer } from '../errors';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS } from './fields';

/** How a message names a value found where another was documented. */
function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Tencent marks a field it could not fill with null or leaves it out; both read as "absent". */
const isAbsent = (value: unknown) => value === undefined || value === null;

class ShapeCheck {
	constructor(private readonly requestId: string | undefined) {}

	fail(path: string, value: unknown): never {
		throw new UnexpectedAnswer(path, describeValue(value), this.requestId);
	}

	/** An object (or absent, when `optional`). */
	object(value: unknown, path: string, optional: boolean): Record<string, unknown> | undefined {
		if (optional && isAbsent(value)) return undefined;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, value);
		return value as Record<string, unknown>;
	}

	/** Each named field of the object: text, or absent. */
	textFields(record: Record<string, unknown>, path: string, names: Iterable<string>): void {
		for (const name of names) {
			const value = record[name];
			if (!isAbsent(value) && typeof value !== 'string') this.fail(`${path}${name}`, value);
		}
	}

	/** A list (or absent) whose every entry is an object with these text fields. */
	listOfRecords(value: unknown, path: string, textFieldNames: readonly string[]): void {
		if (isAbsent(value)) return;
		if (!Array.isArray(value)) this.fail(path, value);
		value.forEach((entry, index) => {
			const entryPath = `${path}[${index}]`;
			this.textFields(this.object(entry, entryPath, false)!, `${entryPath}.`, textFieldNames);
		});
	}
}

const requestIdOf = (answer: { RequestId?: unknown }) => (typeof answer.RequestId === 'string' ? answer.RequestId : undefined);

const ITEM_TEXT_FIELDS: readonly string[] = LINE_ITEM_FIELDS.map((mapping) => mapping.items);
const GOODS_TEXT_FIELDS: readonly string[] = LINE_ITEM_FIELDS.flatMap((mapping) => ('ofd' in mapping ? [mapping.ofd] : []));
const VERIFY_TEXT_FIELDS: readonly string[] = [
	...INVOICE_FIELDS.flatMap((mapping) => ('verify' in mapping ? [mapping.verify] : [])),
	'Type',
	'ElectronicType',
];
/** VerifyOfdVatInvoiceOCR's fields: top-level ones, and those of `Buyer` and `Seller` by their part after the dot. */
const OFD_PATHS: readonly string[] = [...INVOICE_FIELDS.flatMap((mapping) => ('ofd' in mapping ? [mapping.ofd] : [])), 'Type'];

/** VatInvoiceOCR: `VatInvoiceInfos` of { Name, Value } and `Items`, as the field table reads them. */
export function checkRecognizedAnswer(answer: VatInvoiceOCRResponse): void {
	const check = new ShapeCheck(requestIdOf(answer));
	check.listOfRecords(answer.VatInvoiceInfos, 'VatInvoiceInfos', ['Name', 'Value']);
	check.listOfRecords(answer.Items, 'Items', ITEM_TEXT_FIELDS);
}

/** VatInvoiceVerifyNew's `Invoice`, with its text fields and `Items`. */
export function checkVerifiedInvoice(verified: VatInvoice, requestId: string | undefined): void {
	const check = new ShapeCheck(requestIdOf({ RequestId: requestId }));
	const invoice = check.object(verified, 'Invoice', false)!;
	check.textFields(invoice, 'Invoice.', VERIFY_TEXT_FIELDS);
	check.listOfRecords(invoice.Items, 'Invoice.Items', ITEM_TEXT_FIELDS);
}

/** VerifyOfdVatInvoiceOCR: its text fields, `Buyer` and `Seller`, and `GoodsInfos`. */
export function checkOfdAnswer(answer: VerifyOfdVatInvoiceOCRResponse): void {
	const check = new ShapeCheck(requestIdOf(answer));
	const record = answer as unknown as Record<string, unknown>;
	const parties = { Buyer: check.object(record.Buyer, 'Buyer', true), Seller: check.object(record.Seller, 'Seller', true) };
	for (const path of OFD_PATHS) {
		const [first, second] = path.split('.') as [string, string | undefined];
		if (second === undefined) check.textFields(record, '', [first]);
		else {
			const party = parties[first as keyof typeof parties];
			if (party) check.textFields(party, `${first}.`, [second]);
		}
	}
	check.listOfRecords(record.GoodsInfos, 'GoodsInfos', GOODS_TEXT_FIELDS);
}
