/**
 * An OFD invoice (GB/T 33190) read locally: OFD.xml's CustomData, the semantic tags (CustomTags.xml →
 * CustomTag.xml → ObjectRef) pointing at the page's text objects, the title from the page or its
 * template, and the lines from the line tags or, where an issuer tags none, from the page's item table
 * by position. Both sources must agree where both give a value. An OFD that does not give the values
 * an invoice needs is left to Tencent's VerifyOfdVatInvoiceOCR.
 */
import { lineSumProblems } from '../selfCheck';
import { readPrintedTexts, type InvoiceReading, type LineTexts } from '../fromAnswers';
import { INVOICE_FIELDS } from '../fields';
import { elementAt, parseXml, textAt, type XmlElement } from './xmlTree';

/** The OFD's parts by name (entries of its ZIP), each read only when asked for; undefined for a part it does not have. */
export interface OfdPackage {
	fileName: string;
	read(partName: string): Promise<Buffer | undefined>;
}

/** Read locally, or why not (the OFD then goes to Tencent as before). */
export type OfdOutcome = { reading: InvoiceReading } | { notReadLocally: string };

/** A text object of a page or template, where it sits (mm) and what it says. */
interface PrintedText {
	id: string;
	x: number;
	y: number;
	width: number;
	text: string;
	onTemplate: boolean;
}

/** OFD.xml's CustomData names → the field table's Chinese names. */
const CUSTOM_DATA_NAMES: Readonly<Record<string, string>> = {
	发票代码: '发票代码',
	发票号码: '发票号码',
	开票日期: '开票日期',
	合计金额: '合计金额',
	合计税额: '合计税额',
	价税合计: '小写金额',
	销售方纳税人识别号: '销售方识别号',
	购买方纳税人识别号: '购买方识别号',
	销售方名称: '销售方名称',
	购买方名称: '购买方名称',
	校验码: '校验码',
};

/** Semantic tags (by local name, wherever they nest) → the field table's Chinese names. */
const TAG_NAMES: Readonly<Record<string, string>> = {
	InvoiceCode: '发票代码',
	InvoiceNo: '发票号码',
	IssueDate: '开票日期',
	BuyerName: '购买方名称',
	BuyerTaxID: '购买方识别号',
	SellerName: '销售方名称',
	SellerTaxID: '销售方识别号',
	TaxExclusiveTotalAmount: '合计金额',
	TaxTotalAmount: '合计税额',
	TaxInclusiveTotalAmount: '小写金额',
	InvoiceClerk: '开票人',
	Payee: '收款人',
	Checker: '复核',
	Note: '备注',
	MachineNo: '机器编号',
	InvoiceCheckCode: '校验码',
};

/** Line tags → VatInvoiceItem's names; `Amount` is each line's amount, one text object per line. */
const LINE_TAGS: Readonly<Record<string, keyof LineTexts>> = {
	Item: 'Name',
	Specification: 'Spec',
	MeasurementDimension: 'Unit',
	Quantity: 'Quantity',
	Price: 'UnitPrice',
	Amount: 'AmountWithoutTax',
	TaxScheme: 'TaxRate',
	TaxAmount: 'TaxAmount',
};

/** The item table's column headers, spaces removed → VatInvoiceItem's names. */
const TABLE_HEADERS: Readonly<Record<string, keyof LineTexts>> = {
	项目名称: 'Name',
	'货物或应税劳务、服务名称': 'Name',
	货物或应税劳务名称: 'Name',
	规格型号: 'Spec',
	单位: 'Unit',
	数量: 'Quantity',
	单价: 'UnitPrice',
	金额: 'AmountWithoutTax',
	'税率/征收率': 'TaxRate',
	税率: 'TaxRate',
	税额: 'TaxAmount',
};

/** What an invoice needs to be read without Tencent. */
const REQUIRED_NAMES = ['发票号码', '开票日期', '购买方名称', '购买方识别号', '销售方名称', '销售方识别号', '合计金额', '合计税额', '小写金额'];

