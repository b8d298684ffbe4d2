/** The parameter checks of VatInvoiceVerifyNew and VerifyOfdVatInvoiceOCR, and OFD detection, without HTTP. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { defaultVerifyAnswer, sampleVerifyAnswer } from '../../emulator/actions/vat-invoice-verify-new';
import { VERIFY_ERRORS } from '../../emulator/actions/verify-errors';
import { chinaDate, readVerifyParams, type VerifyRequest } from '../../emulator/actions/verify-new-params';
import { OFD_ERRORS, checkOfdFile, readOfdParams } from '../../emulator/actions/verify-ofd-vat-invoice-ocr';
import { inspectOfd, listZipEntryNames } from '../../emulator/ofd-file';
import { checkRegion } from '../../emulator/operation';
import { summarizeParams } from '../../emulator/request-params';
import { loadRecentSampleRecognition } from '../../emulator/sample-response';
import { errorCodeOf } from '../../helpers/error-code-of';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', '..', 'fixtures', name));
const TODAY = '2024-06-15';
/** An 8-digit paper invoice with its code and check code, issued well within five years. */
const VALID = { InvoiceNo: '04000000', InvoiceDate: '2024-06-01', InvoiceCode: '1300000000', CheckCode: '921630' };

describe('readVerifyParams', () => {
	it('reads a valid request, with the flags false by default', () => {
		expect(readVerifyParams(VALID, TODAY)).toEqual({
			invoiceNo: '04000000',
			invoiceDate: '2024-06-01',
			invoiceCode: '1300000000',
			checkCode: '921630',
			enableCommonElectronic: false,
			enableTodayInvoice: false,
		});
	});

	it.each<[string, Record<string, unknown>]>([
		['a 20-digit 全电 number without a code, with its amount', { InvoiceNo: '24442000000012345678', InvoiceDate: '2024-06-01', Amount: '88.88' }],
		['a 12-digit code and a special invoice amount', { ...VALID, InvoiceCode: '144002288010', InvoiceKind: '01', Amount: '498.90', CheckCode: undefined }],
		['the full 20-digit check code the page example sends', { ...VALID, CheckCode: '00000000005672311400' }],
		['a 5-character blockchain check code', { ...VALID, InvoiceKind: '32', CheckCode: '856ab', Amount: '285.01' }],
		['a red-letter negative amount', { ...VALID, Amount: '-100.00' }],
		["today's invoice with EnableTodayInvoice", { ...VALID, InvoiceDate: TODAY, EnableTodayInvoice: true }],
		['an invoice exactly five years old', { ...VALID, InvoiceDate: '2019-06-15' }],
		['a 通用机打电子发票 of 广东', { ...VALID, RegionCode: '4400', SellerTaxCode: '44078819091887401X', EnableCommonElectronic: true }],
	])('accepts %s', (_case, params) => {
		expect(() => readVerifyParams(JSON.parse(JSON.stringify(params)), TODAY)).not.toThrow();
	});

	it.each<[string, Record<string, unknown>, string]>([
		['no InvoiceNo', { ...VALID, InvoiceNo: undefined }, 'MissingParameter'],
		['no InvoiceDate', { ...VALID, InvoiceDate: undefined }, 'MissingParameter'],
		['an unknown parameter', { ...VALID, Additional: '88.50' }, 'UnknownParameter'],
		['a numeric InvoiceNo', { ...VALID, InvoiceNo: 4000000 }, 'InvalidParameter'],
		['a string flag', { ...VALID, EnableTodayInvoice: 'true' }, 'InvalidParameter'],
		['a 9-digit InvoiceNo', { ...VALID, InvoiceNo: '040000001' }, VERIFY_ERRORS.badInvoiceNo],
		['letters in InvoiceNo', { ...VALID, InvoiceNo: '0400000A' }, VERIFY_ERRORS.badInvoiceNo],
		['a date as YYYYMMDD', { ...VALID, InvoiceDate: '20240601' }, VERIFY_ERRORS.badInvoiceDate],
		['an impossible date', { ...VALID, InvoiceDate: '2024-02-30' }, VERIFY_ERRORS.badInvoiceDate],
		['a date in the future', { ...VALID, InvoiceDate: '2024-06-16' }, VERIFY_ERRORS.badInvoiceDate],
		['a date over five years old', { ...VALID, InvoiceDate: '2019-06-14' }, VERIFY_ERRORS.badInvoiceDate],
		["today's invoice", { ...VALID, InvoiceDate: TODAY }, VERIFY_ERRORS.todayNotSupported],
		['an 11-digit InvoiceCode', { ...VALID, InvoiceCode: '13000000001' }, VERIFY_ERRORS.badInvoiceCode],
		['an 8-digit number without a code', { ...VALID, InvoiceCode: undefined }, VERIFY_ERRORS.badInvoiceCode],
		['an undocumented InvoiceKind', { ...VALID, InvoiceKind: '99' }, VERIFY_ERRORS.invalidValue],
		['a 7-digit CheckCode', { ...VALID, CheckCode: '9216301' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['an Amount with a currency sign', { ...VALID, Amount: '¥88.88' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['an Amount with 3 decimals', { ...VALID, Amount: '88.888' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['neither CheckCode nor Amount', { ...VALID, CheckCode: undefined }, VERIFY_ERRORS.badAmountOrCheckCode],
		['a special invoice without Amount', { ...VALID, InvoiceKind: '01' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['an ordinary invoice without CheckCode', { ...VALID, InvoiceKind: '04', CheckCode: undefined, Amount: '1.00' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['an unknown RegionCode', { ...VALID, RegionCode: '1100' }, VERIFY_ERRORS.noAreaCode],
		['a short SellerTaxCode', { ...VALID, SellerTaxCode: '1300000000' }, VERIFY_ERRORS.invalidValue],
	])('refuses %s', (_case, params, code) => {
		expect(errorCodeOf(() => readVerifyParams(JSON.parse(JSON.stringify(params)), TODAY))).toBe(code);
	});
});

describe('chinaDate', () => {
	it("is Beijing's calendar day, 8 hours ahead of UTC", () => {
		expect(chinaDate(Date.UTC(2024, 5, 14, 15, 59))).toBe('2024-06-14');
		expect(chinaDate(Date.UTC(2024, 5, 14, 16, 0))).toBe('2024-06-15');
	});
});

describe('sampleVerifyAnswer', () => {
	it("puts the request's number, code and compact date into the documented sample, under any overrides", () => {
		const answer = sampleVerifyAnswer(readVerifyParams(VALID, TODAY), { IsAbandoned: 'Y' });
		expect(answer.Invoice).toMatchObject({ Number: '04000000', Code: '1300000000', Date: '20240601', IsAbandoned: 'Y', Type: '102' });
		expect(answer).toHaveProperty('VehicleInvoiceInfo');
		expect(answer).not.toHaveProperty('RequestId');
	});
});

describe('readOfdParams', () => {
	it('defaults the page to 1', () => {
		expect(readOfdParams({ OfdFileBase64: 'AAAA' })).toEqual({ ofdFileBase64: 'AAAA', ofdFileUrl: undefined, pageNumber: 1 });
	});

	it.each<[string, Record<string, unknown>, string]>([
		['no file at all', {}, OFD_ERRORS.invalidValue],
		['page 0', { OfdFileBase64: 'AAAA', OfdPageNumber: 0 }, OFD_ERRORS.invalidValue],
		['a fractional page', { OfdFileBase64: 'AAAA', OfdPageNumber: 1.5 }, OFD_ERRORS.invalidValue],
		['a page as a string', { OfdFileBase64: 'AAAA', OfdPageNumber: '1' }, OFD_ERRORS.invalidValue],
		['a numeric OfdFileBase64', { OfdFileBase64: 1 }, 'InvalidParameter'],
		["VatInvoiceOCR's ImageBase64", { ImageBase64: 'AAAA' }, 'UnknownParameter'],
	])('refuses %s', (_case, params, code) => {
		expect(errorCodeOf(() => readOfdParams(params))).toBe(code);
	});
});

describe('OFD detection', () => {
	it('lists the names of a ZIP archive and finds the one page of invoice.ofd', () => {
		expect(listZipEntryNames(fixture('invoice.ofd'))).toContain('OFD.xml');
		expect(inspectOfd(fixture('invoice.ofd'))).toEqual({ pageCount: 1 });
	});

	it.each([
		['a ZIP without OFD.xml', fixture('not-ofd.zip')],
		['a PNG', fixture('invoice.png')],
		['a PDF', fixture('invoice-1-page.pdf')],
		['a few bytes', Buffer.from('PK')],
		['a truncated OFD', fixture('invoice.ofd').subarray(0, 600)],
	])('is not fooled by %s', (_case, bytes) => {
		expect(inspectOfd(bytes)).toBeUndefined();
	});

	it.each([
		['a ZIP without OFD.xml', 'not-ofd.zip', 1, OFD_ERRORS.ocrFailed],
		['a PNG', 'invoice.png', 1, OFD_ERRORS.ocrFailed],
		['a page beyond the last', 'invoice.ofd', 2, OFD_ERRORS.invalidValue],
	])('checkOfdFile refuses %s', (_case, name, page, code) => {
		expect(errorCodeOf(() => checkOfdFile(fixture(name), page))).toBe(code);
	});
});

describe('shared gateway helpers', () => {
	it('lets Region be absent where the page calls it optional, but still checks a given one', () => {
		const request = (headers: Record<string, string>) => ({ method: 'POST', path: '/', query: '', headers, body: Buffer.alloc(0) });
		expect(checkRegion(request({}), false)).toBeUndefined();
		expect(errorCodeOf(() => checkRegion(request({ 'x-tc-region': 'mars-1' }), false))).toBe('UnsupportedRegion');
	});

	it('summarises OfdFileBase64 by its length, like ImageBase64', () => {
		expect(summarizeParams({ OfdFileBase64: 'AAAA', OfdPageNumber: 1 })).toEqual({ OfdFileBase64: '<4 base64 chars>', OfdPageNumber: 1 });
	});
});

describe('the emulator’s default recognition and verification: a verifiable pair', () => {
	const request = (changes: Partial<VerifyRequest> = {}): VerifyRequest => ({
		invoiceNo: '63591128',
		invoiceDate: '2024-06-12',
		invoiceCode: '012001100311',
		checkCode: '409795',
		amount: '87.28',
		enableCommonElectronic: false,
		enableTodayInvoice: false,
		...changes,
	});

	it('dates the recognition sample three days before today in China', () => {
		const infos = loadRecentSampleRecognition(Date.UTC(2024, 5, 14, 18, 0)).VatInvoiceInfos as Array<{ Name: string; Value: string }>;
		expect(infos.find((info) => info.Name === '开票日期')?.Value).toBe('2024年06月12日');
		expect(infos.find((info) => info.Name === '发票号码')?.Value).toBe('No63591128');
	});

	it('answers the recognition sample’s invoice, valid, for its code and number', () => {
		expect(defaultVerifyAnswer(request())).toMatchObject({
			Invoice: {
				Type: '10',
				Code: '012001100311',
				Number: '63591128',
				Date: '20240612',
				SellerName: '深圳腾讯游戏有限公司',
				AmountWithoutTax: '87.28',
				AmountWithTax: '89.90',
				IsAbandoned: 'N',
				RedLetterInvoiceMark: false,
			},
		});
	});

	it.each<[string, Partial<VerifyRequest>]>([
		['another amount', { amount: '87.29' }],
		['another check code', { checkCode: '409796' }],
	])('answers InvoiceMismatch for %s', (_label, changes) => {
		expect(errorCodeOf(() => defaultVerifyAnswer(request(changes)))).toBe(VERIFY_ERRORS.mismatch);
	});

	it('answers the documented sample for any other invoice', () => {
		expect(defaultVerifyAnswer(request({ invoiceNo: '04000000' }))).toMatchObject({
			Invoice: { Type: '102', Number: '04000000', Code: '012001100311', SellerName: '广州市天河区员美丽美食店' },
		});
	});
});
