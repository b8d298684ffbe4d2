/**
 * A 数电 (fully digital) invoice's XML (root `EInvoice`) → the same reading Recognize gives: each value
 * found where the tax system's schema puts it, named by the field table's Chinese names, lines from
 * `IssuItemInformation`, every other value under `fields` by its tag name.
 */
import { InputError } from '../../errors';
import { readPrintedTexts, type InvoiceReading, type LineTexts } from '../fromAnswers';
import { childrenNamed, elementAt, parseXml, textAt, type XmlElement } from './xmlTree';

export const EINVOICE_ROOT = 'EInvoice';

const SELLER = 'EInvoiceData/SellerInformation/';
const BUYER = 'EInvoiceData/BuyerInformation/';
const BASIC = 'EInvoiceData/BasicInformation/';
const TOLL = 'EInvoiceData/SpecificInformation/Toll/';
const SUPERVISION = 'TaxSupervisionInfo/';

/** The parts of a value printed in one box (address and phone, bank and account), joined as printed. */
const joined = (root: XmlElement, ...paths: string[]) =>
	paths.map((path) => textAt(root, path)?.trim()).filter(Boolean).join(' ') || undefined;

/**
 * The day of a timestamp: `2025-03-07 14:23:11` → `2025-03-07`, `20260227172851000` (toll passages,
 * to the millisecond) → `20260227`.
 */
export function dayOf(timestamp: string | undefined): string | undefined {
	const text = timestamp?.trim();
	if (!text) return undefined;
	if (/^\d{14,17}$/.test(text)) return text.slice(0, 8);
	return text.split(/[ T]/)[0];
}

/** The title printed on a 数电 invoice: 电子发票（增值税专用发票）, 电子发票（普通发票）. */
const printedTitle = (root: XmlElement) => {
	const kindName = textAt(root, 'Header/InherentLabel/GeneralOrSpecialVAT/LabelName')?.trim();
	return kindName ? `电子发票（${kindName}）` : undefined;
};

/**
 * Each value by the field table's Chinese name, and where the XML holds it. The invoice's total is
 * BasicInformation's `TotalTax-includedAmount` (a line has a tag of the same name); the number and
 * the issue date are the tax supervision's (IssueTime, not RequestTime).
 */
export const EINVOICE_VALUES: ReadonlyArray<[chineseName: string, read: (root: XmlElement) => string | undefined]> = [
	// As VatInvoiceOCR reads a 数电 invoice: its type is the printed title.
	['发票类型', printedTitle],
	['发票名称', printedTitle],
	['发票号码', (root) => textAt(root, `${SUPERVISION}InvoiceNumber`)],
	['开票日期', (root) => dayOf(textAt(root, `${SUPERVISION}IssueTime`))],
	['购买方名称', (root) => textAt(root, `${BUYER}BuyerName`)],
	['购买方识别号', (root) => textAt(root, `${BUYER}BuyerIdNum`)],
	['购买方地址、电话', (root) => joined(root, `${BUYER}BuyerAddr`, `${BUYER}BuyerTelNum`)],
	['购买方开户行及账号', (root) => joined(root, `${BUYER}BuyerBankName`, `${BUYER}BuyerBankAccNum`)],
	['销售方名称', (root) => textAt(root, `${SELLER}SellerName`)],
	['销售方识别号', (root) => textAt(root, `${SELLER}SellerIdNum`)],
	['销售方地址、电话', (root) => joined(root, `${SELLER}SellerAddr`, `${SELLER}SellerTelNum`)],
	['销售方开户行及账号', (root) => joined(root, `${SELLER}SellerBankName`, `${SELLER}SellerBankAccNum`)],
	['合计金额', (root) => textAt(root, `${BASIC}TotalAmWithoutTax`)],
	['合计税额', (root) => textAt(root, `${BASIC}TotalTaxAm`)],
	['小写金额', (root) => textAt(root, `${BASIC}TotalTax-includedAmount`)],
	['价税合计(大写)', (root) => textAt(root, `${BASIC}TotalTax-includedAmountInChinese`)],
	['开票人', (root) => textAt(root, `${BASIC}Drawer`)],
	['备注', (root) => textAt(root, 'EInvoiceData/AdditionalInformation/Remark')],
	['车牌号', (root) => textAt(root, `${TOLL}PlateNumber`)],
	['类型', (root) => textAt(root, `${TOLL}VehicleType`)],
	['通行日期起', (root) => dayOf(textAt(root, `${TOLL}StartDatesOfPassage`))],
	['通行日期止', (root) => dayOf(textAt(root, `${TOLL}EndDatesOfPassage`))],
	['所属税局', (root) => textAt(root, `${SUPERVISION}TaxBureauName`)],
];