/** The printed title: 电子发票（增值税专用发票）, 电子发票（普通发票）, 增值税电子普通发票, 电子发票（铁路电子客票）… */
const TITLE = /^(?:电子发票[（(][^）)]+[）)]|[\u4e00-\u9fff]*增值税[\u4e00-\u9fff]*发票(?:[（(][^）)]+[）)])?)$/;

/** A title is a few characters; longer texts are not tried (the pattern would backtrack over them). */
const MAX_TITLE_LENGTH = 40;

/** Text objects of one row differ in y by less than this (mm). */
const ROW_TOLERANCE = 1.5;

const compact = (text: string) => text.replace(/\s+/g, '');

/** `Doc_0/Document.xml` + `Pages/Page_0/Content.xml` → `Doc_0/Pages/Page_0/Content.xml`; names only, never a path opened. */
function resolvePart(baseName: string, location: string): string {
	const parts = location.startsWith('/') ? [] : baseName.split('/').slice(0, -1);
	for (const segment of location.split('/')) {
		if (segment === '..') parts.pop();
		else if (segment !== '' && segment !== '.') parts.push(segment);
	}
	return parts.join('/');
}

class OfdParts {
	constructor(private readonly ofd: OfdPackage) {}

	async xml(partName: string): Promise<XmlElement | undefined> {
		const bytes = await this.ofd.read(partName);
		return bytes ? parseXml(bytes, `${this.ofd.fileName}/${partName}`) : undefined;
	}
}

function textObjectsOf(element: XmlElement, onTemplate: boolean, into: PrintedText[]): PrintedText[] {
	for (const child of element.children) {
		if (child.name !== 'TextObject') {
			textObjectsOf(child, onTemplate, into);
			continue;
		}
		const [x, y, width] = (child.attributes.Boundary ?? '').trim().split(/\s+/).map(Number);
		const text = child.children.filter((code) => code.name === 'TextCode').map((code) => code.text).join('');
		into.push({ id: child.attributes.ID ?? '', x: x || 0, y: y || 0, width: width || 0, text, onTemplate });
	}
	return into;
}

/** Reading order: by row, then left to right. */
const byPosition = (a: PrintedText, b: PrintedText) => (Math.abs(a.y - b.y) < ROW_TOLERANCE ? a.x - b.x : a.y - b.y);
const joinTexts = (texts: PrintedText[]) => [...texts].sort(byPosition).map((text) => text.text.trim()).join('');

/** Each tag by local name → the text objects its ObjectRefs name. */
function readTags(tagFile: XmlElement, objectsById: Map<string, PrintedText>): Map<string, PrintedText[]> {
	const tags = new Map<string, PrintedText[]>();
	const visit = (element: XmlElement) => {
		const refs = element.children.filter((child) => child.name === 'ObjectRef');
		if (refs.length > 0) {
			const texts = tags.get(element.name) ?? [];
			for (const ref of refs) {
				const text = objectsById.get(ref.text.trim());
				if (text) texts.push(text);
			}
			tags.set(element.name, texts);
		}
		element.children.filter((child) => child.name !== 'ObjectRef').forEach(visit);
	};
	visit(tagFile);
	return tags;
}

/**
 * Lines by rows anchored on the amount column (one amount per line): every other cell goes to the
 * last row that starts at or above it, so a name wrapped onto a second row stays with its line.
 */
function linesByRows(anchors: PrintedText[], cells: Array<[keyof LineTexts, PrintedText]>): LineTexts[] {
	const rows = [...anchors].sort((a, b) => a.y - b.y);
	const rowCells = rows.map(() => new Map<keyof LineTexts, PrintedText[]>());
	for (const [name, cell] of cells) {
		const row = lastRowAtOrAbove(rows, cell.y + ROW_TOLERANCE);
		const texts = rowCells[row].get(name);
		if (texts) texts.push(cell);
		else rowCells[row].set(name, [cell]);
	}
	return rowCells.map((cellsOfRow, index) => {
		const line: LineTexts = { LineNo: String(index + 1) };
		for (const [name, texts] of cellsOfRow) line[name] = joinTexts(texts);
		return line;
	});
}

