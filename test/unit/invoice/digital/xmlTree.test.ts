/** The safe XML reader: what it reads, and the hostile or broken files it refuses with a reason. */
import {
	MAX_XML_BYTES,
	XmlRefused,
	elementAt,
	parseXml,
	textAt,
	type XmlElement,
} from '../../../../nodes/TencentInvoiceOcr/invoice/digital/xmlTree';

const parse = (xml: string | Buffer) => parseXml(Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8'), 'invoice.xml');

/** The tree without empty text, for comparing. */
const shape = (element: XmlElement): unknown => [
	element.name,
	element.attributes,
	element.text.trim(),
	element.children.map(shape),
];

describe('parseXml reads', () => {
	it.each<[string, string | Buffer, unknown]>([
		['elements and text', '<a><b>1</b><c>2</c></a>', ['a', {}, '', [['b', {}, '1', []], ['c', {}, '2', []]]]],
		[
			'a declaration, comments, self-closing tags and attributes in either quotes',
			'<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand --><a x="1" y = \'2 > 1\'><b/></a>',
			['a', { x: '1', y: '2 > 1' }, '', [['b', {}, '', []]]],
		],
		[
			'namespaced names by their local name',
			'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:TextCode ofd:X="1">¥</ofd:TextCode></ofd:OFD>',
			['OFD', { ofd: 'http://www.ofdspec.org/2016' }, '', [['TextCode', { X: '1' }, '¥', []]]],
		],
		[
			'CDATA as it is, and the five entities and character references decoded',
			'<a><![CDATA[<b>&amp;</b>]]> &lt;&gt;&amp;&quot;&apos; &#25968;&#x7535;</a>',
			['a', {}, '<b>&amp;</b> <>&"\' 数电', []],
		],
		['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>票</a>')]), ['a', {}, '票', []]],
		[
			'GBK when the declaration says so',
			Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GBK"?><a>'), Buffer.from([0xb7, 0xa2, 0xc6, 0xb1]), Buffer.from('</a>')]),
			['a', {}, '发票', []],
		],
		[
			'UTF-16 with its BOM',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>税</a>', 'utf16le')]),
			['a', {}, '税', []],
		],
	])('%s', (_label, xml, expected) => {
		expect(shape(parse(xml))).toEqual(expected);
	});

	it('finds elements and text down a path', () => {
		const root = parse('<EInvoice><Header><EIid>1</EIid></Header><Header><EIid>2</EIid></Header></EInvoice>');
		expect(textAt(root, 'Header/EIid')).toBe('1');
		expect(elementAt(root, 'Header/Missing')).toBeUndefined();
		expect(textAt(undefined, 'Header')).toBeUndefined();
	});
});

describe('parseXml refuses', () => {
	it.each<[string, string, RegExp]>([
		[
			'XXE: an external entity',
			'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>',
			/^"invoice\.xml" has a DTD/,
		],
		[
			'billion laughs',
			`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
			/has a DTD/,
		],
		['an undeclared entity', '<a>&nbsp;</a>', /uses the entity &nbsp;, which is not declared/],
		['a character reference beyond Unicode', '<a>&#x110000;</a>', /invalid character reference/],
		['a mismatched closing tag', '<a><b></a></b>', /mismatched closing tag <\/a>/],
		['an unclosed element', '<a><b></b>', /<a> is not closed/],
		['an unterminated tag', '<a><b', /ends inside a tag/],
		['an attribute without quotes', '<a b=1/>', /malformed attribute/],
		['an attribute without a value', '<a b/>', /malformed attribute/],
		['an unterminated comment', '<a><!-- </a>', /ends inside a tag/],
		['two root elements', '<a/><b/>', /more than one root element/],
		['text outside the root', 'hello <a/>', /text outside its root element/],
		['no element at all', '<?xml version="1.0"?>', /has no root element/],
	])('%s', (_label, xml, message) => {
		expect(() => parse(xml)).toThrow(XmlRefused);
		expect(() => parse(xml)).toThrow(message);
	});

	it('a file over 5 MB, before reading it', () => {
		const oversize = Buffer.alloc(MAX_XML_BYTES + 1, 0x20);
		expect(() => parse(oversize)).toThrow('"invoice.xml" is larger than the 5 MB an XML invoice may have (5.0 MB)');
	});
});

describe('parseXml stays linear on hostile input (a quadratic reader would not finish within the test timeout)', () => {
	it('a 4 MB tag of attribute names without a value', () => {
		expect(() => parse(`<a ${'b'.repeat(4 * 1024 * 1024)}=/>`)).toThrow('has a malformed attribute');
	});

	it('100,000 attributes and 100,000 elements', () => {
		const attributes = Array.from({ length: 100_000 }, (_, index) => `a${index}="${index}"`).join(' ');
		const root = parse(`<r ${attributes}>${'<c/>'.repeat(100_000)}</r>`);
		expect(Object.keys(root.attributes)).toHaveLength(100_000);
		expect(root.children).toHaveLength(100_000);
	});

	it('4 MB of "&" and names without their ";"', () => {
		expect(parse(`<a>${'&x'.repeat(2 * 1024 * 1024)}</a>`).text).toHaveLength(4 * 1024 * 1024);
	});
});
