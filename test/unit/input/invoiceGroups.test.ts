/** Files of one invoice grouped by base name, best source first. */
import {
	formatRank,
	groupByInvoice,
	invoiceBaseName,
	isArchiveName,
} from '../../../nodes/TencentInvoiceOcr/input/archive/invoiceGroups';

describe('invoiceBaseName', () => {
	it.each([
		['bundle.zip/xml/25442000000012345678.xml', '25442000000012345678'],
		['pdf/25442000000012345678.PDF', '25442000000012345678'],
		['发票.zip/发票1.ofd', '发票1'],
		['Invoice.Final.pdf', 'invoice.final'],
		['.hidden', '.hidden'],
		['README', 'readme'],
		['ＡＢＣ.xml', 'abc'],
	])('%s → %s', (name, baseName) => {
		expect(invoiceBaseName(name)).toBe(baseName);
	});
});

describe('formatRank and isArchiveName', () => {
	it.each<[string, number, boolean]>([
		['a.xml', 0, false],
		['a.OFD', 1, false],
		['a.pdf', 2, false],
		['a.jpeg', 3, false],
		['a.png', 3, false],
		['a.zip', 4, true],
		['a.txt', 4, false],
		['folder.xml/a', 4, false],
	])('%s → rank %d, archive %s', (name, rank, archive) => {
		expect(formatRank(name)).toBe(rank);
		expect(isArchiveName(name)).toBe(archive);
	});
});

describe('groupByInvoice', () => {
	const group = (names: Array<string | null>) => groupByInvoice(names, (name) => name);
	it.each<[string, Array<string | null>, Array<Array<string | null>>]>([
		[
			'an ETC bundle: folders per format, one file per invoice',
			['pdf/1111.pdf', 'xml/1111.xml', 'pdf/2222.pdf', 'xml/2222.xml', 'ofd/1111.ofd', 'ofd/2222.ofd'],
			[
				['xml/1111.xml', 'ofd/1111.ofd', 'pdf/1111.pdf'],
				['xml/2222.xml', 'ofd/2222.ofd', 'pdf/2222.pdf'],
			],
		],
		['same base name side by side', ['发票.pdf', '发票.xml'], [['发票.xml', '发票.pdf']]],
		[
			'two XML of one base name in two folders are two invoices',
			['a/invoice.xml', 'b/invoice.xml', 'a/invoice.pdf'],
			[['a/invoice.xml', 'a/invoice.pdf'], ['b/invoice.xml']],
		],
		['files of no invoice format and without a name stand alone', ['readme.txt', null, 'readme.pdf', null], [['readme.txt'], [null], ['readme.pdf'], [null]]],
		['an image and a PDF of one name', ['scan.jpg', 'scan.pdf'], [['scan.pdf', 'scan.jpg']]],
	])('%s', (_label, names, groups) => {
		expect(group(names)).toEqual(groups);
	});
});