/** The last row starting at or above `y` (the first row for a cell above them all), by binary search. */
function lastRowAtOrAbove(rows: PrintedText[], y: number): number {
	let low = 0;
	let high = rows.length - 1;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (rows[middle].y <= y) low = middle;
		else high = middle - 1;
	}
	return low;
}

function linesFromTags(tags: Map<string, PrintedText[]>): LineTexts[] | undefined {
	const anchors = (tags.get('Amount') ?? []).filter((text) => compact(text.text) !== '¥');
	if (anchors.length === 0) return undefined;
	const cells = Object.entries(LINE_TAGS).flatMap(([tag, name]) =>
		(tags.get(tag) ?? []).map((text): [keyof LineTexts, PrintedText] => [name, text]),
	);
	return linesByRows(anchors, cells);
}

/**
 * The item table read by position: the header row names the columns, the 合计 row closes the table;
 * each text object between them belongs to the column whose header centre is nearest.
 */
function linesFromTable(objects: PrintedText[]): { lines: LineTexts[] } | { problem: string } {
	const headers = objects.filter((text) => compact(text.text) in TABLE_HEADERS);
	const amountHeader = headers.find((text) => TABLE_HEADERS[compact(text.text)] === 'AmountWithoutTax');
	if (!amountHeader) return { problem: 'no item table header (金额) was found' };
	// One header per column: a page that repeats a header text many times must not multiply the work.
	const headerRow = [...new Map(headers.filter((text) => Math.abs(text.y - amountHeader.y) < ROW_TOLERANCE).map((text) => [TABLE_HEADERS[compact(text.text)], text])).values()];
	const totalsRow = objects.find((text) => compact(text.text) === '合计' && text.y > amountHeader.y);
	if (!totalsRow) return { problem: 'no 合计 row closes the item table' };
	const centre = (text: PrintedText) => text.x + text.width / 2;
	const columnOf = (text: PrintedText) =>
		TABLE_HEADERS[compact(headerRow.reduce((best, header) => (Math.abs(centre(header) - centre(text)) < Math.abs(centre(best) - centre(text)) ? header : best)).text)];
	const body = objects.filter(
		(text) => !text.onTemplate && text.y > amountHeader.y + ROW_TOLERANCE && text.y < totalsRow.y - ROW_TOLERANCE && text.text.trim() !== '',
	);
	const cells = body.map((text): [keyof LineTexts, PrintedText] => [columnOf(text), text]);
	const anchors = cells.filter(([name, text]) => name === 'AmountWithoutTax' && compact(text.text) !== '¥').map(([, text]) => text);
	if (anchors.length === 0) return { problem: 'the item table has no amounts' };
	return { lines: linesByRows(anchors, cells) };
}

/** Where CustomData and the tagged text both give a value, they must say the same once normalized. */
function disagreements(dataTexts: Map<string, string>, tagTexts: Map<string, string>): string[] {
	const fromData = readPrintedTexts(dataTexts, [], {}).invoice;
	const fromTags = readPrintedTexts(tagTexts, [], {}).invoice;
	return INVOICE_FIELDS.flatMap((mapping) => {
		const name = mapping.chineseName;
		if (!dataTexts.has(name) || !tagTexts.has(name) || fromData[mapping.key] === fromTags[mapping.key]) return [];
		return [`OFD.xml's CustomData gives ${name} "${dataTexts.get(name)}" but the invoice's text says "${tagTexts.get(name)}"`];
	});
}

