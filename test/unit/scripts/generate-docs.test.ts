/** docs/ tables generated from the code: sections filled between markers, prose kept, stale pages found. */
import * as fieldTables from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import {
	GENERATED_SECTIONS,
	RECORD_KEY_TABLES,
	REGENERATE_COMMAND,
	fillGeneratedSections,
	markdownTable,
	readDocsPages,
	stalePages,
} from '../../../scripts/generate-docs';

const SECTIONS = { greeting: () => '| a |\n| --- |\n| hello |', other: () => 'other text' };
const start = (name: string) => `<!-- generated: ${name} (by npm run docs from the code; edit the code, not this section) -->`;
const end = (name: string) => `<!-- end generated: ${name} -->`;

describe('markdownTable', () => {
	it.each([
		[['Key', 'Type'], [['`a`', 'string']], '| Key | Type |\n| --- | --- |\n| `a` | string |'],
		[['Key'], [['a | b']], '| Key |\n| --- |\n| a \\| b |'],
		[['Key'], [['two\nlines']], '| Key |\n| --- |\n| two lines |'],
		[['Key', 'Type'], [], '| Key | Type |\n| --- | --- |'],
		[['Key'], [['dedupeKey#pos<position>']], '| Key |\n| --- |\n| dedupeKey#pos&lt;position> |'],
		[['Key'], [['`a<b` and a<b']], '| Key |\n| --- |\n| `a<b` and a&lt;b |'],
	])('%j with %j', (header, rows, table) => {
		expect(markdownTable(header, rows)).toBe(table);
	});
});

describe('fillGeneratedSections', () => {
	it.each([
		['an empty section', `Before.\n\n<!-- generated: greeting -->\n${end('greeting')}\n\nAfter.\n`],
		['a stale section', `Before.\n\n${start('greeting')}\n\n| a |\n| --- |\n| old |\n\n${end('greeting')}\n\nAfter.\n`],
	])('fills %s and keeps the prose around it', (_case, page) => {
		expect(fillGeneratedSections(page, SECTIONS)).toBe(
			`Before.\n\n${start('greeting')}\n\n| a |\n| --- |\n| hello |\n\n${end('greeting')}\n\nAfter.\n`,
		);
	});

	it('fills each of several sections with its own content', () => {
		const page = `<!-- generated: other -->\n${end('other')}\nmiddle\n<!-- generated: greeting -->\n${end('greeting')}\n`;
		expect(fillGeneratedSections(page, SECTIONS)).toBe(
			`${start('other')}\n\nother text\n\n${end('other')}\nmiddle\n${start('greeting')}\n\n| a |\n| --- |\n| hello |\n\n${end('greeting')}\n`,
		);
	});

	it('leaves a page without markers as it is', () => {
		expect(fillGeneratedSections('# Title\n\nProse only.\n', SECTIONS)).toBe('# Title\n\nProse only.\n');
	});

	it.each([
		['an unknown name', `<!-- generated: nothing -->\n${end('nothing')}`, 'No generated section is called "nothing"'],
		['an end marker of another section', `<!-- generated: greeting -->\n${end('other')}`, 'ends with "end generated: other"'],
	])('refuses %s', (_case, page, message) => {
		expect(() => fillGeneratedSections(page, SECTIONS)).toThrow(message);
	});
});

describe('stalePages', () => {
	const fresh = fillGeneratedSections(`<!-- generated: greeting -->\n${end('greeting')}\n`, SECTIONS);

	it('names the pages whose generated sections differ from the code, not the others', () => {
		const edited = fresh.replace('hello', 'hello, edited by hand');
		const pages = new Map([['fresh.md', fresh], ['edited.md', edited], ['prose.md', 'No markers.\n']]);
		expect(stalePages(pages, SECTIONS)).toEqual(['edited.md']);
	});
});

describe('docs/', () => {
	const pages = readDocsPages();

	it(`is what ${REGENERATE_COMMAND} generates from the code, byte for byte`, () => {
		const stale = stalePages(pages);
		if (stale.length > 0) {
			throw new Error(`docs/${stale.join(', docs/')} differ from the code's tables: run \`${REGENERATE_COMMAND}\` and commit the result`);
		}
	});

	it('holds every generated section somewhere', () => {
		const allText = [...pages.values()].join('\n');
		const unused = Object.keys(GENERATED_SECTIONS).filter((name) => !allText.includes(`<!-- generated: ${name} `));
		expect(unused).toEqual([]);
	});
});

describe('RECORD_KEY_TABLES', () => {
	/** The tables of record keys fields.ts exports: rows of key, type and meaning. */
	const exportedTables = Object.entries(fieldTables as Record<string, unknown>).filter(
		(entry): entry is [string, ReadonlyArray<object>] =>
			Array.isArray(entry[1]) && entry[1].every((row: unknown) => typeof row === 'object' && row !== null && 'key' in row && 'type' in row),
	);

	it('finds the record tables fields.ts exports', () => {
		expect(exportedTables.map(([name]) => name)).toEqual(expect.arrayContaining(['INVOICE_RECORD_FIELDS', 'ERROR_ITEM_FIELDS']));
	});

	it('shows every row of every one of them in the output reference', () => {
		const shownRows = new Set<object>(Object.values(RECORD_KEY_TABLES).flat());
		const left = exportedTables.flatMap(([name, rows]) => rows.filter((row) => !shownRows.has(row)).map((row) => `${name}: ${JSON.stringify(row)}`));
		expect(left).toEqual([]);
	});
});
