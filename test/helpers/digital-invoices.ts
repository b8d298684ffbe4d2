/**
 * Digital invoices for tests, built in memory from one description each: the 数电 XML as the tax
 * system issues it, the OFD as China Tax's 2025 files are made (CustomData in OFD.xml, semantic
 * tags → text objects of the page, labels and title in the template) in the variants issuers
 * produce, an older VAT e-invoice OFD, and ZIP bundles of them. Several sellers, special and
 * ordinary, one and several lines, a toll invoice.
 */
import { zipArchive, type ZipEntry } from './zip-archive';

export interface PartySpec {
	name: string;
	taxId: string;
	address?: string;
	phone?: string;
	bankName?: string;
	bankAccount?: string;
}

export interface LineSpec {
	name: string;
	spec?: string;
	unit?: string;
	quantity?: string;
	unitPrice?: string;
	amount: string;
	/** As a percentage, e.g. `6%`, or `免税`; the XML writes it as a fraction unless told otherwise. */
	taxRate: string;
	tax: string;
}

export interface DigitalInvoiceSpec {
	invoiceNumber: string;
	/** Older VAT e-invoices only. */
	invoiceCode?: string;
	/** `YYYY-MM-DD`. */
	issueDate: string;
	/** `01` special, `02` ordinary. */
	specialOrOrdinary: '01' | '02';
	seller: PartySpec;
	buyer: PartySpec;
	lines: LineSpec[];
	totalBeforeTax: string;
	totalTax: string;
	totalWithTax: string;
	totalInWords: string;
	drawer: string;
	remark?: string;
	toll?: { plateNumber: string; vehicleType: string; start: string; end: string };
	taxBureau: { code: string; name: string };
}

/** The same invoice as `test/fixtures/responses/fully-digital-mixed-rates.json` (what the emulator answers for its PNG). */
export const CLOUD_SAIL_SPECIAL: DigitalInvoiceSpec = {
	invoiceNumber: '24442000000012345678',
	issueDate: '2024-03-05',
	specialOrOrdinary: '01',
	seller: {
		name: '深圳市云帆信息技术有限公司',
		taxId: '91440300MA5G12345X',
		address: '深圳市南山区科技园路1号',
		phone: '0755-86001234',
		bankName: '招商银行深圳科技园支行',
		bankAccount: '755912345610801',
	},
	buyer: { name: '广州市明远贸易有限公司', taxId: '91440101MA9Y54321K' },
	lines: [
		{ name: '*信息技术服务*软件开发服务', unit: '项', quantity: '1', unitPrice: '10000.00', amount: '10000.00', taxRate: '6%', tax: '600.00' },
		{ name: '*计算机配套产品*无线鼠标', spec: 'M185', unit: '个', quantity: '20', unitPrice: '84.955752', amount: '1699.12', taxRate: '13%', tax: '220.88' },
		{ name: '*图书*技术图书', unit: '本', quantity: '3', unitPrice: '95.00', amount: '285.00', taxRate: '免税', tax: '***' },
	],
	totalBeforeTax: '11984.12',
	totalTax: '820.88',
	totalWithTax: '12805.00',
	totalInWords: '壹万贰仟捌佰零伍圆整',
	drawer: '李娜',
	remark: '项目编号 YF-2024-031',
	taxBureau: { code: '14403000000', name: '国家税务总局深圳市税务局' },
};

export const HARBOUR_ORDINARY: DigitalInvoiceSpec = {
	invoiceNumber: '25312000000087654321',
	issueDate: '2025-03-07',
	specialOrOrdinary: '02',
	seller: { name: '上海港湾餐饮管理有限公司', taxId: '91310115MA1K4ABC2D' },
	buyer: { name: '杭州青禾科技有限公司', taxId: '91330106MA2H7XYZ0P' },
	lines: [{ name: '*餐饮服务*餐费', amount: '1886.79', taxRate: '6%', tax: '113.21' }],
	totalBeforeTax: '1886.79',
	totalTax: '113.21',
	totalWithTax: '2000.00',
	totalInWords: '贰仟圆整',
	drawer: '王芳',
	taxBureau: { code: '13100000000', name: '国家税务总局上海市税务局' },
};

