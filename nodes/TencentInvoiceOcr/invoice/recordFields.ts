/**
 * The keys each output record adds around the invoice's own fields (fields.ts): the invoice item's
 * identity, self-check and origin; the source keys of an item read from a file; Verify's verdict; a
 * line item's parent keys; an error item's keys. Each with its type and meaning, so the output
 * reference is generated from here, and the record types are derived from or checked against them.
 */

/** A key's type as the output reference names it, and the TypeScript type it stands for. */
export interface ValueOfType {
	string: string;
	'string or null': string | null;
	integer: number;
	'integer or null': number | null;
	'number or null': number | null;
	boolean: boolean;
	'boolean or null': boolean | null;
	'list of strings': string[];
	'list of page spans': Array<{ firstPage: number; lastPage: number; reason: string }>;
	/** Tencent's field names, as read, to their values. */
	'object of strings': Record<string, string>;
	object: object;
	'object or null': object | null;
}

export interface RecordFieldMapping {
	key: string;
	type: keyof ValueOfType;
	englishName: string;
}

/** A record built from a table: every key with the type its row names. */
export type RecordOf<Table extends readonly RecordFieldMapping[]> = {
	[Field in Table[number] as Field['key']]: ValueOfType[Field['type']];
};

/** What every invoice item has besides the invoice's fields, whichever action read it. */
export const INVOICE_RECORD_FIELDS = [
	{ key: 'recordType', type: 'string', englishName: '"invoice" on every invoice item (line items have "lineItem")' },
	{ key: 'documentType', type: 'string', englishName: 'The kind of document, e.g. "vatInvoice", "trainTicket" (see document-types.md); "vatInvoice" for Recognize VAT Invoice and Verify' },
	{ key: 'invoiceKind', type: 'string', englishName: 'The kind of invoice in one English vocabulary, whatever the action answered, e.g. "electronicOrdinary" or "digitalSpecial"' },
	{ key: 'lineItemCount', type: 'integer', englishName: 'How many line items the invoice has' },
	{ key: 'pdfPage', type: 'integer or null', englishName: 'The PDF page the invoice was read from; null for images, OFD files and Verify' },
	{ key: 'pdfPageCount', type: 'integer or null', englishName: "The PDF's page count; null for images, OFD files and Verify" },
	{ key: 'imageRotationDegrees', type: 'number or null', englishName: "The page's rotation as Tencent measured it, in degrees (clockwise positive); null for OFD files and Verify" },
	{ key: 'requestId', type: 'string or null', englishName: "Tencent's Request ID of the call that read or verified the invoice, for support" },
	{ key: 'needsReview', type: 'boolean', englishName: 'Whether a person should look at the invoice before it is booked (see reviewReasons)' },
	{ key: 'reviewReasons', type: 'list of strings', englishName: 'Why the invoice needs review, e.g. line amounts that do not add up to the total; empty when none' },
	{ key: 'dedupeKey', type: 'string', englishName: 'The same for the same invoice whichever file, page or action it came from, never shared by two invoices: upsert on it' },
	{ key: 'fields', type: 'object of strings', englishName: "Every field of Tencent's answer by its Chinese name, exactly as read; empty for Verify" },
] as const satisfies readonly RecordFieldMapping[];

/** Invoice items of Recognize Any Invoice or Receipt: Tencent's name of the kind; `fields` holds its struct by API name. */
export const DOCUMENT_FIELDS = [
	{ key: 'documentTypeName', type: 'string or null', englishName: "Tencent's Chinese name of the kind (SubTypeDescription, else TypeDescription), e.g. 电子发票(普通发票)" },
] as const satisfies readonly RecordFieldMapping[];

/** Travel documents of Recognize Any Invoice or Receipt (train, flight, bus, ship, taxi, ride-hailing): who went where and when. */
export const TRAVEL_FIELDS = [
	{ key: 'passengerName', type: 'string or null', englishName: 'The passenger as printed' },
	{ key: 'departure', type: 'string or null', englishName: 'Where the trip starts (station, airport, pick-up place)' },
	{ key: 'arrival', type: 'string or null', englishName: 'Where the trip ends' },
	{ key: 'departureDate', type: 'string or null', englishName: 'The day of departure, YYYY-MM-DD' },
	{ key: 'departureTime', type: 'string or null', englishName: 'The time of departure, HH:mm' },
	{ key: 'trainNumber', type: 'string or null', englishName: 'The train, e.g. G6017 (train tickets only)' },
	{ key: 'flightNumber', type: 'string or null', englishName: 'The first flight, e.g. CA1301 (flight itineraries only; each flight is a line item)' },
	{ key: 'seatClass', type: 'string or null', englishName: 'The class of seat as printed, e.g. 二等座, Y' },
] as const satisfies readonly RecordFieldMapping[];

/** A flight itinerary's line item, one per flight, beside the transport columns of the line-item table. */
export const FLIGHT_LEG_FIELDS = [
	{ key: 'flightNumber', type: 'string or null', englishName: 'The flight, e.g. CA1301' },
	{ key: 'carrier', type: 'string or null', englishName: 'The airline as printed' },
	{ key: 'departureDate', type: 'string or null', englishName: 'The day of the flight, YYYY-MM-DD' },
	{ key: 'departureTime', type: 'string or null', englishName: 'The time of the flight, HH:mm' },
	{ key: 'seatClass', type: 'string or null', englishName: 'The class of seat as printed' },
] as const satisfies readonly RecordFieldMapping[];

/** Invoice items of Recognize only, under Options → Include Polygons. */
export const POLYGON_FIELDS = [
	{ key: 'polygons', type: 'object', englishName: "Each field's position on the page (four corner points), by the same names as fields" },
] as const satisfies readonly RecordFieldMapping[];

