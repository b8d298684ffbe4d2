/**
 * One RecognizeGeneralInvoice entry (MixedInvoiceItems[i]) → the invoice model: its documentType, the invoice
 * keys through the same normalizers as every action (fields.ts, fromAnswers.ts), travel keys for tickets, line
 * items (VAT lines, flight legs), its fields by API name, and what identifies it.
 */
import type { InvoiceItem, Polygon } from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import type { Invoice, LineItem } from '../fields';
import { FLIGHT_LEG_FIELDS } from '../recordFields';
import { invoiceFieldsFrom, lineItemFrom, withKind } from '../fromAnswers';
import type { InvoiceKind } from '../invoiceKind';
import { cleanText, toClockTime, toIsoDate } from '../normalize';
import { documentTypeOf, type DocumentType } from './documentTypes';
import {
	structMappingOf,
	type DocumentStruct,
	type FlightLegKey,
	type StructMapping,
	type StructSource,
	type TravelKey,
	type VehicleNumberKey,
} from './structFields';

/** Travel documents' keys: who went where and when (dates ISO, times HH:mm), and the train or flight number. */
export type TravelKeys = Record<TravelKey, string | null> & Partial<Record<VehicleNumberKey, string | null>>;

/** A line item; a flight's legs carry their own keys too. */
export type DocumentLine = LineItem & Partial<Record<FlightLegKey, string | null>>;

export interface DocumentReading {
	documentType: DocumentType;
	/** Tencent's Chinese name of the kind: SubTypeDescription, else TypeDescription. */
	documentTypeName: string | null;
	/** Tencent's Code for the entry: `OK` when it read the document. */
	code: string;
	invoice: Invoice;
	/** Travel documents only (train, flight, bus, ship, taxi, ride-hailing); null for the rest. */
	travel: TravelKeys | null;
	lineItems: DocumentLine[];
	/** The document's struct, every value by its API name, as it came. */
	fields: DocumentStruct;
	/** Each field's position (EnableItemPolygon), by API name; a repeated name gets " (2)"… */
	polygons: Record<string, Polygon | null>;
	/** The page the document is on (1 for an image), as Tencent answered it. */
	page: number | null;
	/** The document's rotation as Tencent measured it, in degrees. */
	imageRotationDegrees: number | null;
	/** What identifies the document where code and number do not (e.g. an e-ticket number); null if none. */
	identity: string | null;
}

/** The kind of VAT invoice each VAT struct is; other structs are `other`. */
const INVOICE_KINDS_BY_SUB_TYPE: Readonly<Record<string, InvoiceKind>> = {
	VatSpecialInvoice: 'special',
	VatCommonInvoice: 'ordinary',
	VatElectronicCommonInvoice: 'electronicOrdinary',
	VatElectronicSpecialInvoice: 'electronicSpecial',
	VatElectronicInvoiceToll: 'toll',
	VatElectronicSpecialInvoiceFull: 'digitalSpecial',
	VatElectronicInvoiceFull: 'digitalOrdinary',
	VatInvoiceRoll: 'roll',
	MotorVehicleSaleInvoice: 'motorVehicle',
	MotorVehicleSaleInvoiceElectronic: 'motorVehicle',
	UsedCarPurchaseInvoice: 'usedVehicle',
	UsedCarPurchaseInvoiceElectronic: 'usedVehicle',
};

