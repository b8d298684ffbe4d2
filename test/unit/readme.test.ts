/**
 * The README and docs/ guard what a reader relies on, not their wording: the README stays small enough to
 * read (with room for the sections still to come), every command it names exists, every link resolves,
 * the documentation URLs n8n shows in the editor land on a heading, and the hand-written prose names
 * only keys and parameters the node has (so a renamed key cannot linger in the text).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { INVOICE_FIELDS, LINE_ITEM_FIELDS } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import * as fieldTables from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { INVOICE_KINDS } from '../../nodes/TencentInvoiceOcr/invoice/invoiceKind';
import { READ_FROM_VALUES } from '../../nodes/TencentInvoiceOcr/invoice/recordFields';
import { STATUS_MESSAGES } from '../../nodes/TencentInvoiceOcr/invoice/verdict';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

const ROOT = join(__dirname, '..', '..');
const README_PATH = join(ROOT, 'README.md');
const DOCS_DIR = join(ROOT, 'docs');
const README_MAX_BYTES = 15 * 1024;

const readText = (path: string) => readFileSync(path, 'utf8');
const DOCS_PAGES = readdirSync(DOCS_DIR)
	.filter((name) => name.endsWith('.md'))
	.map((name) => join(DOCS_DIR, name));
/** Every page a reader follows links between. */
const PAGES = [README_PATH, ...DOCS_PAGES, ...['CONTRIBUTING.md', 'ARCHITECTURE.md', 'CHANGELOG.md', join('examples', 'README.md')].map((name) => join(ROOT, name))];
const shown = (path: string) => relative(ROOT, path);

/** The anchor GitHub and npm give a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a markdown page's headings (outside code blocks). */
function anchorsOf(markdown: string): Set<string> {
	const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	return new Set([...outsideCode.matchAll(/^#{1,6} +(.+)$/gm)].map(([, heading]) => headingAnchor(heading)));
}

/** Every relative link target of a page (`[text](target)`), as written. */
function relativeLinksOf(markdown: string): string[] {
	const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
	return targets.filter((target) => !/^[a-z]+:/i.test(target));
}

describe('headingAnchor', () => {
	it.each([
		['Credentials', 'credentials'],
		['The invoice item (发票)', 'the-invoice-item-发票'],
		['Billing, throughput, retries and queue mode', 'billing-throughput-retries-and-queue-mode'],
		['`invoiceKind`', 'invoicekind'],
		['dedupeKey and lineKey', 'dedupekey-and-linekey'],
		['中文简介', '中文简介'],
		['Options → Timeout', 'options--timeout'],
	])('%s → %s', (heading, anchor) => {
		expect(headingAnchor(heading)).toBe(anchor);
	});
});

describe('README', () => {
	const readme = readText(README_PATH);

	it(`is at most ${README_MAX_BYTES} bytes: the reference belongs in docs/`, () => {
		expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(README_MAX_BYTES);
	});

	it('links every docs/ page', () => {
		const linked = new Set(relativeLinksOf(readme).map((target) => normalize(target.split('#')[0])));
		const unlinked = DOCS_PAGES.map(shown).filter((page) => !linked.has(page));
		expect(unlinked).toEqual([]);
	});

	it('has the headings the node and credential documentation URLs point at', () => {
		const codex = JSON.parse(readText(join(ROOT, 'nodes', 'TencentInvoiceOcr', 'TencentInvoiceOcr.node.json'))) as {
			resources: Record<string, Array<{ url: string }>>;
		};
		const urls = [new TencentCloudApi().documentationUrl, ...Object.values(codex.resources).flat().map(({ url }) => url)];
		// npm gives the README itself the anchor "readme".
		const anchors = new Set([...anchorsOf(readme), 'readme']);
		const missing = urls.filter((url) => !anchors.has(url.split('#')[1] ?? ''));
		expect(urls.length).toBeGreaterThan(1);
		expect(missing).toEqual([]);
	});
});

describe.each(PAGES.map((path) => [shown(path), path]))('%s', (_name, path) => {
	const markdown = readText(path);

	it('names only npm scripts that package.json has', () => {
		const scripts = (JSON.parse(readText(join(ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts;
		const named = [...markdown.matchAll(/\bnpm (?:run ([\w:-]+)|(test|start)\b)/g)].map(([, run, builtIn]) => run ?? builtIn);
		expect(named.filter((script) => !(script in scripts))).toEqual([]);
	});

	it('links only files that exist, and headings that exist in them', () => {
		const broken = relativeLinksOf(markdown).filter((target) => {
			const [file, anchor] = target.split('#');
			const targetPath = file === '' ? path : join(dirname(path), file);
			if (!existsSync(targetPath)) return true;
			if (anchor === undefined || !targetPath.endsWith('.md')) return false;
			return !anchorsOf(readText(targetPath)).has(anchor);
		});
		expect(broken).toEqual([]);
	});
});

/** Every output key of every record table, every parameter's name, option value and text default, every invoiceKind and status. */
function namesTheNodeHas(): Set<string> {
	const tables = Object.values(fieldTables as Record<string, unknown>).filter(
		(value): value is ReadonlyArray<{ key: string }> =>
			Array.isArray(value) && value.every((row: unknown) => typeof row === 'object' && row !== null && 'key' in row),
	);
	const properties = (list: Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>): string[] =>
		list.flatMap((property) => {
			const words: string[] = [];
			if ('name' in property) words.push(property.name);
			if ('value' in property) words.push(String(property.value));
			if ('default' in property && typeof property.default === 'string') words.push(property.default);
			if ('options' in property && property.options) words.push(...properties(property.options));
			return words;
		});
	return new Set([
		...[...INVOICE_FIELDS, ...LINE_ITEM_FIELDS, ...tables.flat()].map(({ key }) => key),
		...properties(new TencentInvoiceOcr().description.properties),
		...properties(new TencentCloudApi().properties),
		...INVOICE_KINDS,
		...READ_FROM_VALUES,
		...Object.keys(STATUS_MESSAGES),
	]);
}

/**
 * Words in code spans that look like keys but name something else; `lineItems` (line items nested under
 * Output: Invoices) is in no record table yet.
 */
const OTHER_WORDS = new Set([
	'lineItems',
	...['null', 'pairedItem', 'ocr', 'sqlite3', 'xlsx', 'emulatorDemoSecretKey0000000000000'],
]);

describe('the hand-written prose of the README and docs/', () => {
	const known = namesTheNodeHas();

	/** The words in code spans of a page's prose: outside generated sections and code blocks. */
	const wordsNamedIn = (path: string) => {
		const prose = readText(path)
			.replace(/<!-- generated: [\s\S]*?<!-- end generated: [\w-]+ -->/g, '')
			.replace(/^```[\s\S]*?^```/gm, '');
		return new Set([...prose.matchAll(/`([a-z][a-zA-Z0-9]*)`/g)].map(([, word]) => word));
	};

	it('finds the keys the README names', () => {
		expect([...wordsNamedIn(README_PATH)]).toEqual(expect.arrayContaining(['totalBeforeTax', 'amountBeforeTax', 'dedupeKey']));
	});

	it.each([README_PATH, ...DOCS_PAGES].map((path) => [shown(path), path]))('%s names only keys and parameters the node has', (_name, path) => {
		expect([...wordsNamedIn(path)].filter((word) => !known.has(word) && !OTHER_WORDS.has(word))).toEqual([]);
	});
});
