/** The committed digital-invoice files are what their script builds today, and read as the invoices they stand for. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readEinvoiceXml } from '../../../../nodes/TencentInvoiceOcr/invoice/digital/einvoiceXml';
import { DIGITAL_FIXTURES_DIR, digitalFixtures } from '../../../fixtures/digital/make-fixtures';
import { HARBOUR_ORDINARY } from '../../../helpers/digital-invoices';

describe('test/fixtures/digital', () => {
	it.each(Object.entries(digitalFixtures()))('%s is as make-fixtures.ts builds it', (name, bytes) => {
		expect(readFileSync(join(DIGITAL_FIXTURES_DIR, name)).equals(bytes)).toBe(true);
	});

	it('the XML is the invoice it is named after', () => {
		const name = `${HARBOUR_ORDINARY.invoiceNumber}.xml`;
		expect(readEinvoiceXml(readFileSync(join(DIGITAL_FIXTURES_DIR, name)), name).invoice.invoiceNumber).toBe(HARBOUR_ORDINARY.invoiceNumber);
	});
});