/** Reads an OFD's invoice without a call, or says why it cannot (then it goes to Tencent). */
export async function readOfdLocally(ofd: OfdPackage): Promise<OfdOutcome> {
	const parts = new OfdParts(ofd);
	const body = (await parts.xml('OFD.xml'))?.children.find((child) => child.name === 'DocBody');
	const documentName = resolvePart('', textAt(body, 'DocRoot')?.trim() ?? '');
	const document = documentName ? await parts.xml(documentName) : undefined;
	if (!body || !document) return { notReadLocally: 'it has no document (OFD.xml → DocRoot)' };

	const dataTexts = new Map<string, string>();
	const fields: Record<string, string> = {};
	for (const data of elementAt(body, 'DocInfo/CustomDatas')?.children ?? []) {
		const name = data.attributes.Name?.trim();
		if (!name) continue;
		fields[name] = data.text.trim();
		if (CUSTOM_DATA_NAMES[name]) dataTexts.set(CUSTOM_DATA_NAMES[name], data.text.trim());
	}

	const pageNames = findAll(document, 'Page').map((page) => page.attributes.BaseLoc);
	const templateNames = findAll(document, 'TemplatePage').map((template) => template.attributes.BaseLoc);
	const objects: PrintedText[] = [];
	for (const [names, onTemplate] of [[pageNames, false], [templateNames, true]] as const) {
		for (const name of names) {
			const content = name ? await parts.xml(resolvePart(documentName, name)) : undefined;
			if (content) textObjectsOf(content, onTemplate, objects);
		}
	}

	const tagsName = textAt(document, 'CustomTags')?.trim();
	const tagIndexName = tagsName ? resolvePart(documentName, tagsName) : undefined;
	const tagIndex = tagIndexName ? await parts.xml(tagIndexName) : undefined;
	const tagFileLocation = tagIndex ? findAll(tagIndex, 'FileLoc')[0]?.text.trim() : undefined;
	const tagFile =
		tagIndexName && tagFileLocation
			? ((await parts.xml(resolvePart(tagIndexName, tagFileLocation))) ?? (await parts.xml(resolvePart(documentName, tagFileLocation))))
			: undefined;
	if (!tagFile) return { notReadLocally: 'it has no semantic tags (CustomTags.xml → CustomTag.xml)' };

	const tags = readTags(tagFile, new Map(objects.map((text) => [text.id, text])));
	const tagTexts = new Map<string, string>();
	for (const [tag, name] of Object.entries(TAG_NAMES)) {
		const texts = tags.get(tag);
		if (texts && texts.length > 0) {
			tagTexts.set(name, joinTexts(texts));
			fields[tag] = joinTexts(texts);
		}
	}
	const texts = new Map([...dataTexts, ...tagTexts]);
	const missing = REQUIRED_NAMES.filter((name) => !texts.get(name)?.trim());
	if (missing.length > 0) return { notReadLocally: `its tags and data do not give ${missing.join(', ')}` };

	const title = objects.find((text) => text.text.length <= MAX_TITLE_LENGTH && TITLE.test(compact(text.text)));
	if (title) {
		texts.set('发票名称', compact(title.text));
		texts.set('发票类型', compact(title.text));
	}
	const reviewReasons = disagreements(dataTexts, tagTexts);
	const tagLines = linesFromTags(tags);
	if (tagLines) return { reading: readPrintedTexts(texts, tagLines, fields, reviewReasons) };

	const table = linesFromTable(objects);
	if ('problem' in table) {
		reviewReasons.push(`The line items were not read: the OFD tags none and ${table.problem}`);
		return { reading: readPrintedTexts(texts, [], fields, reviewReasons) };
	}
	const reading = readPrintedTexts(texts, table.lines, fields, reviewReasons);
	const problems = lineSumProblems(reading.invoice, reading.lineItems);
	if (problems.length === 0) return { reading };
	reviewReasons.push(`The line items were not read: those in the OFD's item table do not add up (${problems.join('; ')})`);
	return { reading: { ...reading, lineItems: [], reviewReasons } };
}

function findAll(element: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
	for (const child of element.children) {
		if (child.name === name) into.push(child);
		findAll(child, name, into);
	}
	return into;
}