export const EXPRESSWAY_TOLL: DigitalInvoiceSpec = {
	invoiceNumber: '26442000000000112233',
	issueDate: '2026-02-28',
	specialOrOrdinary: '02',
	seller: { name: '广东利通高速公路有限公司', taxId: '91440000MA4UABCD1E' },
	buyer: { name: '深圳市顺达物流有限公司', taxId: '91440300MA5FXYZW2Q' },
	lines: [{ name: '*经营租赁*通行费', unit: '次', quantity: '1', unitPrice: '97.09', amount: '97.09', taxRate: '3%', tax: '2.91' }],
	totalBeforeTax: '97.09',
	totalTax: '2.91',
	totalWithTax: '100.00',
	totalInWords: '壹佰圆整',
	drawer: '系统',
	toll: { plateNumber: '粤B12345', vehicleType: '客车', start: '20260227172851000', end: '20260227183002000' },
	taxBureau: { code: '14400000000', name: '国家税务总局广东省税务局' },
};

export const MACHINERY_SPECIAL: DigitalInvoiceSpec = {
	invoiceNumber: '25322000000055556666',
	issueDate: '2025-11-20',
	specialOrOrdinary: '01',
	seller: { name: '苏州精工机械制造有限公司', taxId: '91320505MA1MQWER3T' },
	buyer: { name: '南京恒远设备安装有限公司', taxId: '91320104MA1NASDF4Y' },
	lines: [
		{ name: '*轴承*深沟球轴承', spec: 'SKF-6205', unit: '个', quantity: '100', unitPrice: '35.398230', amount: '3539.82', taxRate: '13%', tax: '460.18' },
		{ name: '*金属制品*齿轮', spec: 'M2-40T', unit: '件', quantity: '20', unitPrice: '88.495575', amount: '1769.91', taxRate: '13%', tax: '230.09' },
	],
	totalBeforeTax: '5309.73',
	totalTax: '690.27',
	totalWithTax: '6000.00',
	totalInWords: '陆仟圆整',
	drawer: '赵强',
	remark: '合同号 JG-2025-118',
	taxBureau: { code: '13200000000', name: '国家税务总局江苏省税务局' },
};

