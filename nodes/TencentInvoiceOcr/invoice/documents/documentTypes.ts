/**
 * `documentType`: one English vocabulary for every kind of document RecognizeGeneralInvoice documents, from its
 * `SubType` (the answer's struct name, e.g. TrainTicket) or, when that is unknown, its `Type` code; and the code
 * that forces a kind (`Types: [code]`). The table is exported for the docs' generated documentType table.
 */

export const DOCUMENT_TYPES = [
	'vatInvoice',
	'trainTicket',
	'flightItinerary',
	'taxiReceipt',
	'rideHailingItinerary',
	'busTicket',
	'shipTicket',
	'tollReceipt',
	'quotaInvoice',
	'machinePrintedInvoice',
	'carPurchaseInvoice',
	'usedCarInvoice',
	'nonTaxReceipt',
	'medicalInvoice',
	'taxPaymentCertificate',
	'customsPayment',
	'bankSlip',
	'customsDeclaration',
	'overseasInvoice',
	'shoppingReceipt',
	'salesList',
	'other',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A struct Tencent answers a document in (its `SubType`), with its Chinese name as the SDK documents it. */
export interface DocumentSubType {
	subType: string;
	chineseName: string;
}

export interface DocumentTypeEntry {
	documentType: DocumentType;
	meaning: string;
	/** RecognizeGeneralInvoice's `Type` codes of this kind, with their Chinese description. */
	tencentTypes: ReadonlyArray<{ code: number; chineseName: string }>;
	subTypes: readonly DocumentSubType[];
	/** The `Types` code that forces this kind; none: Tencent cannot be told to read only this kind. */
	forceCode?: number;
}

/** The vocabulary, from the SDK's RecognizeGeneralInvoiceRequest.Types, InvoiceItem.Type and SingleInvoiceItem keys. */
export const DOCUMENT_TYPE_TABLE: readonly DocumentTypeEntry[] = [
	{
		documentType: 'vatInvoice',
		meaning: 'VAT invoice of any kind: paper, electronic, fully digital (数电/全电), roll, toll, blockchain; invoiceKind says which',
		tencentTypes: [
			{ code: 3, chineseName: '增值税发票' },
			{ code: 11, chineseName: '增值税发票（卷票）' },
			{ code: 16, chineseName: '全电发票' },
		],
		subTypes: [
			{ subType: 'VatSpecialInvoice', chineseName: '增值税专用发票' },
			{ subType: 'VatCommonInvoice', chineseName: '增值税普通发票' },
			{ subType: 'VatElectronicCommonInvoice', chineseName: '增值税电子普通发票' },
			{ subType: 'VatElectronicSpecialInvoice', chineseName: '增值税电子专用发票' },
			{ subType: 'VatElectronicInvoiceBlockchain', chineseName: '区块链电子发票' },
			{ subType: 'VatElectronicInvoiceToll', chineseName: '增值税电子普通发票(通行费)' },
			{ subType: 'VatElectronicSpecialInvoiceFull', chineseName: '电子发票(专用发票)' },
			{ subType: 'VatElectronicInvoiceFull', chineseName: '电子发票(普通发票)' },
			{ subType: 'VatInvoiceRoll', chineseName: '增值税普通发票(卷票)' },
		],
		forceCode: 3,
	},
	{
		documentType: 'trainTicket',
		meaning: 'Train ticket, paper or the fully digital railway e-ticket (铁路电子客票)',
		tencentTypes: [{ code: 2, chineseName: '火车票' }],
		subTypes: [
			{ subType: 'TrainTicket', chineseName: '火车票' },
			{ subType: 'ElectronicTrainTicketFull', chineseName: '电子发票（火车票）' },
		],
		forceCode: 2,
	},
	{
		documentType: 'flightItinerary',
		meaning: 'Air e-ticket itinerary (行程单), paper or fully digital; its flights are line items',
		tencentTypes: [{ code: 5, chineseName: '机票行程单' }],
		subTypes: [
			{ subType: 'AirTransport', chineseName: '机票行程单' },
			{ subType: 'ElectronicFlightTicketFull', chineseName: '电子发票（机票行程单）' },
		],
		forceCode: 5,
	},
	{
		documentType: 'taxiReceipt',
		meaning: 'Taxi receipt',
		tencentTypes: [{ code: 0, chineseName: '出租车发票' }],
		subTypes: [{ subType: 'TaxiTicket', chineseName: '出租车发票' }],
		forceCode: 0,
	},
	{
		documentType: 'rideHailingItinerary',
		meaning: 'Ride-hailing trip statement (网约车行程单, e.g. DiDi)',
		tencentTypes: [{ code: 21, chineseName: '网约车行程单' }],
		subTypes: [{ subType: 'OnlineTaxiItinerary', chineseName: '网约车行程单' }],
		forceCode: 21,
	},
	{
		documentType: 'busTicket',
		meaning: 'Coach or bus ticket',
		tencentTypes: [{ code: 9, chineseName: '汽车票' }],
		subTypes: [{ subType: 'BusInvoice', chineseName: '汽车票' }],
		forceCode: 9,
	},
	{
		documentType: 'shipTicket',
		meaning: 'Ferry or ship ticket',
		tencentTypes: [{ code: 10, chineseName: '轮船票' }],
		subTypes: [{ subType: 'ShippingInvoice', chineseName: '轮船票' }],
		forceCode: 10,
	},
	{
		documentType: 'tollReceipt',
		meaning: 'Road or bridge toll receipt, and the toll e-receipt summary',
		tencentTypes: [{ code: 13, chineseName: '过路过桥费发票' }],
		subTypes: [
			{ subType: 'TollInvoice', chineseName: '过路过桥费发票' },
			{ subType: 'ElectronicTollSummary', chineseName: '通行费电子票据汇总单' },
		],
		forceCode: 13,
	},
	{
		documentType: 'quotaInvoice',
		meaning: 'Fixed-amount invoice (定额发票)',
		tencentTypes: [{ code: 1, chineseName: '定额发票' }],
		subTypes: [{ subType: 'QuotaInvoice', chineseName: '定额发票' }],
		forceCode: 1,
	},
	{
		documentType: 'machinePrintedInvoice',
		meaning: 'Machine-printed general invoice (通用机打发票)',
		tencentTypes: [{ code: 8, chineseName: '通用机打发票' }],
		subTypes: [{ subType: 'MachinePrintedInvoice', chineseName: '通用机打发票' }],
		forceCode: 8,
	},
	{
		documentType: 'carPurchaseInvoice',
		meaning: 'Motor vehicle sales invoice (机动车销售统一发票), paper or electronic',
		tencentTypes: [{ code: 12, chineseName: '购车发票' }],
		subTypes: [
			{ subType: 'MotorVehicleSaleInvoice', chineseName: '机动车销售统一发票' },
			{ subType: 'MotorVehicleSaleInvoiceElectronic', chineseName: '机动车销售统一发票（电子）' },
		],
		forceCode: 12,
	},
	{
		documentType: 'usedCarInvoice',
		meaning: 'Used car sales invoice (二手车销售统一发票), paper or electronic; read under Type 12, which forces car purchase invoices',
		tencentTypes: [],
		subTypes: [
			{ subType: 'UsedCarPurchaseInvoice', chineseName: '二手车销售统一发票' },
			{ subType: 'UsedCarPurchaseInvoiceElectronic', chineseName: '二手车销售统一发票（电子）' },
		],
	},
	{
		documentType: 'nonTaxReceipt',
		meaning: 'Non-tax revenue receipt (非税收入票据), e.g. fees paid to a public body',
		tencentTypes: [{ code: 15, chineseName: '非税发票' }],
		subTypes: [
			{ subType: 'NonTaxIncomeGeneralBill', chineseName: '非税收入通用票据' },
			{ subType: 'NonTaxIncomeElectronicBill', chineseName: '非税收入一般缴款书(电子)' },
		],
		forceCode: 15,
	},
	{
		documentType: 'medicalInvoice',
		meaning: 'Medical outpatient or inpatient receipt (医疗收费票据)',
		tencentTypes: [{ code: 17, chineseName: '医疗发票' }],
		subTypes: [
			{ subType: 'MedicalOutpatientInvoice', chineseName: '医疗门诊收费票据（电子）' },
			{ subType: 'MedicalHospitalizedInvoice', chineseName: '医疗住院收费票据（电子）' },
		],
		forceCode: 17,
	},
	{
		documentType: 'taxPaymentCertificate',
		meaning: 'Tax payment certificate (完税凭证)',
		tencentTypes: [{ code: 18, chineseName: '完税凭证' }],
		subTypes: [{ subType: 'TaxPayment', chineseName: '完税凭证' }],
		forceCode: 18,
	},
	{
		documentType: 'customsPayment',
		meaning: 'Customs duty payment form (海关缴款书)',
		tencentTypes: [{ code: 19, chineseName: '海关缴款书' }],
		subTypes: [{ subType: 'CustomsPaymentReceipt', chineseName: '海关缴款' }],
		forceCode: 19,
	},
	{
		documentType: 'bankSlip',
		meaning: 'Bank transfer slip (银行回单)',
		tencentTypes: [{ code: 20, chineseName: '银行回单' }],
		subTypes: [{ subType: 'BankSlip', chineseName: '银行回单' }],
		forceCode: 20,
	},
	{
		documentType: 'customsDeclaration',
		meaning: 'Customs import or export declaration (海关进/出口货物报关单)',
		tencentTypes: [{ code: 22, chineseName: '海关进/出口货物报关单' }],
		subTypes: [{ subType: 'CustomsDeclaration', chineseName: '海关进/出口货物报关单' }],
		forceCode: 22,
	},
	{
		documentType: 'overseasInvoice',
		meaning: 'Invoice issued outside mainland China',
		tencentTypes: [{ code: 23, chineseName: '海外发票' }],
		subTypes: [{ subType: 'OverseasInvoice', chineseName: '海外发票' }],
		forceCode: 23,
	},
	{
		documentType: 'shoppingReceipt',
		meaning: 'Shop till receipt (购物小票)',
		tencentTypes: [{ code: 24, chineseName: '购物小票' }],
		subTypes: [{ subType: 'ShoppingReceipt', chineseName: '购物小票' }],
		forceCode: 24,
	},
	{
		documentType: 'salesList',
		meaning: 'Sales list attached to an invoice (销货清单)',
		tencentTypes: [{ code: 25, chineseName: '销货清单' }],
		subTypes: [
			{ subType: 'SaleInventory', chineseName: '销货清单' },
			{ subType: 'VatSalesList', chineseName: '增值税销货清单' },
		],
		forceCode: 25,
	},
	{
		documentType: 'other',
		meaning: 'Any other receipt Tencent reads (其他发票, e.g. parking), or a kind it did not name',
		tencentTypes: [
			{ code: -1, chineseName: '其他发票' },
		],
		subTypes: [{ subType: 'OtherInvoice', chineseName: '其他发票' }],
		forceCode: -1,
	},
];

const ENTRIES_BY_TYPE = new Map(DOCUMENT_TYPE_TABLE.map((entry) => [entry.documentType, entry]));
const TYPES_BY_SUB_TYPE = new Map(
	DOCUMENT_TYPE_TABLE.flatMap((entry) => entry.subTypes.map(({ subType }) => [subType, entry.documentType] as const)),
);
const TYPES_BY_CODE = new Map(
	DOCUMENT_TYPE_TABLE.flatMap((entry) => entry.tencentTypes.map(({ code }) => [code, entry.documentType] as const)),
);

/** The kind of a MixedInvoiceItems entry: its struct (SubType) first, then its Type code; `other` when neither is known. */
export function documentTypeOf(subType: string | null | undefined, typeCode: number | null | undefined): DocumentType {
	const bySubType = subType ? TYPES_BY_SUB_TYPE.get(subType.trim()) : undefined;
	if (bySubType) return bySubType;
	return (typeof typeCode === 'number' ? TYPES_BY_CODE.get(typeCode) : undefined) ?? 'other';
}

/** The `Types` code that makes Tencent read every document as this kind; undefined: it cannot be forced. */
export function forceCodeOf(documentType: DocumentType): number | undefined {
	return ENTRIES_BY_TYPE.get(documentType)?.forceCode;
}

/** The kinds the Document Type parameter offers: those Tencent can be told to read. */
export const FORCEABLE_DOCUMENT_TYPES = DOCUMENT_TYPE_TABLE.filter((entry) => entry.forceCode !== undefined);
