/** The emulator's RecognizeGeneralInvoice: parameter checks, pages read, markers, what the switches change, billing. */
import {
	answerEntry,
	billedDocumentCount,
	pagesToRead,
	readGeneralInvoiceParams,
	type GeneralInvoiceParams,
} from '../../emulator/actions/recognize-general-invoice';
import {
	SINGLE_INVOICE_KEYS,
	documentMarkers,
	documentNamesOnPage,
	generalInvoiceEntry,
	generalInvoiceFixtures,
} from '../../emulator/general-invoice-documents';
import { errorCodeOf } from '../../helpers/error-code-of';


const DEFAULTS: GeneralInvoiceParams = readGeneralInvoiceParams({ ImageBase64: 'AAAA' });

describe('RecognizeGeneralInvoice parameters', () => {
	it('reads the documented defaults: EnableOther and EnablePdf on, page 1, the rest off', () => {
		expect(DEFAULTS).toEqual({
			imageBase64: 'AAAA',
			imageUrl: undefined,
			forcedType: undefined,
			enableOther: true,
			enablePdf: true,
			pdfPageNumber: 1,
			enableMultiplePage: false,
			enableCutImage: false,
			enableItemPolygon: false,
			enableQrCode: false,
			enableSeal: false,
		});
	});

	it('reads one forced type and every switch', () => {
		const params = readGeneralInvoiceParams({
			ImageUrl: 'http://127.0.0.1/a.pdf',
			Types: [2],
			EnableOther: false,
			EnablePdf: false,
			PdfPageNumber: 4,
			EnableMultiplePage: true,
			EnableCutImage: true,
			EnableItemPolygon: true,
			EnableQRCode: true,
			EnableSeal: true,
		});
		expect(params).toMatchObject({ imageUrl: 'http://127.0.0.1/a.pdf', forcedType: 2, enableOther: false, pdfPageNumber: 4, enableMultiplePage: true, enableSeal: true });
	});

	it.each([
		['no file', {}, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['an unknown name', { ImageBase64: 'AAAA', IsPdf: true }, 'UnknownParameter'],
		['Types not an array', { ImageBase64: 'AAAA', Types: 2 }, 'InvalidParameter'],
		['Types of text', { ImageBase64: 'AAAA', Types: ['2'] }, 'InvalidParameter'],
		['two Types', { ImageBase64: 'AAAA', Types: [2, 3] }, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['an undocumented type', { ImageBase64: 'AAAA', Types: [4] }, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['page 0', { ImageBase64: 'AAAA', PdfPageNumber: 0 }, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['a page as text', { ImageBase64: 'AAAA', PdfPageNumber: '2' }, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['a switch as text', { ImageBase64: 'AAAA', EnableMultiplePage: 'true' }, 'InvalidParameter'],
	])('refuses %s', (_case, params, code) => {
		expect(errorCodeOf(() => readGeneralInvoiceParams(params))).toBe(code);
	});
});

describe('the pages one request reads', () => {
	const multiple = { ...DEFAULTS, enableMultiplePage: true };
	it.each([
		['an image', DEFAULTS, false, 0, [0]],
		['page 1 of a PDF by default', DEFAULTS, true, 40, [1]],
		['the asked page', { ...DEFAULTS, pdfPageNumber: 31 }, true, 40, [31]],
		['12 pages with EnableMultiplePage', multiple, true, 12, Array.from({ length: 12 }, (_u, index) => index + 1)],
		['the first 30 of 40 with EnableMultiplePage', multiple, true, 40, Array.from({ length: 30 }, (_u, index) => index + 1)],
		['EnableMultiplePage, whatever PdfPageNumber and EnablePdf say', { ...multiple, pdfPageNumber: 9, enablePdf: false }, true, 3, [1, 2, 3]],
	])('%s', (_case, params, isPdf, pageCount, pages) => {
		expect(pagesToRead(params, isPdf, pageCount)).toEqual(pages);
	});

	it.each([
		['a page past the end', { ...DEFAULTS, pdfPageNumber: 41 }, 40, 'InvalidParameterValue.InvalidParameterValueLimit'],
		['a PDF with EnablePdf off', { ...DEFAULTS, enablePdf: false }, 2, 'FailedOperation.ImageDecodeFailed'],
		['a PDF without pages', DEFAULTS, 0, 'FailedOperation.ImageDecodeFailed'],
	])('refuses %s', (_case, params, pageCount, code) => {
		expect(errorCodeOf(() => pagesToRead(params, true, pageCount))).toBe(code);
	});
});

describe('documents named by the file', () => {
	it('reads the markers in order; none is an empty page', () => {
		const file = Buffer.from('%PDF-1.4 % emulator-documents:TrainTicket,TaxiTicket\n% emulator-documents:none\n', 'latin1');
		expect(documentMarkers(file)).toEqual([['TrainTicket', 'TaxiTicket'], []]);
	});

	it.each([
		['no marker: the sample invoice', [], 1, 1, ['VatElectronicCommonInvoice']],
		['one marker for every page', [['TaxiTicket']], 7, 40, ['TaxiTicket']],
		['one marker per page', [['TaxiTicket'], ['BusInvoice'], []], 2, 3, ['BusInvoice']],
		['an empty page', [['TaxiTicket'], ['BusInvoice'], []], 3, 3, []],
	])('%s', (_case, markers, page, pageCount, names) => {
		expect(documentNamesOnPage(markers, page, pageCount)).toEqual(names);
	});

	it('holds at least 10 kinds, each entry in Tencent struct names with its one struct', () => {
		const fixtures = [...generalInvoiceFixtures()].filter(([, entry]) => entry.Code === 'OK');
		expect(fixtures.length).toBeGreaterThanOrEqual(10);
		for (const [name, entry] of fixtures) {
			expect(Object.keys(entry.SingleInvoiceInfos)).toEqual([name]);
			expect(SINGLE_INVOICE_KEYS).toContain(entry.SubType);
		}
	});

	it('names the fixtures it has when asked for one it has not', () => {
		expect(() => generalInvoiceEntry('Nope')).toThrow(/no general-invoice fixture "Nope".*TrainTicket/);
	});
});

describe('an answered entry', () => {
	const train = generalInvoiceEntry('TrainTicket');

	it('has every struct key, null but its own, and its page', () => {
		const answered = answerEntry(train, DEFAULTS, 3);
		expect(Object.keys(answered.SingleInvoiceInfos)).toEqual([...SINGLE_INVOICE_KEYS]);
		expect(Object.entries(answered.SingleInvoiceInfos).filter(([, value]) => value !== null).map(([key]) => key)).toEqual(['TrainTicket']);
		expect(answered.Page).toBe(3);
		expect(answerEntry(train, DEFAULTS, 0).Page).toBe(1);
	});

	it('is not read when another type is forced, nor an other-invoice with EnableOther off', () => {
		expect(answerEntry(train, { ...DEFAULTS, forcedType: 3 }, 1)).toMatchObject({ Code: 'FailedOperation.UnKnowError', Type: 3 });
		expect(answerEntry(train, { ...DEFAULTS, forcedType: 2 }, 1).Code).toBe('OK');
		const other = generalInvoiceEntry('OtherInvoice');
		expect(answerEntry(other, { ...DEFAULTS, enableOther: false }, 1).Code).toBe('FailedOperation.UnsupportedInvoice');
	});

	it('carries field polygons only when asked', () => {
		expect(answerEntry(train, DEFAULTS, 1).ItemPolygon).toBeUndefined();
		const keys = (answerEntry(train, { ...DEFAULTS, enableItemPolygon: true }, 1).ItemPolygon as Array<{ Key: string }>).map(({ Key }) => Key);
		expect(keys).toContain('TrainNumber');
	});

	it('is billed when read: OK entries only', () => {
		expect(billedDocumentCount([{ Code: 'OK' }, { Code: 'FailedOperation.UnsupportedInvoice' }, { Code: 'OK' }])).toBe(2);
	});
});
