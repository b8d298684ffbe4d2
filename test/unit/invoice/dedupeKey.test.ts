import { computeDedupeKey, computeLineKeys } from '../../../nodes/TencentInvoiceOcr/invoice/dedupeKey';
import type { Invoice } from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import { sampleInvoice } from './sample-invoice';

const classic = sampleInvoice();
const fullyDigital = sampleInvoice({ invoiceCode: null, invoiceNumber: '24442000000012345678' });
const withoutCode = sampleInvoice({ invoiceCode: null });

describe('computeDedupeKey', () => {
	it.each<[string, Invoice, string | RegExp]>([
		['a classic invoice: code and number', classic, '012001100311-63591128'],
		['a fully digital invoice: its 20-digit number', fullyDigital, '24442000000012345678'],
		['leading zeros kept', sampleInvoice({ invoiceNumber: '00012345' }), '012001100311-00012345'],
		['a classic number whose code was not read: number and a digest of seller, date, total', withoutCode, /^nocode-63591128-[0-9a-f]{16}$/],
		['no number: a digest of what else identifies it', sampleInvoice({ invoiceNumber: null }), /^unnumbered-[0-9a-f]{16}$/],
	])('%s', (_label, invoice, key) => {
		if (typeof key === 'string') expect(computeDedupeKey(invoice)).toBe(key);
		else expect(computeDedupeKey(invoice)).toMatch(key);
	});

	// Another file or page of the same invoice: what does not identify it may differ.
	it.each<[string, Invoice, Partial<Invoice>]>([
		['a classic invoice, another date and total read', classic, { issueDate: null, totalWithTax: 0, sellerTaxId: null }],
		['a fully digital invoice, another seller read', fullyDigital, { sellerTaxId: '91440300MA55UJ6L44', totalWithTax: 1 }],
		['an invoice without code, another buyer and remarks read', withoutCode, { buyerTaxId: null, remarks: '备注' }],
	])('keeps the key of %s', (_label, invoice, changes) => {
		expect(computeDedupeKey({ ...invoice, ...changes })).toBe(computeDedupeKey(invoice));
	});

	// Two different invoices never share a key.
	it.each<[string, Invoice, Partial<Invoice>]>([
		['classic invoices with the same number but another code', classic, { invoiceCode: '044031900111' }],
		['invoices without code, same 8 digits, another seller', withoutCode, { sellerTaxId: '91440300MA55UJ6L44' }],
		['invoices without code, same 8 digits, another date', withoutCode, { issueDate: '2019-06-17' }],
		['invoices without code, same 8 digits, another total', withoutCode, { totalWithTax: 89.91 }],
		['an invoice without code and the 20-digit invoice of the same digits', withoutCode, { invoiceNumber: '24442000000012345678' }],
		['unnumbered invoices of another total', sampleInvoice({ invoiceNumber: null }), { totalWithTax: 89.91 }],
		['unnumbered invoices of another buyer', sampleInvoice({ invoiceNumber: null }), { buyerTaxId: '91110000000000000X' }],
	])('tells apart %s', (_label, invoice, changes) => {
		expect(computeDedupeKey({ ...invoice, ...changes })).not.toBe(computeDedupeKey(invoice));
	});

	it('never merges a classic invoice whose code was read with the same invoice read without it', () => {
		// Two readings of one invoice, one missing the code, get two keys; the second is flagged for review (selfCheck).
		expect(computeDedupeKey(withoutCode)).not.toBe(computeDedupeKey(classic));
	});
});

describe('computeLineKeys: unique per line of an invoice', () => {
	it.each<[string, Array<number | null>, string[]]>([
		['printed numbers', [1, 2, 3], ['K#1', 'K#2', 'K#3']],
		['no number read: the position stands in, and says so', [null, null, null], ['K#pos1', 'K#pos2', 'K#pos3']],
		['one number missing among others', [1, null, 3], ['K#1', 'K#pos2', 'K#3']],
		['a number two lines claim: both by position', [1, 2, 2], ['K#1', 'K#pos2', 'K#pos3']],
		["a position that equals another line's printed number", [2, null], ['K#2', 'K#pos2']],
		['no lines', [], []],
	])('%s', (_label, lineNumbers, expected) => {
		const lineKeys = computeLineKeys('K', lineNumbers);
		expect(lineKeys).toEqual(expected);
		expect(new Set(lineKeys).size).toBe(lineNumbers.length);
	});
});
