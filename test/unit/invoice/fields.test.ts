/** The README's invoice table says where each action finds each key: checked against the field table. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { INVOICE_FIELDS } from '../../../nodes/TencentInvoiceOcr/invoice/fields';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const tableStart = readme.indexOf('#### The invoice item (发票)');
const invoiceTable = readme.slice(tableStart, readme.indexOf('Every key is always present', tableStart));

/** Key → [Chinese name, Verify field, OFD field] as the README's rows give them. */
const readmeRows = new Map(
	[...invoiceTable.matchAll(/^\| `(\w+)` \| ([^|]+) \| ([^|]*) \| ([^|]*) \|/gm)].map(([, key, chineseName, verify, ofd]) => [
		key,
		[chineseName.trim(), verify.trim().replace(/`/g, ''), ofd.trim().replace(/`/g, '')],
	]),
);

describe('README invoice table', () => {
	it.each(INVOICE_FIELDS.map((mapping) => [mapping.key, mapping]))('%s: Chinese name, Verify and OFD sources as in the code', (_key, mapping) => {
		expect(readmeRows.get(mapping.key)).toEqual([
			mapping.chineseName,
			'verify' in mapping ? mapping.verify : '',
			'ofd' in mapping ? mapping.ofd : '',
		]);
	});

	it('documents no key the code does not have, besides invoiceKind', () => {
		const codeKeys = new Set<string>(INVOICE_FIELDS.map((mapping) => mapping.key));
		expect([...readmeRows.keys()].filter((key) => !codeKeys.has(key))).toEqual(['invoiceKind']);
	});
});