/** What `readFrom` says: a 数电 XML or an OFD's tags read without a call, or Tencent's OCR. */
export const READ_FROM_VALUES = ['xml', 'ofd', 'ocr'] as const;

export type ReadFrom = (typeof READ_FROM_VALUES)[number];

/** Invoice items of Recognize: where the invoice was read from (digital files are read without a call). */
export const READ_FROM_FIELDS = [
	{ key: 'readFrom', type: 'string', englishName: 'Where the invoice was read from: "xml" (a 数电 XML) or "ofd" (an OFD\'s tags), both without a call, or "ocr" (Tencent)' },
] as const satisfies readonly RecordFieldMapping[];

/** Where in the input item an invoice (or error) came from; null for URL and base64 input and for Verify. */
export const SOURCE_FIELDS = [
	{ key: 'sourceFileName', type: 'string or null', englishName: "The name of the input file the invoice was read from" },
	{ key: 'sourceBinaryField', type: 'string or null', englishName: 'The input binary field the file came from, e.g. attachment_0' },
] as const satisfies readonly RecordFieldMapping[];

/** On the invoice items of a file: what of it was not read. */
export const PAGES_NOT_RECOGNIZED_FIELDS = [
	{ key: 'pagesNotRecognized', type: 'list of page spans', englishName: "The file's pages left out ({ firstPage, lastPage, reason }): past Max Pages or Max Pages per Item, not in the PDF, failed; empty when none" },
] as const satisfies readonly RecordFieldMapping[];

/** Verify's verdict on the invoice item, beside the invoice as the tax authority knows it. */
export const VERDICT_FIELDS = [
	{ key: 'status', type: 'string', englishName: 'The verdict: valid, void, reversed, partiallyReversed, redLettered, notFound, notYetAvailable, mismatch or queryLimitReached' },
	{ key: 'statusMessage', type: 'string', englishName: 'What the verdict means and what to do, in a sentence' },
	{ key: 'statusCode', type: 'string or null', englishName: "Tencent's code for a verdict it answers as a code, e.g. ResourceNotFound.NoInvoice for notFound; null when it answered the invoice" },
	{ key: 'verifiedWith', type: 'object', englishName: 'The values sent to the tax authority, in the keys below (verifiedWith.*)' },
] as const satisfies readonly RecordFieldMapping[];

/** The keys of `verifiedWith`: the values checked and sent, in the node's own vocabulary. */
export const VERIFIED_WITH_FIELDS = [
	{ key: 'invoiceNumber', type: 'string', englishName: 'The invoice number verified' },
	{ key: 'invoiceCode', type: 'string or null', englishName: 'The invoice code verified; null for fully digital invoices' },
	{ key: 'issueDate', type: 'string', englishName: 'The issue date verified, YYYY-MM-DD' },
	{ key: 'checkCodeLastSix', type: 'string or null', englishName: "The check code's last six characters, the only part sent; null when none was given" },
	{ key: 'totalBeforeTax', type: 'number or null', englishName: 'The total before tax verified, in yuan (classic invoices); null when not sent' },
	{ key: 'totalWithTax', type: 'number or null', englishName: 'The total including tax verified, in yuan (fully digital invoices); null when not sent' },
	{ key: 'allowTodaysInvoices', type: 'boolean', englishName: "Whether today's invoices were allowed" },
] as const satisfies readonly RecordFieldMapping[];

/** What every line item carries of its invoice, so that a line can be stored or matched on its own. */
export const LINE_ITEM_PARENT_FIELDS = [
	{ key: 'recordType', type: 'string', englishName: '"lineItem" on every line item' },
	{ key: 'invoiceNumber', type: 'string or null', englishName: "The invoice's number" },
	{ key: 'invoiceCode', type: 'string or null', englishName: "The invoice's code" },
	{ key: 'issueDate', type: 'string or null', englishName: "The invoice's issue date, YYYY-MM-DD" },
	{ key: 'sellerTaxId', type: 'string or null', englishName: "The seller's taxpayer ID" },
	{ key: 'dedupeKey', type: 'string', englishName: "The invoice's dedupeKey" },
	{ key: 'lineKey', type: 'string', englishName: 'Unique per line of the invoice: dedupeKey#lineNo, or dedupeKey#pos<position> (1-based) when the printed number is missing or repeated' },
	{ key: 'needsReview', type: 'boolean', englishName: "The invoice's needsReview, so a line can be routed with its invoice" },
	...SOURCE_FIELDS,
] as const satisfies readonly RecordFieldMapping[];

/** The item that stands in for a failed input, file or page under Continue On Fail (first output). */
export const ERROR_ITEM_FIELDS = [
	{ key: 'error', type: 'string', englishName: 'What went wrong, naming the item (and file or page)' },
	{ key: 'hint', type: 'string or null', englishName: 'How to fix it' },
	{ key: 'errorCode', type: 'string or null', englishName: "Tencent's error code, or NetworkError, GatewayError, NotTencentAnswer, AnswerTooLarge; null for an input problem" },
	{ key: 'requestId', type: 'string or null', englishName: "Tencent's Request ID of the failed call, for support" },
	...SOURCE_FIELDS,
	{ key: 'pdfPage', type: 'integer or null', englishName: 'The PDF page that failed (a failed page after the first only)' },
] as const satisfies readonly RecordFieldMapping[];

export type VerifiedWith = RecordOf<typeof VERIFIED_WITH_FIELDS>;
export type SourceFile = RecordOf<typeof SOURCE_FIELDS>;