/** An older VAT electronic ordinary invoice (增值税电子普通发票): a code and an 8-digit number. */
export const CONVENIENCE_STORE_OLDER: DigitalInvoiceSpec = {
	invoiceCode: '044031900111',
	invoiceNumber: '12345678',
	issueDate: '2020-06-18',
	specialOrOrdinary: '02',
	seller: { name: '深圳市前海便利店有限公司', taxId: '91440300MA5DQ1234R' },
	buyer: { name: '深圳市蓝海咨询有限公司', taxId: '91440300MA5EXAMP1E' },
	lines: [{ name: '*日用杂品*日用品', unit: '批', quantity: '1', unitPrice: '88.50', amount: '88.50', taxRate: '13%', tax: '11.50' }],
	totalBeforeTax: '88.50',
	totalTax: '11.50',
	totalWithTax: '100.00',
	totalInWords: '壹佰圆整',
	drawer: '陈静',
	taxBureau: { code: '14403000000', name: '国家税务总局深圳市税务局' },
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const element = (name: string, text: string | undefined) => (text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`);

/** `6%` → `0.06`, as the XML writes rates; `免税` stays. */
const asFraction = (rate: string) => (rate.endsWith('%') ? String(Number((Number(rate.slice(0, -1)) / 100).toFixed(4))) : rate);

export interface XmlOptions {
	/** Rates as `0.06` (the default) or `6%`. */
	taxRates?: 'fraction' | 'percent';
}

/** The 数电 XML (root EInvoice, no namespace) of an invoice. */
export function einvoiceXml(spec: DigitalInvoiceSpec, options: XmlOptions = {}): string {
	const special = spec.specialOrOrdinary === '01';
	const party = (prefix: 'Seller' | 'Buyer', value: PartySpec) =>
		`<${prefix}Information>${element(`${prefix}IdNum`, value.taxId)}${element(`${prefix}Name`, value.name)}${element(`${prefix}Addr`, value.address)}${element(`${prefix}TelNum`, value.phone)}${element(`${prefix}BankName`, value.bankName)}${element(`${prefix}BankAccNum`, value.bankAccount)}</${prefix}Information>`;
	const lines = spec.lines
		.map((line) => {
			const amountWithTax = line.tax === '***' ? line.amount : (Number(line.amount) + Number(line.tax)).toFixed(2);
			return `<IssuItemInformation>${element('ItemName', line.name)}${element('SpecMod', line.spec ?? '')}${element('MeaUnits', line.unit ?? '')}${element('Quantity', line.quantity ?? '')}${element('UnPrice', line.unitPrice ?? '')}${element('Amount', line.amount)}${element('TaxRate', options.taxRates === 'percent' ? line.taxRate : asFraction(line.taxRate))}${element('ComTaxAm', line.tax)}<TotalTax-includedAmount>${amountWithTax}</TotalTax-includedAmount></IssuItemInformation>`;
		})
		.join('\n\t\t');
	const toll = spec.toll
		? `<SpecificInformation><Toll>${element('PlateNumber', spec.toll.plateNumber)}${element('VehicleType', spec.toll.vehicleType)}${element('StartDatesOfPassage', spec.toll.start)}${element('EndDatesOfPassage', spec.toll.end)}</Toll></SpecificInformation>`
		: '';
	return `<?xml version="1.0" encoding="UTF-8"?>
<EInvoice>
	<Header>
		<EIid>${spec.invoiceNumber}</EIid>
		<EInvoiceTag>SWEI${spec.taxBureau.code.slice(1, 5)}</EInvoiceTag>
		<Version>0.1</Version>
		<InherentLabel>
			<EInvoiceType><LabelCode>01</LabelCode><LabelName>电子发票</LabelName></EInvoiceType>
			<GeneralOrSpecialVAT><LabelCode>${spec.specialOrOrdinary}</LabelCode><LabelName>${special ? '增值税专用发票' : '普通发票'}</LabelName></GeneralOrSpecialVAT>
		</InherentLabel>
	</Header>
	<EInvoiceData>
		${party('Seller', spec.seller)}
		${party('Buyer', spec.buyer)}
		<BasicInformation>
			<TotalAmWithoutTax>${spec.totalBeforeTax}</TotalAmWithoutTax>
			<TotalTaxAm>${spec.totalTax}</TotalTaxAm>
			<TotalTax-includedAmount>${spec.totalWithTax}</TotalTax-includedAmount>
			<TotalTax-includedAmountInChinese>${spec.totalInWords}</TotalTax-includedAmountInChinese>
			<RequestTime>${spec.issueDate} 09:30:00</RequestTime>
			<Drawer>${escapeXml(spec.drawer)}</Drawer>
		</BasicInformation>
		${lines}
		${toll}
		<AdditionalInformation>${element('Remark', spec.remark ?? '')}</AdditionalInformation>
	</EInvoiceData>
	<TaxSupervisionInfo>
		<InvoiceNumber>${spec.invoiceNumber}</InvoiceNumber>
		<IssueTime>${spec.issueDate} 14:23:11</IssueTime>
		<TaxBureauCode>${spec.taxBureau.code}</TaxBureauCode>
		<TaxBureauName>${escapeXml(spec.taxBureau.name)}</TaxBureauName>
	</TaxSupervisionInfo>
</EInvoice>
`;
}

/** How an issuer laid out its OFD; every variant is seen in real files. */
export interface OfdOptions {
	/** `tags`: CustomTag.xml for the header and totals and each line column; `noLineTags`: none for the lines; `none`: no tags at all. */
	tags?: 'tags' | 'noLineTags' | 'none';
	/** 2025 China Tax layout, or the older VAT e-invoice one (Tags/CustomTags.xml, Attachs/original_invoice.xml). */
	style?: '2025' | 'older';
	/** `¥` in its own text object (the default) or in the figure's. */
	yuanSign?: 'split' | 'shared';
	/** Text in CDATA sections. */
	cdata?: boolean;
	/** The title in the template (the default) or on the page. */
	titleOn?: 'template' | 'page';
	/** CustomData values to write instead of the invoice's, by name. */
	customData?: Record<string, string>;
	/** The first line's name split over two text objects on two rows, as long names wrap. */
	wrapFirstName?: boolean;
	/** Lines printed in the item table other than the invoice's (e.g. a wrong amount), tags unchanged. */
	printedLines?: LineSpec[];
}

interface PrintedText {
	x: number;
	y: number;
	text: string;
	/** The semantic tag (path in CustomTag.xml) this object is referred to by. */
	tag?: string;
	onTemplate?: boolean;
}

const ofdNamespace = 'xmlns:ofd="http://www.ofdspec.org/2016"';

const chineseDate = (isoDate: string) => {
	const [year, month, day] = isoDate.split('-');
	return `${year}年${month}月${day}日`;
};

/** Column x of the item table, by header. */
const COLUMNS = { name: 5, spec: 48, unit: 72, quantity: 88, unitPrice: 106, amount: 132, taxRate: 156, tax: 180 };
const HEADER_Y = 50;
const FIRST_LINE_Y = 56;
const LINE_HEIGHT = 7;
const TOTALS_Y = 92;

function printedTexts(spec: DigitalInvoiceSpec, options: OfdOptions): PrintedText[] {
	const older = options.style === 'older';
	const title = older ? '增值税电子普通发票' : `电子发票（${spec.specialOrOrdinary === '01' ? '增值税专用发票' : '普通发票'}）`;
	const money = (x: number, y: number, figure: string, tag?: string): PrintedText[] =>
		options.yuanSign === 'shared'
			? [{ x, y, text: `¥${figure}`, tag }]
			: [
					{ x: x - 3, y, text: '¥', tag },
					{ x, y, text: figure, tag },
				];
	const label = (x: number, y: number, text: string): PrintedText => ({ x, y, text, onTemplate: true });
	const texts: PrintedText[] = [
		{ x: 60, y: 8, text: title, onTemplate: options.titleOn !== 'page' },
		label(140, 10, '发票号码：'),
		{ x: 160, y: 10, text: spec.invoiceNumber, tag: 'InvoiceNo' },
		label(140, 16, '开票日期：'),
		{ x: 160, y: 16, text: chineseDate(spec.issueDate), tag: 'IssueDate' },
		label(5, 30, '名称：'),
		{ x: 20, y: 30, text: spec.buyer.name, tag: 'Buyer/BuyerName' },
		label(5, 36, '统一社会信用代码/纳税人识别号：'),
		{ x: 40, y: 36, text: spec.buyer.taxId, tag: 'Buyer/BuyerTaxID' },
		label(110, 30, '名称：'),
		{ x: 125, y: 30, text: spec.seller.name, tag: 'Seller/SellerName' },
		label(110, 36, '统一社会信用代码/纳税人识别号：'),
		{ x: 145, y: 36, text: spec.seller.taxId, tag: 'Seller/SellerTaxID' },
		label(COLUMNS.name, HEADER_Y, older ? '货物或应税劳务、服务名称' : '项目名称'),
		label(COLUMNS.spec, HEADER_Y, '规格型号'),
		label(COLUMNS.unit, HEADER_Y, '单 位'),
		label(COLUMNS.quantity, HEADER_Y, '数 量'),
		label(COLUMNS.unitPrice, HEADER_Y, '单 价'),
		label(COLUMNS.amount, HEADER_Y, '金 额'),
		label(COLUMNS.taxRate, HEADER_Y, older ? '税率' : '税率/征收率'),
		label(COLUMNS.tax, HEADER_Y, '税 额'),
		label(COLUMNS.name, TOTALS_Y, '合 计'),
		...money(COLUMNS.amount, TOTALS_Y, spec.totalBeforeTax, 'TaxExclusiveTotalAmount'),
		...money(COLUMNS.tax, TOTALS_Y, spec.totalTax, 'TaxTotalAmount'),
		label(5, 99, '价税合计（大写）'),
		{ x: 40, y: 99, text: `ⓧ${spec.totalInWords}` },
		label(120, 99, '（小写）'),
		...money(140, 99, spec.totalWithTax, 'TaxInclusiveTotalAmount'),
		label(5, 106, '备注'),
		label(5, 126, '开票人：'),
		{ x: 20, y: 126, text: spec.drawer, tag: 'InvoiceClerk' },
	];
	if (spec.invoiceCode) texts.push(label(140, 4, '发票代码：'), { x: 160, y: 4, text: spec.invoiceCode, tag: 'InvoiceCode' });
	if (spec.remark) texts.push({ x: 20, y: 106, text: spec.remark, tag: 'Note' });
	const lineTag = (tag: string) => (options.tags === 'tags' || options.tags === undefined ? tag : undefined);
	(options.printedLines ?? spec.lines).forEach((line, index) => {
		const y = FIRST_LINE_Y + index * LINE_HEIGHT;
		if (options.wrapFirstName && index === 0) {
			const half = Math.ceil(line.name.length / 2);
			texts.push(
				{ x: COLUMNS.name, y, text: line.name.slice(0, half), tag: lineTag('Item') },
				{ x: COLUMNS.name, y: y + 3, text: line.name.slice(half), tag: lineTag('Item') },
			);
		} else texts.push({ x: COLUMNS.name, y, text: line.name, tag: lineTag('Item') });
		const cells: Array<[number, string | undefined, string?]> = [
			[COLUMNS.spec, line.spec],
			[COLUMNS.unit, line.unit],
			[COLUMNS.quantity, line.quantity],
			[COLUMNS.unitPrice, line.unitPrice],
			[COLUMNS.amount, line.amount, 'Amount'],
			[COLUMNS.taxRate, line.taxRate, 'TaxScheme'],
			[COLUMNS.tax, line.tax, 'TaxAmount'],
		];
		for (const [x, text, tag] of cells) {
			if (text) texts.push({ x, y, text, tag: tag ? lineTag(tag) : undefined });
		}
	});
	return texts;
}

function contentXml(texts: Array<PrintedText & { id: number }>, cdata: boolean): string {
	const code = (text: string) => (cdata ? `<![CDATA[${text}]]>` : escapeXml(text));
	const objects = texts
		.map(
			({ id, x, y, text }) =>
				`<ofd:TextObject ID="${id}" Boundary="${x} ${y} ${Math.max(3, text.length * 3.2).toFixed(2)} 4" Font="3" Size="3.175"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="3">${code(text)}</ofd:TextCode></ofd:TextObject>`,
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page ${ofdNamespace}><ofd:Content><ofd:Layer ID="1" Type="Body"><ofd:PageBlock ID="2">\n${objects}\n</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>\n`;
}

/** CustomTag.xml: each tag path → the ids of the text objects it refers to, nested by path. */
function customTagXml(texts: Array<PrintedText & { id: number }>, rootName: string): string {
	const byTag = new Map<string, number[]>();
	for (const text of texts) {
		if (text.tag) byTag.set(text.tag, [...(byTag.get(text.tag) ?? []), text.id]);
	}
	const groups = new Map<string, string[]>();
	for (const [tag, ids] of byTag) {
		const [first, second] = tag.split('/');
		const refs = ids.map((id) => `<ofd:ObjectRef PageRef="10">${id}</ofd:ObjectRef>`).join('');
		const group = second ? first : '';
		groups.set(group, [...(groups.get(group) ?? []), `<${second ?? first}>${refs}</${second ?? first}>`]);
	}
	const body = [...groups].map(([group, parts]) => (group ? `<${group}>${parts.join('')}</${group}>` : parts.join(''))).join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName} ${ofdNamespace}>\n${body}\n</${rootName}>\n`;
}

/** The OFD of an invoice, as a ZIP (deflated entries). */
export function digitalOfd(spec: DigitalInvoiceSpec, options: OfdOptions = {}): Buffer {
	const older = options.style === 'older';
	const texts = printedTexts(spec, options).map((text, index) => ({ ...text, id: 100 + index }));
	const customData: Record<string, string> = {
		...(spec.invoiceCode ? { 发票代码: spec.invoiceCode } : {}),
		发票号码: spec.invoiceNumber,
		开票日期: chineseDate(spec.issueDate),
		合计金额: spec.totalBeforeTax,
		合计税额: spec.totalTax,
		销售方纳税人识别号: spec.seller.taxId,
		购买方纳税人识别号: spec.buyer.taxId,
		...options.customData,
	};
	const customDatas = Object.entries(customData)
		.map(([name, value]) => `<ofd:CustomData Name="${name}">${escapeXml(value)}</ofd:CustomData>`)
		.join('');
	const tagsLoc = older ? 'Tags/CustomTags.xml' : 'CustomTags.xml';
	const hasTags = options.tags !== 'none';
	const entries: ZipEntry[] = [
		{
			name: 'OFD.xml',
			content: `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD ${ofdNamespace} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6a1f${spec.invoiceNumber}</ofd:DocID><ofd:Creator>Suwell OFD Writer</ofd:Creator><ofd:CreatorVersion>2.1</ofd:CreatorVersion><ofd:CustomDatas>${customDatas}</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n`,
		},
		{
			name: 'Doc_0/Document.xml',
			content: `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document ${ofdNamespace}><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="11" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages><ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>${hasTags ? `<ofd:CustomTags>${tagsLoc}</ofd:CustomTags>` : ''}${older ? '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>' : ''}</ofd:Document>\n`,
		},
		{
			name: 'Doc_0/PublicRes.xml',
			content: `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res ${ofdNamespace} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>\n`,
		},
		{ name: 'Doc_0/Pages/Page_0/Content.xml', content: contentXml(texts.filter((text) => !text.onTemplate), options.cdata === true) },
		{ name: 'Doc_0/Tpls/Tpl_0/Content.xml', content: contentXml(texts.filter((text) => text.onTemplate), options.cdata === true) },
	];
	if (hasTags) {
		const tagFile = older ? 'CustomTag.xml' : 'Tags/CustomTag.xml';
		entries.push(
			{
				name: `Doc_0/${tagsLoc}`,
				content: `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:CustomTags ${ofdNamespace}><ofd:CustomTag NameSpace="http://www.chinatax.gov.cn/tirip/dataspec/tags" TypeID="invoice"><ofd:FileLoc>${tagFile}</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>\n`,
			},
			{ name: older ? 'Doc_0/Tags/CustomTag.xml' : 'Doc_0/Tags/CustomTag.xml', content: customTagXml(texts, older ? 'eInvoice' : 'FPXX') },
		);
	}
	if (older) {
		entries.push(
			{
				name: 'Doc_0/Attachs/Attachments.xml',
				content: `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Attachments ${ofdNamespace}><ofd:Attachment ID="1" Name="original_invoice" Format="xml" Visible="false"><ofd:FileLoc>original_invoice.xml</ofd:FileLoc></ofd:Attachment></ofd:Attachments>\n`,
			},
			{
				name: 'Doc_0/Attachs/original_invoice.xml',
				content: `<?xml version="1.0" encoding="UTF-8"?>\n<eInvoice><TypeCode>${spec.invoiceCode ?? ''}</TypeCode><InvoiceNo>${spec.invoiceNumber}</InvoiceNo></eInvoice>\n`,
			},
		);
	}
	return zipArchive(entries.map((entry) => ({ ...entry, deflate: true })));
}

/** A ZIP of invoice files, deflated, e.g. `xml/<number>.xml`, `pdf/<number>.pdf`, `ofd/<number>.ofd`. */
export function invoiceBundle(files: Array<{ name: string; content: string | Buffer }>): Buffer {
	return zipArchive(files.map((file) => ({ ...file, deflate: true })));
}
