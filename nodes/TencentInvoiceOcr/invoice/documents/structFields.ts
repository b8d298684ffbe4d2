/**
 * Where each RecognizeGeneralInvoice struct (the answer's SingleInvoiceInfos.<SubType>) holds the invoice
 * model's keys (fields.ts), the travel keys, its line items and what identifies it. A source is the struct's
 * field name or, for values in lists (flight legs, a ride-hailing statement's Content), a function.
 */
import type { InvoiceFields, LineItem } from '../fields';
import type { FLIGHT_LEG_FIELDS, TRAVEL_FIELDS } from '../recordFields';

/** A struct as it came: API name → value (mostly strings; marks are numbers, lists are arrays). */
export type DocumentStruct = Record<string, unknown>;
export type StructSource = string | ((struct: DocumentStruct) => unknown);

/** What a ticket's vehicle number is called: trains and flights print one. */
export type VehicleNumberKey = 'trainNumber' | 'flightNumber';
/** The travel keys every travel document has (recordFields.ts), the vehicle number aside. */
export type TravelKey = Exclude<(typeof TRAVEL_FIELDS)[number]['key'], VehicleNumberKey>;

export interface TravelMapping {
	keys: Partial<Record<TravelKey, StructSource>>;
	vehicleNumber?: { key: VehicleNumberKey; source: StructSource };
}

export interface StructMapping {
	invoice: Partial<Record<keyof InvoiceFields, StructSource>>;
	travel?: TravelMapping;
	/** The struct's line items (VAT lines) or legs (flights), each as text by line key or as a source. */
	lines?: { list: string; keys: Partial<Record<keyof LineItem, StructSource>>; legKeys?: Partial<Record<FlightLegKey, StructSource>> };
	/** What identifies this kind of document where its invoice code and number do not (e.g. an e-ticket number). */
	identity?: StructSource;
}

export type FlightLegKey = (typeof FLIGHT_LEG_FIELDS)[number]['key'];

/** A value of a `[{ Name, Value }]` list (Content, BankSlipInfos…) whose name matches, first match first. */
export function labelled(list: string, ...names: RegExp[]): (struct: DocumentStruct) => string | undefined {
	return (struct) => {
		const entries = Array.isArray(struct[list]) ? (struct[list] as Array<{ Name?: unknown; Value?: unknown }>) : [];
		for (const name of names) {
			const found = entries.find((entry) => typeof entry?.Name === 'string' && name.test(entry.Name));
			if (found && typeof found.Value === 'string') return found.Value;
		}
		return undefined;
	};
}

/** A field of the first or last entry of a list (flight legs). */
const ofLeg = (list: string, field: string, which: 'first' | 'last' = 'first') => (struct: DocumentStruct) => {
	const legs = Array.isArray(struct[list]) ? (struct[list] as DocumentStruct[]) : [];
	return (which === 'first' ? legs[0] : legs.at(-1))?.[field];
};

/** The first YYYY-MM-DD (or YYYY年MM月DD日) in a text such as `2024-05-18至2024-05-18`. */
const firstDateIn = (source: (struct: DocumentStruct) => unknown) => (struct: DocumentStruct) => {
	const text = source(struct);
	return typeof text === 'string' ? /\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)/.exec(text)?.[0] : undefined;
};

/** Names most structs share (Code, Number, Date, Total…), as in the SDK. */
const COMMON: StructMapping['invoice'] = {
	invoiceTitle: 'Title',
	invoiceCode: 'Code',
	invoiceNumber: 'Number',
	issueDate: 'Date',
	checkCode: 'CheckCode',
	totalBeforeTax: 'PretaxAmount',
	totalTax: 'Tax',
	totalWithTax: 'Total',
	totalWithTaxInWords: 'TotalCn',
	sellerName: 'Seller',
	sellerTaxId: 'SellerTaxID',
	buyerName: 'Buyer',
	buyerTaxId: 'BuyerTaxID',
	drawer: 'Issuer',
	reviewer: 'Reviewer',
	payeeClerk: 'Receiptor',
	remarks: 'Remark',
	issuingProvince: 'Province',
	issuingCity: 'City',
	consumptionType: 'Kind',
	hasCompanySeal: 'CompanySealMark',
	hasQrCode: 'QRCodeMark',
};

/** The columns both VAT structs' lines have, by the same names. */
const VAT_LINE_KEYS: Partial<Record<keyof LineItem, StructSource>> = {
	itemName: 'Name',
	specification: 'Specification',
	unitOfMeasure: 'Unit',
	quantity: 'Quantity',
	unitPrice: 'Price',
	amountBeforeTax: 'Total',
	taxRate: 'TaxRate',
	taxRateText: 'TaxRate',
	taxAmount: 'Tax',
};

