/** Reading an item's digital files and bundles: one invoice per group of files, best source first; each refusal one outcome, the rest go on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DigitalReader, type DigitalOutcome } from '../../../nodes/TencentInvoiceOcr/actions/digital/readDigitalFiles';
import {
	CLOUD_SAIL_SPECIAL,
	HARBOUR_ORDINARY,
	MACHINERY_SPECIAL,
	digitalOfd,
	einvoiceXml,
	invoiceBundle,
} from '../../helpers/digital-invoices';
import { zerosDeflated, zipArchive } from '../../helpers/zip-archive';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', name));
const pdf = fixture('invoice-1-page.pdf');

/** Each outcome as [kind, file, what it says]. */
async function readItemFile(fileName: string, fileBytes: Buffer): Promise<Array<[string, string | null, string]>> {
	const outcomes: DigitalOutcome[] = [];
	for await (const outcome of new DigitalReader().readGroup([{ displayName: fileName, load: async () => fileBytes }], 0)) {
		outcomes.push(outcome);
	}
	return outcomes.map((outcome) => {
		switch (outcome.kind) {
			case 'read':
				return [`read from ${outcome.readFrom}`, outcome.displayName, outcome.reading.invoice.invoiceNumber ?? ''];
			case 'forTencent':
				return ['for Tencent', outcome.displayName, `${outcome.fileBytes.length} bytes`];
			case 'refused':
				return ['refused', outcome.displayName, outcome.problem.message];
			case 'passedOver':
				return ['passed over', outcome.displayName, outcome.reason];
		}
	});
}

const xmlOf = (spec: typeof HARBOUR_ORDINARY) => einvoiceXml(spec);

describe('DigitalReader reads', () => {
	it('a 数电 XML file', async () => {
		expect(await readItemFile('2531.xml', Buffer.from(xmlOf(HARBOUR_ORDINARY)))).toEqual([
			['read from xml', '2531.xml', HARBOUR_ORDINARY.invoiceNumber],
		]);
	});

	it('an OFD with tags locally, and one without tags for Tencent', async () => {
		expect(await readItemFile('a.ofd', digitalOfd(HARBOUR_ORDINARY))).toEqual([['read from ofd', 'a.ofd', HARBOUR_ORDINARY.invoiceNumber]]);
		const untagged = digitalOfd(HARBOUR_ORDINARY, { tags: 'none' });
		expect(await readItemFile('b.ofd', untagged)).toEqual([['for Tencent', 'b.ofd', `${untagged.length} bytes`]]);
	});

	it('a bundle of XML, PDF and OFD of two invoices: two invoices from their XML, the other files passed over', async () => {
		const [first, second] = [CLOUD_SAIL_SPECIAL.invoiceNumber, MACHINERY_SPECIAL.invoiceNumber];
		const bundle = invoiceBundle([
			{ name: `pdf/${first}.pdf`, content: pdf },
			{ name: `ofd/${first}.ofd`, content: digitalOfd(CLOUD_SAIL_SPECIAL) },
			{ name: `xml/${first}.xml`, content: xmlOf(CLOUD_SAIL_SPECIAL) },
			{ name: `xml/${second}.xml`, content: xmlOf(MACHINERY_SPECIAL) },
			{ name: `ofd/${second}.ofd`, content: digitalOfd(MACHINERY_SPECIAL) },
			{ name: `pdf/${second}.pdf`, content: pdf },
			{ name: 'xml/', content: '' },
			{ name: 'readme.txt', content: '发票说明' },
			{ name: 'manifest.xml', content: '<?xml version="1.0"?><Manifest/>' },
		]);
		expect(await readItemFile('发票.zip', bundle)).toEqual([
			['read from xml', `发票.zip/xml/${first}.xml`, first],
			['passed over', `发票.zip/ofd/${first}.ofd`, `the same invoice as 发票.zip/xml/${first}.xml`],
			['passed over', `发票.zip/pdf/${first}.pdf`, `the same invoice as 发票.zip/xml/${first}.xml`],
			['read from xml', `发票.zip/xml/${second}.xml`, second],
			['passed over', `发票.zip/ofd/${second}.ofd`, `the same invoice as 发票.zip/xml/${second}.xml`],
			['passed over', `发票.zip/pdf/${second}.pdf`, `the same invoice as 发票.zip/xml/${second}.xml`],
			['passed over', '发票.zip/readme.txt', 'not an invoice file (XML, OFD, PDF, PNG or JPEG)'],
			['passed over', '发票.zip/manifest.xml', '"发票.zip/manifest.xml" is an XML file whose root element is <Manifest>, not a 数电 invoice (<EInvoice>)'],
		]);
	});

	it('a PDF alone in a bundle goes to Tencent; an OFD without tags goes before its PDF', async () => {
		const bundle = invoiceBundle([
			{ name: 'scan.pdf', content: pdf },
			{ name: '2531.pdf', content: pdf },
			{ name: '2531.ofd', content: digitalOfd(HARBOUR_ORDINARY, { tags: 'none' }) },
		]);
		const outcomes = await readItemFile('b.zip', bundle);
		expect(outcomes.map(([kind, name]) => [kind, name])).toEqual([
			['for Tencent', 'b.zip/scan.pdf'],
			['for Tencent', 'b.zip/2531.ofd'],
			['passed over', 'b.zip/2531.pdf'],
		]);
	});

	it('a ZIP inside the attached ZIP', async () => {
		const inner = invoiceBundle([{ name: 'a.xml', content: xmlOf(HARBOUR_ORDINARY) }]);
		const outer = invoiceBundle([{ name: 'inner.zip', content: inner }, { name: 'b.xml', content: xmlOf(MACHINERY_SPECIAL) }]);
		expect(await readItemFile('outer.zip', outer)).toEqual([
			['read from xml', 'outer.zip/inner.zip/a.xml', HARBOUR_ORDINARY.invoiceNumber],
			['read from xml', 'outer.zip/b.xml', MACHINERY_SPECIAL.invoiceNumber],
		]);
	});
});

