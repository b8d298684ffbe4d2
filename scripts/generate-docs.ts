/**
 * The reference tables in docs/ that mirror the code: output keys (from the field tables), invoiceKind
 * codes, each operation's parameters and the credential's fields (from the node's own description).
 * Each table sits between two marker comments in a docs/ page; the prose around it is written by hand
 * and kept as it is.
 *
 * CLI: `npm run docs` rewrites the tables in place. test/unit/scripts/generate-docs.test.ts regenerates
 * them in memory and fails when a page on disk differs.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	NodeParameterValueType,
} from 'n8n-workflow';
import type { VatInvoiceOCRResponse } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { TencentCloudApi } from '../credentials/TencentCloudApi.credentials';
import { DOCUMENT_TYPE_TABLE } from '../nodes/TencentInvoiceOcr/invoice/documents/documentTypes';
import {
	DOCUMENT_FIELDS,
	ERROR_ITEM_FIELDS,
	FLIGHT_LEG_FIELDS,
	INVOICE_FIELDS,
	INVOICE_RECORD_FIELDS,
	LINE_ITEM_FIELDS,
	LINE_ITEM_PARENT_FIELDS,
	PAGES_NOT_RECOGNIZED_FIELDS,
	POLYGON_FIELDS,
	READ_FROM_FIELDS,
	SOURCE_FIELDS,
	TRAVEL_FIELDS,
	VERDICT_FIELDS,
	VERIFIED_WITH_FIELDS,
	type FieldKind,
	type RecordFieldMapping,
} from '../nodes/TencentInvoiceOcr/invoice/fields';
import {
	INVOICE_KINDS,
	KINDS_BY_OFD_TYPE,
	KINDS_BY_VERIFY_TYPE,
	type InvoiceKind,
} from '../nodes/TencentInvoiceOcr/invoice/invoiceKind';
// The .js suffix names the node file, not its codex TencentInvoiceOcr.node.json, under Node's (tsx's) resolution.
import { TencentInvoiceOcr } from '../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js';
import { readRecognizedInvoice } from '../nodes/TencentInvoiceOcr/invoice/fromAnswers';
import { STATUS_MESSAGES, type VerificationStatus } from '../nodes/TencentInvoiceOcr/invoice/verdict';
import { toInvoiceItems } from '../nodes/TencentInvoiceOcr/output/invoiceItems';

export const DOCS_DIR = join(__dirname, '..', 'docs');
export const REGENERATE_COMMAND = 'npm run docs';

/**
 * A cell's text as markdown shows it: a `|` or a line break would end the cell or the row, and outside
 * code spans a `<` would open an HTML tag (`dedupeKey#pos<position>` would lose its last word).
 */