/** The first line item's value: VatInvoiceOCR reads a toll invoice's plate and dates as invoice fields. */
const ofFirstItem = (field: string) => ofLeg('VatInvoiceItemInfos', field);

/** VatInvoiceInfo (paper and older electronic VAT invoices): every key VatInvoiceOCR reads for them. */
const VAT_INVOICE_INFO: StructMapping = {
	invoice: {
		...COMMON,
		printedInvoiceCode: 'CodeConfirm',
		printedInvoiceNumber: 'NumberConfirm',
		machineNumber: 'MachineCode',
		buyerAddressPhone: 'BuyerAddrTel',
		buyerBankAccount: 'BuyerBankAccount',
		sellerAddressPhone: 'SellerAddrTel',
		sellerBankAccount: 'SellerBankAccount',
		invoiceCopy: 'FormType',
		invoiceCopyName: 'FormName',
		serviceType: 'ServiceName',
		isIssuedOnBehalf: 'AgentMark',
		isPurchaseInvoice: 'AcquisitionMark',
		refinedOilMark: 'OilMark',
		tollMark: 'TransitMark',
		vehicleVesselTax: 'TravelTax',
		licensePlate: ofFirstItem('LicensePlate'),
		tollVehicleType: ofFirstItem('VehicleType'),
		tollDateFrom: ofFirstItem('DateStart'),
		tollDateTo: ofFirstItem('DateEnd'),
		cipherArea: 'Ciphertext',
	},
	lines: {
		list: 'VatInvoiceItemInfos',
		keys: { lineNo: 'SerialNumber', ...VAT_LINE_KEYS },
	},
};

/** VatElectronicInfo (fully digital 数电 invoices): no code, no line numbers. */
const VAT_ELECTRONIC_INFO: StructMapping = {
	invoice: { ...COMMON, serviceType: 'ServiceTypeLabel' },
	lines: {
		list: 'VatElectronicItems',
		keys: {
			...VAT_LINE_KEYS,
			vehicleType: 'VehicleType',
			vehiclePlateNumber: 'VehicleBrand',
			departurePlace: 'DeparturePlace',
			arrivalPlace: 'ArrivalPlace',
			transportItemsName: 'TransportItemsName',
			constructionPlace: 'PlaceOfBuildingService',
			constructionProjectName: 'BuildingName',
		},
	},
};

const VAT_INVOICE_ROLL: StructMapping = {
	invoice: { ...COMMON, printedInvoiceNumber: 'NumberConfirm', serviceType: 'ServiceName' },
};

/** A flight's legs as line items: the places on the transport columns, the flight's own keys beside them. */
function flightLegs(from: string, to: string): StructMapping['lines'] {
	return {
		list: 'FlightItems',
		keys: { itemName: 'FlightNumber', vehiclePlateNumber: 'FlightNumber', departurePlace: from, arrivalPlace: to },
		legKeys: { flightNumber: 'FlightNumber', carrier: 'Carrier', departureDate: 'DateGetOn', departureTime: 'TimeGetOn', seatClass: 'Seat' },
	};
}

function flightTravel(from: string, to: string): TravelMapping {
	return {
		keys: {
			passengerName: 'UserName',
			departure: ofLeg('FlightItems', from),
			arrival: ofLeg('FlightItems', to),
			departureDate: ofLeg('FlightItems', 'DateGetOn'),
			departureTime: ofLeg('FlightItems', 'TimeGetOn'),
			seatClass: ofLeg('FlightItems', 'Seat'),
		},
		vehicleNumber: { key: 'flightNumber', source: ofLeg('FlightItems', 'FlightNumber') },
	};
}

const STATION_TRAVEL: TravelMapping['keys'] = {
	departure: 'StationGetOn',
	arrival: 'StationGetOff',
	departureDate: 'DateGetOn',
	departureTime: 'TimeGetOn',
};

/** Structs that list their values as `Content: [{ Name, Value }]`: found by the printed label. */
function contentList(list = 'Content'): StructMapping {
	return {
		invoice: {
			invoiceTitle: 'Title',
			invoiceNumber: labelled(list, /^(发票|票据)?号码$/, /流水号/),
			issueDate: labelled(list, /^(开票|填发|交易|申请)?日期$/, /日期/),
			totalWithTax: labelled(list, /^(价税)?合计(金额)?(\(小写\))?$/, /^(总计|总金额|实付金额|实收金额|应付金额|金额合计)$/, /^(交易)?金额$/),
			sellerName: labelled(list, /^(销售方|收款人|商户|商家)(名称)?$/),
			buyerName: labelled(list, /^(购买方|付款人|交款人)(名称)?$/),
		},
	};
}

