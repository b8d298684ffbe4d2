/**
 * The README documents what the code does: its tables are parsed and compared row by row with the
 * node's field table, the node's parameters and options (with their defaults) and the credential.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { INVOICE_FIELDS, type FieldKind } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

type TableRow = Record<string, string>;

/** The first table of the section under `heading` (the line as written), as rows keyed by the header's cells. */
function tableUnder(heading: string): TableRow[] {
	const lines = README.split('\n');
	const start = lines.indexOf(heading);
	if (start < 0) throw new Error(`README has no heading "${heading}"`);
	const section = lines.slice(start + 1);
	const end = section.findIndex((line) => line.startsWith('#'));
	const body = end < 0 ? section : section.slice(0, end);
	const first = body.findIndex((line) => line.startsWith('|'));
	if (first < 0) throw new Error(`README has no table under "${heading}"`);
	const tableLines = body.slice(first, first + body.slice(first).findIndex((line) => !line.startsWith('|')));
	const [header, , ...rows] = tableLines.map((line) =>
		line
			.slice(1, -1)
			.split('|')
			.map((cell) => cell.trim()),
	);
	return rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
}

const unquote = (cell: string): string => cell.replace(/^`(.*)`$/, '$1');
/** "Timeout (Seconds)" and "Requests Per Second (20, …)" are documented by the words before the brackets. */
const withoutBrackets = (name: string): string => name.replace(/\s*\([^)]*\)/g, '').trim();

describe('README: the invoice field table', () => {
	const TYPE_OF_KIND: Record<FieldKind, string> = {
		text: 'string',
		identifier: 'string',
		amount: 'number',
		date: 'string (YYYY-MM-DD)',
		flag: 'boolean',
		taxRate: 'number',
		lineNumber: 'integer',
	};
	const rows = tableUnder('#### The invoice item (发票)').map((row) => [
		unquote(row['Key']),
		row['Chinese name (Recognize: VatInvoiceInfos `Name`)'],
		unquote(row['Verify: `Invoice.`']),
		unquote(row['OFD field']),
		row['Type'],
		row['Meaning'],
	]);

	it('has one row per mapped field, in the order of INVOICE_FIELDS: Chinese name, where Verify and OFD find it, type, meaning', () => {
		const fields = INVOICE_FIELDS.map((field) => [
			field.key,
			field.chineseName,
			'verify' in field ? field.verify : '',
			'ofd' in field ? field.ofd : '',
			TYPE_OF_KIND[field.kind],
			field.englishName,
		]);
		expect(rows.filter(([key]) => key !== 'invoiceKind')).toEqual(fields);
	});

	it('documents invoiceKind, which is derived rather than read from one field', () => {
		expect(rows.map(([key]) => key)).toContain('invoiceKind');
	});
});

describe('README: the parameter tables', () => {
	const properties = new TencentInvoiceOcr().description.properties;
	const operations = (properties.find((property) => property.name === 'operation')?.options ?? []) as INodePropertyOptions[];

	/** What the README's Default column shows for a default value. */
	function documentedDefault(property: INodeProperties): string {
		const value = property.default;
		if (typeof value === 'boolean') return value ? 'on' : 'off';
		if (property.type === 'options') {
			return (property.options as INodePropertyOptions[]).find((option) => option.value === value)?.name ?? '?';
		}
		if (typeof value === 'string') {
			if (value === '') return '';
			return `\`${value.replace(/^=/, '')}\``;
		}
		return String(value);
	}

	/** Each parameter and option shown for the operation, under the name its README row uses. */
	function parametersOf(operation: string): Map<string, INodeProperties> {
		const shown = properties.filter((property) => property.displayOptions?.show?.operation?.includes(operation));
		return new Map(
			shown.flatMap((property) =>
				property.type === 'collection'
					? (property.options as INodeProperties[]).map(
							(option) => [`${property.displayName} → ${withoutBrackets(option.displayName)}`, option] as const,
						)
					: [[withoutBrackets(property.displayName), property] as const],
			),
		);
	}

	/** A row may name one parameter, or several of one collection: "Options → Max Concurrency, Max Retries, …". */
	function documentedNames(row: TableRow): string[] {
		const [collection, names] = row['Parameter'].includes(' → ') ? row['Parameter'].split(' → ') : ['', row['Parameter']];
		return withoutBrackets(names)
			.split(/,\s*/)
			.map((name) => (collection ? `${collection} → ${name}` : name));
	}

	it('has a section per operation', () => {
		expect(operations.map((operation) => operation.name)).toEqual(['Recognize VAT Invoice', 'Verify VAT Invoice']);
	});

	describe.each(operations.map((operation) => [operation.name, String(operation.value)]))('%s', (name, value) => {
		const rows = tableUnder(`## Operation: ${name}`);
		const parameters = parametersOf(value);

		it('documents every parameter and option, and nothing the node does not have', () => {
			const documented = rows.flatMap(documentedNames);
			expect([...documented].sort()).toEqual([...parameters.keys()].sort());
		});

		it('gives each default as the node has it', () => {
			const singleRows = rows.filter((row) => documentedNames(row).length === 1);
			const documented = singleRows.map((row) => [documentedNames(row)[0], row['Default']]);
			const actual = singleRows.map((row) => {
				const property = parameters.get(documentedNames(row)[0]);
				return [documentedNames(row)[0], property ? documentedDefault(property) : '(no such parameter)'];
			});
			expect(documented).toEqual(actual);
		});
	});
});

describe('README: the credential table', () => {
	const credential = new TencentCloudApi();
	const rows = tableUnder('## Credentials');

	it('has one row per credential field, in the order of the credential', () => {
		expect(rows.map((row) => row['Field'])).toEqual(credential.properties.map((property) => property.displayName));
	});

	it('lists exactly the regions the credential offers', () => {
		const regionRow = rows.find((row) => row['Field'] === 'Region');
		const documented = [...(regionRow?.['What to put there'] ?? '').matchAll(/`([a-z]+-[a-z]+)`/g)].map((match) => match[1]);
		const region = credential.properties.find((property) => property.name === 'region');
		const offered = ((region?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
		expect(documented.sort()).toEqual(offered.sort());
	});
});
