/** compactForModel: the keys a model does not need leave, everything else stays as it was. */
import type { INodeExecutionData } from 'n8n-workflow';

import { compactForModel } from '../../../nodes/TencentInvoiceOcr/output/toolOutput';

const cases: Array<{ label: string; item: INodeExecutionData; expected: INodeExecutionData }> = [
	{
		label: "a recognized invoice loses its fields map, keeps its keys, review and line items",
		item: {
			json: { recordType: 'invoice', invoiceNumber: '63591128', needsReview: true, reviewReasons: ['x'], lineItems: [{ name: '客运服务费' }], fields: { 发票号码: 'No63591128' } },
			pairedItem: { item: 2 },
		},
		expected: {
			json: { recordType: 'invoice', invoiceNumber: '63591128', needsReview: true, reviewReasons: ['x'], lineItems: [{ name: '客运服务费' }] },
			pairedItem: { item: 2 },
		},
	},
	{
		label: 'a verdict loses its (empty) fields map, keeps status, statusCode and what was verified',
		item: { json: { recordType: 'invoice', status: 'mismatch', statusCode: 'FailedOperation.InvoiceMismatch', verifiedWith: { invoiceNumber: '63591128' }, fields: {} } },
		expected: { json: { recordType: 'invoice', status: 'mismatch', statusCode: 'FailedOperation.InvoiceMismatch', verifiedWith: { invoiceNumber: '63591128' } } },
	},
	{
		label: 'polygons stay: they come only when Include Polygons is turned on',
		item: { json: { invoiceNumber: '63591128', polygons: { 发票号码: null } } },
		expected: { json: { invoiceNumber: '63591128', polygons: { 发票号码: null } } },
	},
	{
		label: "a Raw Response item (Tencent's answer, asked for) stays as it is",
		item: { json: { VatInvoiceInfos: [], Items: [], PdfPageSize: 0, RequestId: 'r' } },
		expected: { json: { VatInvoiceInfos: [], Items: [], PdfPageSize: 0, RequestId: 'r' } },
	},
	{
		label: 'an error item stays as it is',
		item: { json: { error: 'Issue Date "x" is not a date', errorCode: null } },
		expected: { json: { error: 'Issue Date "x" is not a date', errorCode: null } },
	},
];

describe('compactForModel', () => {
	it.each(cases)('$label', ({ item, expected }) => {
		expect(compactForModel([item])).toEqual([expected]);
	});

	it('leaves the items it is given unchanged', () => {
		const item: INodeExecutionData = { json: { invoiceNumber: '1', fields: { a: 'b' } } };
		compactForModel([item]);
		expect(item.json).toEqual({ invoiceNumber: '1', fields: { a: 'b' } });
	});
});