function cellText(text: string): string {
	const parts = text.replace(/\n/g, ' ').split(/(`[^`]*`)/);
	const escaped = parts.map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')));
	return escaped.join('').replace(/\|/g, '\\|');
}

/** One markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const code = (text: string) => `\`${text}\``;

/** The type of a field of the invoice or a line: null whenever the answer did not hold it. */
const TYPE_OF_KIND: Record<FieldKind, string> = {
	text: 'string or null',
	identifier: 'string or null',
	amount: 'number or null',
	date: 'string (YYYY-MM-DD) or null',
	flag: 'boolean or null',
	taxRate: 'number (fraction) or null',
	lineNumber: 'integer or null',
};

function invoiceKeysTable(): string {
	const rows = INVOICE_FIELDS.map((field) => [
		code(field.key),
		field.chineseName,
		TYPE_OF_KIND[field.kind],
		field.englishName,
		field.recognize ? '✓' : '',
		'verify' in field ? code(field.verify) : '',
		'ofd' in field ? code(field.ofd) : '',
	]);
	return markdownTable(
		['Key', 'Chinese name', 'Type', 'Meaning', 'Recognize (by Chinese name)', 'Verify (`Invoice.`)', 'OFD'],
		rows,
	);
}

function lineItemKeysTable(): string {
	const rows = LINE_ITEM_FIELDS.map((field) => [
		code(field.key),
		field.chineseName,
		TYPE_OF_KIND[field.kind],
		field.englishName,
		code(field.items),
		'ofd' in field ? code(field.ofd) : '',
	]);
	return markdownTable(
		['Key', 'Chinese name', 'Type', 'Meaning', 'Recognize and Verify (`Items[].`)', 'OFD (`GoodsInfos[].`)'],
		rows,
	);
}

/** The keys a record adds around the invoice's and the line's fields: key, type, meaning. */
const recordKeysTable = (fields: readonly RecordFieldMapping[]) =>
	markdownTable(
		['Key', 'Type', 'Meaning'],
		fields.map((field) => [code(field.key), field.type, field.englishName]),
	);

/**
 * The tables of record keys the output reference shows, by section name. A test checks that every
 * such table fields.ts exports is here, so a new record's keys cannot be left out of the reference.
 */
export const RECORD_KEY_TABLES: Readonly<Record<string, readonly RecordFieldMapping[]>> = {
	'invoice-record-keys': INVOICE_RECORD_FIELDS,
	'file-keys': [...SOURCE_FIELDS, ...READ_FROM_FIELDS, ...PAGES_NOT_RECOGNIZED_FIELDS, ...POLYGON_FIELDS],
	'line-item-parent-keys': LINE_ITEM_PARENT_FIELDS,
	'verdict-keys': VERDICT_FIELDS,
	'verified-with-keys': VERIFIED_WITH_FIELDS,
	'error-item-keys': ERROR_ITEM_FIELDS,
	'document-keys': DOCUMENT_FIELDS,
	'travel-keys': TRAVEL_FIELDS,
	'flight-leg-keys': FLIGHT_LEG_FIELDS,
};

/** Recognize Any Invoice or Receipt's documentType vocabulary: Tencent's Type codes and structs (SubType) of each kind. */
function documentTypesTable(): string {
	const rows = DOCUMENT_TYPE_TABLE.map((entry) => [
		code(entry.documentType),
		entry.tencentTypes.map(({ code: typeCode, chineseName }) => `${typeCode} ${chineseName}`).join(', '),
		entry.subTypes.map(({ subType, chineseName }) => `${code(subType)} ${chineseName}`).join(', '),
		entry.forceCode === undefined ? '(cannot be forced)' : code(String(entry.forceCode)),
		entry.meaning,
	]);
	return markdownTable(['documentType', 'Tencent `Type` (code, 中文)', 'Structs (`SubType`, 中文)', 'Forced with `Types`', 'Meaning'], rows);
}

/**
 * What each kind is, in Chinese, and the printed names Recognize takes it from. Typed by InvoiceKind,
 * so a new kind does not compile until it is described here.
 */
const KIND_DESCRIPTIONS: Record<InvoiceKind, { invoice: string; printedNames: string }> = {
	special: { invoice: '增值税专用发票', printedNames: '增值税专用发票' },
	ordinary: { invoice: '增值税普通发票', printedNames: '增值税普通发票' },
	electronicSpecial: { invoice: '增值税电子专用发票', printedNames: '增值税电子专用发票' },
	electronicOrdinary: { invoice: '增值税电子普通发票', printedNames: '增值税电子普通发票' },
	digitalSpecial: { invoice: '数电/全电 电子发票（增值税专用发票）', printedNames: '电子发票(增值税专用发票), 全电/数电…专用' },
	digitalOrdinary: { invoice: '数电/全电 电子发票（普通发票）', printedNames: '电子发票(普通发票), 全电/数电…普通' },
	roll: { invoice: '增值税普通发票（卷式）', printedNames: '…卷…' },
	toll: { invoice: '通行费发票', printedNames: '…通行费…' },
	motorVehicle: { invoice: '机动车销售统一发票', printedNames: '…机动车…' },
	usedVehicle: { invoice: '二手车销售统一发票', printedNames: '…二手车…' },
	freight: { invoice: '货物运输业增值税专用发票', printedNames: '…货物运输… / 货运' },
	other: {
		invoice: 'anything else: railway and air tickets, blockchain and fiscal receipts, 通用电子发票, unknown codes',
		printedNames: 'anything else',
	},
};

const codesOf = (kindsByCode: Readonly<Record<string, InvoiceKind>>, kind: InvoiceKind) =>
	Object.entries(kindsByCode)
		.filter(([, kindOfCode]) => kindOfCode === kind)
		.map(([typeCode]) => typeCode)
		.sort((left, right) => left.localeCompare(right, 'en', { numeric: true }))
		.map(code)
		.join(', ');

function invoiceKindsTable(): string {
	const rows = INVOICE_KINDS.map((kind) => [
		code(kind),
		KIND_DESCRIPTIONS[kind].invoice,
		codesOf(KINDS_BY_VERIFY_TYPE, kind),
		codesOf(KINDS_BY_OFD_TYPE, kind),
		KIND_DESCRIPTIONS[kind].printedNames,
	]);
	return markdownTable(['`invoiceKind`', 'Invoice', 'Verify `Type`', 'OFD `Type`', 'Recognize (发票类型, 发票名称)'], rows);
}

/**
 * Which answer of the tax authority gives each status, and its name in Chinese. Typed by
 * VerificationStatus, so a new status does not compile until it is described here.
 */
const STATUS_DESCRIPTIONS: Record<VerificationStatus, { answer: string; chinese: string }> = {
	valid: { answer: '`Invoice.IsAbandoned` `N`, not a red invoice, amount or check code matching', chinese: '查验一致，未作废，非红字发票' },
	void: { answer: '`IsAbandoned` `Y`', chinese: '已作废' },
	reversed: { answer: '`IsAbandoned` `H` or `HF`', chinese: '红冲 / 全额红冲' },
	partiallyReversed: { answer: '`IsAbandoned` `HP`', chinese: '部分红冲' },
	redLettered: { answer: '`Invoice.RedLetterInvoiceMark`', chinese: '红字发票' },
	notFound: { answer: '`ResourceNotFound.NoInvoice`', chinese: '发票不存在' },
	notYetAvailable: { answer: '`ResourceNotFound.NotSupportCurrentInvoiceQuery`', chinese: '不支持当天发票查询' },
	mismatch: { answer: '`FailedOperation.InvoiceMismatch`', chinese: '发票数据不一致' },
	queryLimitReached: { answer: '`FailedOperation.CountLimitError`', chinese: '今日次数达到限制' },
};

/** Each status with the node's own words for it (`statusMessage`), the answer behind it and its Chinese name. */
function verifyStatusesTable(): string {
	const statuses = Object.keys(STATUS_MESSAGES) as VerificationStatus[];
	const rows = statuses.map((status) => [
		code(status),
		STATUS_MESSAGES[status],
		STATUS_DESCRIPTIONS[status].answer,
		STATUS_DESCRIPTIONS[status].chinese,
	]);
	return markdownTable(['`status`', '`statusMessage`', "The tax authority's answer", '含义'], rows);
}

type Property = INodeProperties;

const isCollection = (property: Property) => property.type === 'collection' || property.type === 'fixedCollection';
const choicesOf = (property: Property) => (property.options ?? []) as INodePropertyOptions[];

/** The parameter's label: its name in the editor, the name saved workflows use, and whether it must be filled in. */
const labelOf = (property: Property) => `**${property.displayName}** (${code(property.name)})${property.required ? ', required' : ''}`;

/** A value as the editor shows it: an option's name, on/off, an expression without its `=`. */
function shownValue(property: Property | undefined, value: NodeParameterValueType): string {
	if (typeof value === 'boolean') return value ? 'on' : 'off';
	const choice = property?.type === 'options' ? choicesOf(property).find((option) => option.value === value) : undefined;
	if (choice) return choice.name;
	if (value === '' || value === null || value === undefined) return '';
	if (typeof value === 'string') return code(value.replace(/^=/, ''));
	return String(value);
}

/** "Input Type is Binary File, Process All Binary Fields is off": when a parameter shows, besides its operation. */
function shownWhen(property: Property, siblings: Property[]): string {
	const conditions = Object.entries(property.displayOptions?.show ?? {}).filter(([name]) => name !== 'operation');
	return conditions
		.map(([name, values]) => {
			// n8n's `@tool` condition: the parameter exists on the node's AI tool variant only (docs/ai-agents.md).
			if (name === '@tool') return 'As an AI tool';
			const controlling = siblings.find((sibling) => sibling.name === name);
			const shown = (values ?? []).map((value) => shownValue(controlling, value as NodeParameterValueType));
			return `${controlling?.displayName ?? name} is ${shown.join(' or ')}`;
		})
		.join(', ');
}

/** The parameter's own words, then each choice with what it does. */
function whatItDoes(property: Property): string {
	const own = property.description ?? property.hint ?? '';
	const hidden = property.typeOptions?.password ? 'Hidden as it is typed, stored encrypted by n8n' : '';
	const choices = property.type === 'options' ? choicesOf(property) : [];
	const listed = choices.map((choice) => (choice.description ? `**${choice.name}**: ${choice.description}` : `**${choice.name}**`));
	return [own, hidden, ...listed].filter((part) => part !== '').join('. ');
}

function parameterRows(properties: Property[]): string[][] {
	return properties.flatMap((property) => {
		if (!isCollection(property)) {
			return [[labelOf(property), shownValue(property, property.default), shownWhen(property, properties), whatItDoes(property)]];
		}
		return ((property.options ?? []) as Array<Property | INodePropertyCollection>)
			.filter((option): option is Property => 'type' in option)
			.map((option) => [
				`${property.displayName} → ${labelOf(option)}`,
				shownValue(option, option.default),
				'',
				whatItDoes(option),
			]);
	});
}

/** Each operation under its own heading, with its parameters in the order the editor shows them. */
function operationParametersSection(): string {
	const properties = new TencentInvoiceOcr().description.properties;
	const operationProperty = properties.find((property) => property.name === 'operation');
	const operations = operationProperty ? choicesOf(operationProperty) : [];
	return operations
		.map((operation) => {
			const ofOperation = properties.filter((property) => property.displayOptions?.show?.operation?.includes(operation.value));
			return [
				`### ${operation.name}`,
				'',
				`${operation.description ?? ''} (\`operation\`: ${code(String(operation.value))})`,
				'',
				markdownTable(['Parameter', 'Default', 'Shown when', 'What it does'], parameterRows(ofOperation)),
			].join('\n');
		})
		.join('\n\n');
}

function credentialFieldsTable(): string {
	const { properties } = new TencentCloudApi();
	return markdownTable(['Field', 'Default', 'What it does'], parameterRows(properties).map(([field, value, , does]) => [field, value, does]));
}

const SAMPLE_RESPONSE_PATH = join(__dirname, '..', 'test', 'fixtures', 'vat-invoice-ocr-sample-response.json');
/** How many of the answer's fields the example shows under `fields`; the rest is "…". */
const EXAMPLE_FIELDS_SHOWN = 2;

/** An item as the example shows it: keys that are null left out, `fields` shortened. */
function exampleJson(json: IDataObject): IDataObject {
	const shown = Object.entries(json).filter(([, value]) => value !== null);
	return Object.fromEntries(
		shown.map(([key, value]) =>
			key === 'fields' && typeof value === 'object'
				? [key, { ...Object.fromEntries(Object.entries(value as IDataObject).slice(0, EXAMPLE_FIELDS_SHOWN)), '…': '…' }]
				: [key, value],
		),
	);
}

/**
 * The items the node outputs for the documented VatInvoiceOCR sample answer, as page 1 of a one-page
 * PDF in the binary field `data`, with the default Output: made by the node's own code, so the example
 * cannot drift from it.
 */
function sampleOutputExample(): string {
	const response = (JSON.parse(readFileSync(SAMPLE_RESPONSE_PATH, 'utf8')) as { Response: VatInvoiceOCRResponse }).Response;
	const [items] = toInvoiceItems(
		[
			{
				requestedPage: 1,
				pdfPageCount: 1,
				reading: readRecognizedInvoice(response),
				imageRotationDegrees: response.Angle ?? null,
				requestId: response.RequestId ?? null,
				rawResponse: response,
			},
		],
		{
			outputMode: 'invoicesAndLineItems',
			includePolygons: false,
			sourceFile: { sourceFileName: 'invoice.pdf', sourceBinaryField: 'data' },
			pagesNotRecognized: [],
		},
	);
	return ['```json', JSON.stringify(items.map((item) => exampleJson(item.json)), null, 2), '```'].join('\n');
}

/** The generated sections by name, as a page's markers name them. */
export const GENERATED_SECTIONS: Readonly<Record<string, () => string>> = {
	'invoice-keys': invoiceKeysTable,
	'line-item-keys': lineItemKeysTable,
	...Object.fromEntries(Object.entries(RECORD_KEY_TABLES).map(([name, fields]) => [name, () => recordKeysTable(fields)])),
	'invoice-kinds': invoiceKindsTable,
	'document-types': documentTypesTable,
	'verify-statuses': verifyStatusesTable,
	'operation-parameters': operationParametersSection,
	'credential-fields': credentialFieldsTable,
	'sample-output': sampleOutputExample,
};

const SECTION = /<!-- generated: ([\w-]+) [^\n]*-->\n[\s\S]*?<!-- end generated: ([\w-]+) -->/g;
const marker = (name: string) =>
	`<!-- generated: ${name} (by ${REGENERATE_COMMAND} from the code; edit the code, not this section) -->`;

/**
 * The page with each marked section's content replaced by what `sections` gives for its name; the
 * text outside the markers stays byte for byte. Unknown names and mismatched markers are errors.
 */
export function fillGeneratedSections(page: string, sections: Readonly<Record<string, () => string>>): string {
	return page.replace(SECTION, (_whole, name: string, endName: string) => {
		if (name !== endName) throw new Error(`A "generated: ${name}" section ends with "end generated: ${endName}"`);
		const render = Object.prototype.hasOwnProperty.call(sections, name) ? sections[name] : undefined;
		if (!render) throw new Error(`No generated section is called "${name}"; known: ${Object.keys(sections).join(', ')}`);
		return `${marker(name)}\n\n${render()}\n\n<!-- end generated: ${name} -->`;
	});
}

/** Every docs/ page (file name → text) as it is on disk. */
export function readDocsPages(docsDir = DOCS_DIR): Map<string, string> {
	const names = readdirSync(docsDir).filter((name) => name.endsWith('.md')).sort();
	return new Map(names.map((name) => [name, readFileSync(join(docsDir, name), 'utf8')]));
}

/** The pages whose generated sections differ from what the code gives now. */
export function stalePages(pages: ReadonlyMap<string, string>, sections = GENERATED_SECTIONS): string[] {
	return [...pages].filter(([, text]) => fillGeneratedSections(text, sections) !== text).map(([name]) => name);
}

if (require.main === module) {
	const pages = readDocsPages();
	for (const name of stalePages(pages)) {
		writeFileSync(join(DOCS_DIR, name), fillGeneratedSections(pages.get(name) ?? '', GENERATED_SECTIONS));
		process.stdout.write(`docs/${name} regenerated\n`);
	}
}
