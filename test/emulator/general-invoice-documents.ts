/**
 * The documents RecognizeGeneralInvoice finds on a page: fixture entries in Tencent's exact struct names
 * (test/fixtures/general-invoice/<name>.json, one MixedInvoiceItems entry each), chosen by a marker the file
 * itself carries, so a test in another process (n8n, e2e) needs no hook: `emulator-documents:TrainTicket,TaxiTicket`
 * anywhere in the bytes (a PNG text chunk, a JPEG comment, a PDF comment). In a PDF with one marker per page,
 * page N holds the N-th marker's documents; one marker holds for every page; `none` is a page without documents.
 * Without a marker, every page holds the VatInvoiceOCR sample's invoice as VatElectronicCommonInvoice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

import { TencentApiError } from './api-error';

export const GENERAL_INVOICE_FIXTURES = path.join(__dirname, '..', 'fixtures', 'general-invoice');

/** One MixedInvoiceItems entry as the fixtures hold it (Page is set per answer). */
export type GeneralInvoiceEntry = Record<string, unknown> & {
	Code: string;
	Type: number;
	SubType: string;
	SingleInvoiceInfos: Record<string, unknown>;
};

/** Every key of SingleInvoiceItem in the SDK's order: Tencent answers each, null but the document's own. */
export const SINGLE_INVOICE_KEYS = [
	'VatSpecialInvoice',
	'VatCommonInvoice',
	'VatElectronicCommonInvoice',
	'VatElectronicSpecialInvoice',
	'VatElectronicInvoiceBlockchain',
	'VatElectronicInvoiceToll',
	'VatElectronicSpecialInvoiceFull',
	'VatElectronicInvoiceFull',
	'MachinePrintedInvoice',
	'BusInvoice',
	'ShippingInvoice',
	'TollInvoice',
	'OtherInvoice',
	'MotorVehicleSaleInvoice',
	'UsedCarPurchaseInvoice',
	'VatInvoiceRoll',
	'TaxiTicket',
	'QuotaInvoice',
	'AirTransport',
	'NonTaxIncomeGeneralBill',
	'NonTaxIncomeElectronicBill',
	'TrainTicket',
	'MedicalOutpatientInvoice',
	'MedicalHospitalizedInvoice',
	'VatSalesList',
	'ElectronicTrainTicketFull',
	'ElectronicFlightTicketFull',
	'TaxPayment',
	'CustomsPaymentReceipt',
	'BankSlip',
	'OnlineTaxiItinerary',
	'CustomsDeclaration',
	'OverseasInvoice',
	'ShoppingReceipt',
	'SaleInventory',
	'MotorVehicleSaleInvoiceElectronic',
	'UsedCarPurchaseInvoiceElectronic',
	'ElectronicTollSummary',
] as const;

/** The default document: the VatInvoiceOCR sample's invoice, as this action answers it. */
export const DEFAULT_DOCUMENT = 'VatElectronicCommonInvoice';
/** A marker naming no document: the page holds none. */
export const NO_DOCUMENT = 'none';
const MARKER = /emulator-documents:([A-Za-z,]{1,400})/g;
/** Markers are looked for in the first bytes only: fixtures put them near the start. */
const MARKER_SEARCH_BYTES = 1024 * 1024;

let fixtureCache: Map<string, GeneralInvoiceEntry> | undefined;

/** The fixture entries by file name (without .json), read once. */
export function generalInvoiceFixtures(): ReadonlyMap<string, GeneralInvoiceEntry> {
	fixtureCache ??= new Map(
		readdirSync(GENERAL_INVOICE_FIXTURES)
			.filter((file) => file.endsWith('.json'))
			.map((file) => [
				file.slice(0, -'.json'.length),
				JSON.parse(readFileSync(path.join(GENERAL_INVOICE_FIXTURES, file), 'utf8')) as GeneralInvoiceEntry,
			]),
	);
	return fixtureCache;
}

/** A fresh copy of one fixture entry; an unknown name is the test author's mistake, said plainly. */
export function generalInvoiceEntry(name: string): GeneralInvoiceEntry {
	const entry = generalInvoiceFixtures().get(name);
	if (!entry) {
		throw new TencentApiError(
			'InternalError',
			`The emulator has no general-invoice fixture "${name}"; known: ${[...generalInvoiceFixtures().keys()].join(', ')}.`,
		);
	}
	return structuredClone(entry);
}

/** The document lists of the file's markers, in the order they occur. */
export function documentMarkers(fileBytes: Buffer): string[][] {
	const text = fileBytes.toString('latin1', 0, Math.min(fileBytes.length, MARKER_SEARCH_BYTES));
	return [...text.matchAll(MARKER)].map((match) =>
		match[1].split(',').filter((name) => name !== '' && name !== NO_DOCUMENT),
	);
}

/** The fixture names on a page (1-based; 0 for an image), from the file's markers. */
export function documentNamesOnPage(markers: string[][], page: number, pageCount: number): string[] {
	if (markers.length === 0) return [DEFAULT_DOCUMENT];
	if (markers.length === pageCount && page >= 1) return markers[page - 1];
	return markers[0];
}

/** An entry as Tencent answers it: every SingleInvoiceItem key present, null but the document's own. */
export function withAllStructKeys(entry: GeneralInvoiceEntry): GeneralInvoiceEntry {
	const infos = Object.fromEntries(SINGLE_INVOICE_KEYS.map((key) => [key, entry.SingleInvoiceInfos[key] ?? null]));
	return { ...entry, SingleInvoiceInfos: infos };
}