const RIDE_HAILING: StructMapping = {
	invoice: {
		invoiceTitle: 'Title',
		issueDate: labelled('Content', /^申请日期$/),
		totalWithTax: labelled('Content', /^合计/, /^总金额/),
	},
	travel: {
		keys: {
			departure: labelled('Content', /^起点$/),
			arrival: labelled('Content', /^终点$/),
			departureDate: firstDateIn(labelled('Content', /^行程起止日期$/)),
			departureTime: labelled('Content', /^上车时间$/),
		},
	},
};

/** Each struct (SubType) the vocabulary knows; a struct not listed is read by the names most structs share. */
export const STRUCT_MAPPINGS: Readonly<Record<string, StructMapping>> = {
	VatSpecialInvoice: VAT_INVOICE_INFO,
	VatCommonInvoice: VAT_INVOICE_INFO,
	VatElectronicCommonInvoice: VAT_INVOICE_INFO,
	VatElectronicSpecialInvoice: VAT_INVOICE_INFO,
	VatElectronicInvoiceBlockchain: VAT_INVOICE_INFO,
	VatElectronicInvoiceToll: VAT_INVOICE_INFO,
	VatSalesList: VAT_INVOICE_INFO,
	VatElectronicSpecialInvoiceFull: VAT_ELECTRONIC_INFO,
	VatElectronicInvoiceFull: VAT_ELECTRONIC_INFO,
	VatInvoiceRoll: VAT_INVOICE_ROLL,
	TrainTicket: {
		invoice: COMMON,
		travel: { keys: { ...STATION_TRAVEL, passengerName: 'Name', seatClass: 'Seat' }, vehicleNumber: { key: 'trainNumber', source: 'TrainNumber' } },
		// The red serial printed on a paper ticket (e.g. Z14J083625) is the ticket's own.
		identity: 'Number',
	},
	ElectronicTrainTicketFull: {
		// 票价 is what was paid; 金额 the fare before the 9 % VAT shown beside it.
		invoice: { ...COMMON, totalWithTax: 'Fare', totalBeforeTax: 'Total', invoiceTitle: 'TypeOfVoucher' },
		travel: { keys: { ...STATION_TRAVEL, passengerName: 'UserName', seatClass: 'Seat' }, vehicleNumber: { key: 'trainNumber', source: 'TrainNumber' } },
	},
	AirTransport: {
		// Number is the e-ticket number; the itinerary's invoice number, when it has one, is ReceiptNumber.
		invoice: { ...COMMON, invoiceNumber: 'ReceiptNumber', totalTax: 'TaxAmount', checkCode: 'CheckCode' },
		travel: flightTravel('StationGetOn', 'StationGetOff'),
		lines: flightLegs('StationGetOn', 'StationGetOff'),
		identity: 'Number',
	},
	ElectronicFlightTicketFull: {
		invoice: COMMON,
		travel: flightTravel('TerminalGetOn', 'TerminalGetOff'),
		lines: flightLegs('TerminalGetOn', 'TerminalGetOff'),
	},
	TaxiTicket: { invoice: COMMON, travel: { keys: { departureDate: 'Date', departureTime: 'TimeGetOn' } } },
	OnlineTaxiItinerary: RIDE_HAILING,
	BusInvoice: {
		invoice: COMMON,
		travel: { keys: { ...STATION_TRAVEL, passengerName: 'UserName' } },
	},
	ShippingInvoice: {
		invoice: COMMON,
		travel: { keys: { ...STATION_TRAVEL, passengerName: 'UserName', departureDate: 'Date', departureTime: 'Time' } },
	},
	NonTaxIncomeGeneralBill: { invoice: { ...COMMON, sellerName: 'SellerCompany' } },
	NonTaxIncomeElectronicBill: { invoice: { ...COMMON, sellerName: 'SellerCompany' } },
	MotorVehicleSaleInvoice: { invoice: { ...COMMON, machineNumber: 'MachineID' } },
	MotorVehicleSaleInvoiceElectronic: { invoice: { ...COMMON, machineNumber: 'MachineID' } },
	TaxPayment: contentList(),
	CustomsPaymentReceipt: contentList('CommonContent'),
	CustomsDeclaration: contentList(),
	OverseasInvoice: contentList(),
	ShoppingReceipt: contentList(),
	SaleInventory: contentList(),
	BankSlip: contentList('CommonBankSlipInfos'),
};

/** The mapping of a struct, or the shared names for one the table does not list. */
export const structMappingOf = (subType: string): StructMapping => STRUCT_MAPPINGS[subType] ?? { invoice: COMMON };
