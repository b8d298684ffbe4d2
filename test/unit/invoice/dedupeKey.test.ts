import { computeDedupeKey, type InvoiceIdentity } from '../../../nodes/TencentInvoiceOcr/invoice/dedupeKey';

const classic: InvoiceIdentity = {
	invoiceCode: '012001100311',
	invoiceNumber: '63591128',
	issueDate: '2019-06-16',
	sellerTaxId: '911201103409033300',
	totalWithTax: 89.9,
};
const fullyDigital: InvoiceIdentity = { ...classic, invoiceCode: null, invoiceNumber: '24442000000012345678' };

describe('computeDedupeKey', () => {
	it.each<[string, InvoiceIdentity, string]>([
		['a classic invoice: code and number', classic, '012001100311-63591128'],
		['a fully digital invoice: its 20-digit number', fullyDigital, '24442000000012345678'],
		['leading zeros kept', { ...classic, invoiceNumber: '00012345' }, '012001100311-00012345'],
	])('%s', (_label, identity, key) => {
		expect(computeDedupeKey(identity)).toBe(key);
	});

	it('is the same whatever else differs (another file or page of the same invoice)', () => {
		expect(computeDedupeKey({ ...classic, issueDate: null, totalWithTax: 0 })).toBe(computeDedupeKey(classic));
	});

	it('tells apart invoices with the same number but another code', () => {
		expect(computeDedupeKey({ ...classic, invoiceCode: '044031900111' })).not.toBe(computeDedupeKey(classic));
	});

	it('gives an unnumbered invoice a stable key from what else identifies it', () => {
		const unnumbered = { ...classic, invoiceNumber: null };
		const key = computeDedupeKey(unnumbered);
		expect(key).toMatch(/^unnumbered-[0-9a-f]{16}$/);
		expect(computeDedupeKey({ ...unnumbered })).toBe(key);
		expect(computeDedupeKey({ ...unnumbered, totalWithTax: 89.91 })).not.toBe(key);
	});
});
