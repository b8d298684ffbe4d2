import type {
	TextVatInvoice,
	VatInvoiceItem,
	VatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { computeDedupeKey } from './dedupeKey';
import { INVOICE_FIELDS, INVOICE_FIELDS_BY_NAME, canonicalFieldName, type FieldKind } from './fields';
import { cleanText, normalizeInvoiceNumber, parseAmount, parseFlag, parseTaxRate, toIsoDate } from './normalize';
import { reviewInvoice } from './selfCheck';

export type FieldValue = string | number | boolean | null;

export interface LineItemRecord {
	lineNo: number | null;
	name: string | null;
	spec: string | null;
	unit: string | null;
	quantity: number | null;
	unitPrice: number | null;
	amount: number | null;
	taxRate: number | null;
	taxRateText: string | null;
	taxAmount: number | null;
	taxClassifyCode: string | null;
	vehicleType: string | null;
	vehicleBrand: string | null;
	departurePlace: string | null;
	arrivalPlace: string | null;
	transportItemsName: string | null;
	constructionPlace: string | null;
	constructionName: string | null;
}

/** The invoice keys of the mapping table that the node itself reads. */
export interface InvoiceFieldValues {
	invoiceNumber: string | null;
	invoiceCode: string | null;
	issueDate: string | null;
	sellerTaxId: string | null;
	buyerTaxId: string | null;
	totalAmount: number | null;
	totalTax: number | null;
	totalWithTax: number | null;
	totalWithTaxInWords: string | null;
}

export interface InvoiceRecord extends InvoiceFieldValues {
	[key: string]: unknown;
	recordType: 'invoice';
	lineItemCount: number;
	pdfPage: number | null;
	pdfPageCount: number | null;
	angle: number | null;
	requestId: string | null;
	needsReview: boolean;
	reviewReasons: string[];
	dedupeKey: string;
	/** Every VatInvoiceInfos entry, Chinese name → value as read; a repeated name gets " (2)", " (3)"… */
	fields: Record<string, string>;
	polygons?: Record<string, TextVatInvoice['Polygon'] | null>;
}

export interface ShapedInvoice {
	invoice: InvoiceRecord;
	lineItems: LineItemRecord[];
}

export interface ShapeOptions {
	/** The PDF page this response is for; null for an image. */
	pdfPage: number | null;
	includePolygons: boolean;
}

const NORMALIZERS: Record<FieldKind, (text: string | undefined) => FieldValue> = {
	text: cleanText,
	identifier: normalizeInvoiceNumber,
	amount: parseAmount,
	date: toIsoDate,
	flag: parseFlag,
};

/** Names stay unique so that no value is lost when the API repeats a name. */
function uniqueName(name: string, taken: Record<string, unknown>): string {
	if (!(name in taken)) return name;
	let occurrence = 2;
	while (`${name} (${occurrence})` in taken) occurrence++;
	return `${name} (${occurrence})`;
}

function readFields(infos: TextVatInvoice[], includePolygons: boolean) {
	const fields: Record<string, string> = {};
	const polygons: Record<string, TextVatInvoice['Polygon'] | null> = {};
	const mapped: Record<string, FieldValue> = {};
	for (const info of infos) {
		const name = uniqueName(info.Name ?? '', fields);
		fields[name] = info.Value ?? '';
		if (includePolygons) polygons[name] = info.Polygon ?? null;
		const mapping = INVOICE_FIELDS_BY_NAME.get(canonicalFieldName(info.Name ?? ''));
		// The first reading of a field wins; later repeats stay in `fields`.
		if (mapping && !(mapping.key in mapped)) mapped[mapping.key] = NORMALIZERS[mapping.kind](info.Value);
	}
	return { fields, polygons, mapped };
}

export function shapeLineItem(item: VatInvoiceItem): LineItemRecord {
	return {
		lineNo: parseAmount(item.LineNo),
		name: cleanText(item.Name),
		spec: cleanText(item.Spec),
		unit: cleanText(item.Unit),
		quantity: parseAmount(item.Quantity),
		unitPrice: parseAmount(item.UnitPrice),
		amount: parseAmount(item.AmountWithoutTax),
		taxRate: parseTaxRate(item.TaxRate),
		taxRateText: cleanText(item.TaxRate),
		taxAmount: parseAmount(item.TaxAmount),
		taxClassifyCode: cleanText(item.TaxClassifyCode),
		vehicleType: cleanText(item.VehicleType),
		vehicleBrand: cleanText(item.VehicleBrand),
		departurePlace: cleanText(item.DeparturePlace),
		arrivalPlace: cleanText(item.ArrivalPlace),
		transportItemsName: cleanText(item.TransportItemsName),
		constructionPlace: cleanText(item.ConstructionPlace),
		constructionName: cleanText(item.ConstructionName),
	};
}

/** One VatInvoiceOCR response → the invoice and its line items, normalized and self-checked. */
export function shapeInvoice(response: VatInvoiceOCRResponse, options: ShapeOptions): ShapedInvoice {
	const { fields, polygons, mapped } = readFields(response.VatInvoiceInfos ?? [], options.includePolygons);
	const lineItems = (response.Items ?? []).map(shapeLineItem);

	// Every key of the mapping table is set (null when not read), the typed ones among them.
	const invoiceFields = Object.fromEntries(
		INVOICE_FIELDS.map(({ key }) => [key, mapped[key] ?? null]),
	) as Record<string, FieldValue> & InvoiceFieldValues;

	const invoice: InvoiceRecord = {
		recordType: 'invoice',
		...invoiceFields,
		lineItemCount: lineItems.length,
		pdfPage: options.pdfPage,
		pdfPageCount: options.pdfPage === null ? null : (response.PdfPageSize ?? null),
		angle: typeof response.Angle === 'number' ? response.Angle : null,
		requestId: response.RequestId ?? null,
		needsReview: false,
		reviewReasons: [],
		dedupeKey: '',
		fields,
		...(options.includePolygons ? { polygons } : {}),
	};
	invoice.reviewReasons = reviewInvoice(invoice, lineItems);
	invoice.needsReview = invoice.reviewReasons.length > 0;
	invoice.dedupeKey = computeDedupeKey(invoice);
	return { invoice, lineItems };
}
