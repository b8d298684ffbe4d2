/** docs/document-types.md is what scripts/document-types-doc.ts makes of the vocabulary: regenerate it when the table changes. */
import { readFileSync } from 'node:fs';

import { DOCUMENT_TYPES } from '../../../nodes/TencentInvoiceOcr/invoice/documents/documentTypes';
import { DOCUMENT_TYPES_DOC_PATH, documentTypesDoc } from '../../../scripts/document-types-doc';

describe('docs/document-types.md', () => {
	it('is up to date (run `npx tsx scripts/document-types-doc.ts`)', () => {
		expect(readFileSync(DOCUMENT_TYPES_DOC_PATH, 'utf8')).toBe(documentTypesDoc());
	});

	it('has one row per documentType', () => {
		const rows = documentTypesDoc().split('\n').filter((line) => line.startsWith('| `'));
		expect(rows.map((line) => /^\| `(\w+)`/.exec(line)?.[1])).toEqual([...DOCUMENT_TYPES]);
	});
});
