/**
 * A safe, non-validating XML reader for invoice files (数电 XML, OFD parts): elements, attributes,
 * text and CDATA, by local name. A file with a DTD is refused outright, so no entity is ever
 * declared or expanded and nothing is fetched (XXE, "billion laughs"); only XML's five predefined
 * entities and character references are decoded. At most 5 MB.
 */
import { InputError, megabytes } from '../../errors';

export const MAX_XML_BYTES = 5 * 1024 * 1024;

export interface XmlElement {
	/** The local name: `ofd:TextCode` → `TextCode`. */
	name: string;
	/** By local name. */
	attributes: Record<string, string>;
	children: XmlElement[];
	/** The element's own text and CDATA, in order, entities decoded; its children's text is theirs. */
	text: string;
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY_REFERENCE = /&(#x[0-9a-fA-F]+|#\d+|[A-Za-z_][\w.-]*);/g;
const DECLARED_ENCODING = /^<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i;
const CHINESE_ENCODINGS = /^(gb2312|gbk|gb18030|x-gbk|cp936)$/i;
const MAX_CODE_POINT = 0x10ffff;

const FIX_HINT = 'Send the invoice file as the tax system or the invoicing platform issued it.';

/** `fileName` names the file in every refusal. */
export class XmlRefused extends InputError {}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** UTF-8 unless a BOM or the declaration says UTF-16 or a Chinese code page (older invoices are GBK). */
function decodeXml(bytes: Buffer): string {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	const encoding = DECLARED_ENCODING.exec(bytes.toString('latin1', 0, 200))?.[1];
	if (encoding && CHINESE_ENCODINGS.test(encoding)) return new TextDecoder('gb18030').decode(bytes);
	return bytes.toString('utf8');
}

/** Builds the tree while the scanner walks the text once. */
class TreeBuilder {
	readonly stack: XmlElement[] = [];
	root: XmlElement | undefined;

	constructor(private readonly refuse: (problem: string) => XmlRefused) {}

	decode(text: string): string {
		if (!text.includes('&')) return text;
		return text.replace(ENTITY_REFERENCE, (reference, body: string) => {
			if (body.startsWith('#')) {
				const codePoint = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
				if (codePoint > MAX_CODE_POINT) throw this.refuse(`has an invalid character reference ${reference}`);
				return String.fromCodePoint(codePoint);
			}
			const value = PREDEFINED_ENTITIES[body];
			if (value === undefined) throw this.refuse(`uses the entity ${reference}, which is not declared (the node reads no DTD)`);
			return value;
		});
	}

	addText(text: string, isCdata: boolean): void {
		const current = this.stack.at(-1);
		if (!current) {
			if (text.trim() !== '') throw this.refuse('has text outside its root element');
			return;
		}
		current.text += isCdata ? text : this.decode(text);
	}

	open(tag: string): void {
		const nameEnd = tag.search(/[\s/]/);
		const name = nameEnd === -1 ? tag : tag.slice(0, nameEnd);
		if (name === '') throw this.refuse('has a malformed tag');
		const attributes = nameEnd === -1 ? {} : this.readAttributes(tag.slice(nameEnd));
		const element: XmlElement = { name: localName(name), attributes, children: [], text: '' };
		const parent = this.stack.at(-1);
		if (parent) parent.children.push(element);
		else if (this.root) throw this.refuse('has more than one root element');
		else this.root = element;
		if (!tag.endsWith('/')) this.stack.push(element);
	}

	/** `a="1" b='2'`, read in one pass (a regex over a hostile tag could backtrack quadratically). */
	private readAttributes(text: string): Record<string, string> {
		const attributes: Record<string, string> = {};
		let position = 0;
		const skipSpace = () => {
			while (position < text.length && /\s/.test(text[position])) position++;
		};
		for (skipSpace(); position < text.length && text[position] !== '/'; skipSpace()) {
			const nameStart = position;
			while (position < text.length && !/[\s=]/.test(text[position])) position++;
			const name = text.slice(nameStart, position);
			skipSpace();
			if (name === '' || text[position] !== '=') throw this.refuse('has a malformed attribute');
			position++;
			skipSpace();
			const quote = text[position];
			const valueEnd = quote === '"' || quote === "'" ? text.indexOf(quote, position + 1) : -1;
			if (valueEnd === -1) throw this.refuse('has a malformed attribute');
			attributes[localName(name)] = this.decode(text.slice(position + 1, valueEnd));
			position = valueEnd + 1;
		}
		return attributes;
	}

	close(tagName: string): void {
		const element = this.stack.pop();
		if (!element || element.name !== localName(tagName.trim())) throw this.refuse(`has a mismatched closing tag </${tagName.trim()}>`);
	}
}

/** Where a start tag ends: the first `>` outside a quoted attribute value. */
function tagEnd(text: string, start: number): number {
	let quote = '';
	for (let position = start; position < text.length; position++) {
		const character = text[position];
		if (quote) {
			if (character === quote) quote = '';
		} else if (character === '"' || character === "'") quote = character;
		else if (character === '>') return position;
	}
	return -1;
}

/**
 * Parses an XML file into its root element, or refuses it (XmlRefused) naming `fileName` and why:
 * over 5 MB, a DTD or undeclared entity, or not well formed.
 */
export function parseXml(bytes: Buffer, fileName: string): XmlElement {
	const refuse = (problem: string) => new XmlRefused(`"${fileName}" ${problem}`, FIX_HINT);
	if (bytes.length > MAX_XML_BYTES) {
		throw new XmlRefused(
			`"${fileName}" is larger than the 5 MB an XML invoice may have (${megabytes(bytes.length)})`,
			'An invoice XML is a few kilobytes: check that this is the invoice file.',
		);
	}
	const text = decodeXml(bytes);
	const builder = new TreeBuilder(refuse);
	let position = 0;
	const endOf = (marker: string, from: number) => {
		const end = text.indexOf(marker, from);
		if (end === -1) throw refuse('is not well-formed XML (it ends inside a tag)');
		return end;
	};
	while (position < text.length) {
		const tagStart = text.indexOf('<', position);
		if (tagStart === -1) {
			builder.addText(text.slice(position), false);
			break;
		}
		if (tagStart > position) builder.addText(text.slice(position, tagStart), false);
		if (text.startsWith('<!--', tagStart)) position = endOf('-->', tagStart + 4) + 3;
		else if (text.startsWith('<![CDATA[', tagStart)) {
			const end = endOf(']]>', tagStart + 9);
			builder.addText(text.slice(tagStart + 9, end), true);
			position = end + 3;
		} else if (text.startsWith('<?', tagStart)) position = endOf('?>', tagStart + 2) + 2;
		else if (text.startsWith('<!', tagStart)) {
			throw refuse('has a DTD (<!DOCTYPE …>), which the node does not read: invoice files declare no entities');
		} else if (text.startsWith('</', tagStart)) {
			const end = endOf('>', tagStart + 2);
			builder.close(text.slice(tagStart + 2, end));
			position = end + 1;
		} else {
			const end = tagEnd(text, tagStart + 1);
			if (end === -1) throw refuse('is not well-formed XML (it ends inside a tag)');
			builder.open(text.slice(tagStart + 1, end).trim());
			position = end + 1;
		}
	}
	if (!builder.root) throw refuse('is not XML (it has no root element)');
	if (builder.stack.length > 0) throw refuse(`is not well-formed XML (<${builder.stack.at(-1)?.name}> is not closed)`);
	return builder.root;
}

/** The children of `element` with a local name. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((child) => child.name === name);

/** The first element down a path of local names, `A/B/C`, from `element`. */
export function elementAt(element: XmlElement | undefined, path: string): XmlElement | undefined {
	let current = element;
	for (const name of path.split('/')) {
		current = current?.children.find((child) => child.name === name);
	}
	return current;
}

/** The text of the first element down a path, or undefined. */
export const textAt = (element: XmlElement | undefined, path: string) => elementAt(element, path)?.text;