const isRecord = (value: unknown): value is DocumentStruct => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A source's value as text: strings as they are, Tencent's numeric marks (0/1) as digits, anything else absent. */
function textOf(struct: DocumentStruct, source: StructSource | undefined): string | undefined {
	if (source === undefined) return undefined;
	const value = typeof source === 'string' ? struct[source] : source(struct);
	if (typeof value === 'string') return value;
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** The entry's one struct: SingleInvoiceInfos holds it under its SubType, every other key null. */
function structOf(entry: InvoiceItem): { subType: string; struct: DocumentStruct } {
	const infos = (entry.SingleInvoiceInfos ?? {}) as Record<string, unknown>;
	const named = entry.SubType ? infos[entry.SubType] : undefined;
	if (entry.SubType && isRecord(named)) return { subType: entry.SubType, struct: named };
	const [subType, struct] = Object.entries(infos).find(([, value]) => isRecord(value)) ?? [entry.SubType ?? '', {}];
	return { subType, struct: struct as DocumentStruct };
}

function travelOf(struct: DocumentStruct, mapping: StructMapping): TravelKeys | null {
	if (!mapping.travel) return null;
	const { keys, vehicleNumber } = mapping.travel;
	const text = (key: TravelKey) => textOf(struct, keys[key]);
	const travel: TravelKeys = {
		passengerName: cleanText(text('passengerName')),
		departure: cleanText(text('departure')),
		arrival: cleanText(text('arrival')),
		departureDate: toIsoDate(text('departureDate')),
		departureTime: toClockTime(text('departureTime')),
		seatClass: cleanText(text('seatClass')),
	};
	if (vehicleNumber) travel[vehicleNumber.key] = cleanText(textOf(struct, vehicleNumber.source));
	return travel;
}

const LEG_NORMALIZERS: Record<FlightLegKey, (text: string | undefined) => string | null> = {
	flightNumber: cleanText,
	carrier: cleanText,
	departureDate: toIsoDate,
	departureTime: toClockTime,
	seatClass: cleanText,
};

function linesOf(struct: DocumentStruct, mapping: StructMapping): DocumentLine[] {
	const lines = mapping.lines;
	const list = lines ? struct[lines.list] : undefined;
	if (!lines || !Array.isArray(list)) return [];
	return list.filter(isRecord).map((line) => {
		const lineItem: DocumentLine = lineItemFrom((field) => textOf(line, lines.keys[field.key]));
		for (const { key } of FLIGHT_LEG_FIELDS) {
			if (lines.legKeys?.[key] !== undefined) lineItem[key] = LEG_NORMALIZERS[key](textOf(line, lines.legKeys[key]));
		}
		return lineItem;
	});
}

function polygonsOf(entry: InvoiceItem): Record<string, Polygon | null> {
	const polygons: Record<string, Polygon | null> = {};
	for (const { Key, Polygon: polygon } of entry.ItemPolygon ?? []) {
		let name = Key ?? '';
		for (let occurrence = 2; name in polygons; occurrence++) name = `${Key ?? ''} (${occurrence})`;
		polygons[name] = polygon ?? null;
	}
	return polygons;
}

/** One MixedInvoiceItems entry as the invoice model; an entry Tencent could not read gives empty keys and its Code. */
export function readDocument(entry: InvoiceItem): DocumentReading {
	const { subType, struct } = structOf(entry);
	const mapping = structMappingOf(subType);
	const documentTypeName = cleanText(entry.SubTypeDescription) ?? cleanText(entry.TypeDescription);
	const invoiceFields = invoiceFieldsFrom((field) =>
		// The printed type VatInvoiceOCR reads (发票类型) is the kind Tencent names here.
		field.key === 'invoiceType' ? (documentTypeName ?? undefined) : textOf(struct, mapping.invoice[field.key]),
	);
	return {
		documentType: documentTypeOf(subType, entry.Type),
		documentTypeName,
		code: entry.Code ?? 'OK',
		invoice: withKind(invoiceFields, INVOICE_KINDS_BY_SUB_TYPE[subType] ?? 'other'),
		travel: travelOf(struct, mapping),
		lineItems: linesOf(struct, mapping),
		fields: struct,
		polygons: polygonsOf(entry),
		page: typeof entry.Page === 'number' && Number.isSafeInteger(entry.Page) && entry.Page > 0 ? entry.Page : null,
		imageRotationDegrees: typeof entry.Angle === 'number' ? entry.Angle : null,
		identity: cleanText(textOf(struct, mapping.identity)),
	};
}

/** Tencent answers documents grouped as it found them; they go out by page, then in the answer's order. */
export function inPageOrder(documents: DocumentReading[]): DocumentReading[] {
	return documents
		.map((document, index) => ({ document, index }))
		.sort((a, b) => (a.document.page ?? 0) - (b.document.page ?? 0) || a.index - b.index)
		.map(({ document }) => document);
}
