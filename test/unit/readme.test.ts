/**
 * The README and docs/ guard what a reader relies on, not their wording: the README stays small enough to
 * read (with room for the sections still to come), every command it names exists, every link resolves,
 * and the documentation URLs n8n shows in the editor land on a heading.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';

const ROOT = join(__dirname, '..', '..');
const README_PATH = join(ROOT, 'README.md');
const DOCS_DIR = join(ROOT, 'docs');
const README_MAX_BYTES = 15 * 1024;

const readText = (path: string) => readFileSync(path, 'utf8');
const DOCS_PAGES = readdirSync(DOCS_DIR)
	.filter((name) => name.endsWith('.md'))
	.map((name) => join(DOCS_DIR, name));
/** Every page a reader follows links between. */
const PAGES = [README_PATH, ...DOCS_PAGES, ...['CONTRIBUTING.md', 'CHANGELOG.md', join('examples', 'README.md')].map((name) => join(ROOT, name))];
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