/** A line's tags → VatInvoiceItem's names. */
const LINE_TAGS: Readonly<Record<string, keyof LineTexts>> = {
	ItemName: 'Name',
	SpecMod: 'Spec',
	MeaUnits: 'Unit',
	Quantity: 'Quantity',
	UnPrice: 'UnitPrice',
	Amount: 'AmountWithoutTax',
	TaxRate: 'TaxRate',
	ComTaxAm: 'TaxAmount',
	TaxClassificationCode: 'TaxClassifyCode',
};

/**
 * A tax rate as printed: the XML writes a fraction (`0.06`) or a percentage (`6%`); a fraction
 * above 1 is not a rate and stays as written (read as no rate rather than guessed).
 */
export function printedTaxRate(rate: string | undefined): string | undefined {
	const text = rate?.trim();
	if (!text || !/^\d+(?:\.\d+)?$/.test(text) || Number(text) > 1) return text;
	return `${Number((Number(text) * 100).toFixed(6))}%`;
}

function lineTextsOf(line: XmlElement, position: number): LineTexts {
	const texts: LineTexts = { LineNo: String(position) };
	for (const child of line.children) {
		const name = LINE_TAGS[child.name];
		if (name) texts[name] = name === 'TaxRate' ? printedTaxRate(child.text) : child.text;
	}
	return texts;
}

/** Every value outside the lines by its tag name (`Parent/Tag` where a name repeats, as LabelCode does). */
function allValues(element: XmlElement, fields: Record<string, string>, parentName = ''): Record<string, string> {
	for (const child of element.children) {
		if (child.name === 'IssuItemInformation') continue;
		if (child.children.length > 0) allValues(child, fields, child.name);
		else if (child.text.trim() !== '') {
			const name = child.name in fields ? `${parentName}/${child.name}` : child.name;
			fields[name] = child.text.trim();
		}
	}
	return fields;
}

/** An XML file of another kind than a 数电 invoice: a bundle passes it over, a file of the item is refused. */
export class NotAnEinvoice extends InputError {}

/** A 数电 XML file → its invoice; an XML of another kind is refused naming its root element. */
export function readEinvoiceXml(bytes: Buffer, fileName: string): InvoiceReading {
	const root = parseXml(bytes, fileName);
	if (root.name !== EINVOICE_ROOT) {
		throw new NotAnEinvoice(
			`"${fileName}" is an XML file whose root element is <${root.name}>, not a 数电 invoice (<${EINVOICE_ROOT}>)`,
			'Send the invoice XML as the tax system issued it, or leave XML files out of this step.',
		);
	}
	const texts = new Map<string, string>();
	for (const [chineseName, read] of EINVOICE_VALUES) {
		const text = read(root);
		if (text !== undefined) texts.set(chineseName, text);
	}
	const lines = childrenNamed(elementAt(root, 'EInvoiceData') ?? root, 'IssuItemInformation').map((line, index) =>
		lineTextsOf(line, index + 1),
	);
	return readPrintedTexts(texts, lines, allValues(root, {}));
}