describe('DigitalReader refuses, one outcome each, and goes on', () => {
	const good = { name: 'good.xml', content: xmlOf(HARBOUR_ORDINARY) };
	const readGood = ['read from xml', 'bundle.zip/good.xml', HARBOUR_ORDINARY.invoiceNumber];
	it.each<[string, () => Buffer, Array<Array<string | RegExp>>]>([
		[
			'a ZIP nested two levels deep',
			() => invoiceBundle([{ name: 'one.zip', content: invoiceBundle([{ name: 'two.zip', content: invoiceBundle([good]) }]) }, good]),
			[
				['refused', 'bundle.zip/one.zip/two.zip', /^"bundle\.zip\/one\.zip\/two\.zip" is a ZIP inside a ZIP inside the attached ZIP/],
				readGood,
			],
		],
		[
			'an encrypted entry',
			() => zipArchive([{ name: 'secret.xml', content: 'x', encrypted: true }, { ...good, deflate: true }]),
			[['refused', 'bundle.zip/secret.xml', 'Entry "secret.xml" of "bundle.zip" is encrypted'], readGood],
		],
		[
			'an entry whose size lies',
			() => zipArchive([{ name: 'liar.xml', content: 'x', deflatedData: zerosDeflated(5), declaredBytes: 60_000 }, { ...good, deflate: true }]),
			[['refused', 'bundle.zip/liar.xml', 'Entry "liar.xml" of "bundle.zip" declares 60,000 bytes but inflates to more'], readGood],
		],
		[
			'an XXE entry',
			() => invoiceBundle([{ name: 'xxe.xml', content: '<!DOCTYPE EInvoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><EInvoice>&x;</EInvoice>' }, good]),
			[['refused', 'bundle.zip/xxe.xml', /^"bundle\.zip\/xxe\.xml" has a DTD/], readGood],
		],
		[
			'5,000 entries (the whole archive)',
			() => zipArchive([good, ...Array.from({ length: 4999 }, (_, index) => ({ name: `f${index}.txt`, content: '' }))]),
			[['refused', 'bundle.zip', '"bundle.zip" has more than 1,000 entries (5,000)']],
		],
		[
			'a ZIP bomb declaring 10 GB (the whole archive)',
			() => zipArchive([good, { name: 'bomb.xml', content: '', deflatedData: zerosDeflated(1), declaredBytes: 10 * 1024 ** 3 }]),
			[['refused', 'bundle.zip', /more than 100 MB uncompressed in all \(it declares 10,240 MB\)/]],
		],
	])('%s', async (_label, build, expected) => {
		const outcomes = await readItemFile('bundle.zip', build());
		expect(outcomes).toHaveLength(expected.length);
		outcomes.forEach((outcome, index) => {
			const [kind, name, said] = expected[index];
			expect([outcome[0], outcome[1]]).toEqual([kind, name]);
			if (said instanceof RegExp) expect(outcome[2]).toMatch(said);
			else expect(outcome[2]).toBe(said);
		});
	});

	it('an XML of another kind given as the file itself is refused, naming its root element', async () => {
		expect(await readItemFile('order.xml', Buffer.from('<Order/>'))).toEqual([
			['refused', 'order.xml', '"order.xml" is an XML file whose root element is <Order>, not a 数电 invoice (<EInvoice>)'],
		]);
	});
});
