import {
	checkProtocol,
	checkSessionToken,
	checkTimestampWindow,
	parseAuthorizationHeader,
	type ApiRequest,
} from '../../emulator/authenticate';
import { faultsProblem } from '../../emulator/control-endpoints';
import { FaultInjector } from '../../emulator/faults';
import { checkRegion } from '../../emulator/operation';
import { parseJsonBody, readVatInvoiceParams, summarizeParams } from '../../emulator/vat-invoice-params';

const SIGNATURE = 'a'.repeat(64);

function request(headers: Record<string, string>, method = 'POST'): ApiRequest {
	return { method, path: '/', query: '', headers: { 'content-type': 'application/json', ...headers }, body: Buffer.alloc(0) };
}

function errorOf(action: () => unknown): { code?: string; message?: string } {
	try {
		action();
		return {};
	} catch (error) {
		return error as { code: string; message: string };
	}
}

describe('gateway checks', () => {
	it('accepts POST application/json (with a charset) and refuses anything else', () => {
		expect(() => checkProtocol(request({ 'content-type': 'application/json; charset=utf-8' }))).not.toThrow();
		expect(errorOf(() => checkProtocol(request({}, 'GET'))).code).toBe('UnsupportedProtocol');
		expect(errorOf(() => checkProtocol(request({ 'content-type': 'text/plain' }))).code).toBe('UnsupportedProtocol');
	});

	it('names the signed service when it is not ocr', () => {
		const authorization = `TC3-HMAC-SHA256 Credential=AKID1/2024-01-01/127/tc3_request, SignedHeaders=content-type;host, Signature=${SIGNATURE}`;
		const error = errorOf(() => parseAuthorizationHeader(request({ authorization }), 'ocr'));
		expect(error.code).toBe('AuthFailure.InvalidAuthorization');
		expect(error.message).toMatch(/signed for service `127`.*must be `ocr`/);
	});

	it('requires content-type and host among the signed headers', () => {
		const authorization = `TC3-HMAC-SHA256 Credential=AKID1/2024-01-01/ocr/tc3_request, SignedHeaders=content-type, Signature=${SIGNATURE}`;
		expect(errorOf(() => parseAuthorizationHeader(request({ authorization }), 'ocr')).message).toMatch(/include host/);
	});

	it('allows 300 s of clock skew either way and no more', () => {
		expect(() => checkTimestampWindow(1000 + 300, 1000, 300)).not.toThrow();
		expect(() => checkTimestampWindow(1000 - 300, 1000, 300)).not.toThrow();
		expect(errorOf(() => checkTimestampWindow(1000 - 301, 1000, 300)).code).toBe('AuthFailure.SignatureExpire');
	});

	it('requires the session token of a temporary key, and no token with a permanent one', () => {
		const temporary = { secretId: 'AKID1', secretKey: 'k', sessionToken: 'token-1' };
		expect(() => checkSessionToken(request({ 'x-tc-token': 'token-1' }), temporary)).not.toThrow();
		expect(errorOf(() => checkSessionToken(request({}), temporary)).code).toBe('AuthFailure.TokenFailure');
		expect(errorOf(() => checkSessionToken(request({ 'x-tc-token': 't' }), { secretId: 'A', secretKey: 'k' })).code).toBe(
			'AuthFailure.TokenFailure',
		);
	});

	it('serves the documented regions only', () => {
		expect(checkRegion(request({ 'x-tc-region': 'ap-guangzhou' }))).toBe('ap-guangzhou');
		expect(errorOf(() => checkRegion(request({ 'x-tc-region': 'ap-singapore' }))).code).toBe('UnsupportedRegion');
		expect(errorOf(() => checkRegion(request({}))).code).toBe('MissingParameter');
	});
});

describe('VatInvoiceOCR parameters', () => {
	it('reads the documented parameters', () => {
		expect(readVatInvoiceParams({ ImageUrl: 'http://127.0.0.1/a.pdf', IsPdf: true, PdfPageNumber: 2 })).toEqual({
			imageBase64: undefined,
			imageUrl: 'http://127.0.0.1/a.pdf',
			isPdf: true,
			pdfPageNumber: 2,
		});
	});

	it.each([
		['an unknown name', { ImageBase64: 'AAAA', Foo: 1 }, 'UnknownParameter'],
		['no image at all', { IsPdf: true }, 'InvalidParameter'],
		['a wrongly typed IsPdf', { ImageBase64: 'AAAA', IsPdf: 'yes' }, 'InvalidParameter'],
		['page 0', { ImageBase64: 'AAAA', PdfPageNumber: 0 }, 'InvalidParameterValue'],
		['page 1.5', { ImageBase64: 'AAAA', PdfPageNumber: 1.5 }, 'InvalidParameterValue'],
	])('refuses %s', (_case, params, code) => {
		expect(errorOf(() => readVatInvoiceParams(params)).code).toBe(code);
	});

	it('refuses a body that is not a JSON object', () => {
		expect(errorOf(() => parseJsonBody(Buffer.from('[1]'))).code).toBe('InvalidParameter');
		expect(errorOf(() => parseJsonBody(Buffer.from('{'))).code).toBe('InvalidParameter');
	});

	// Bodies over 64 KiB have their file value cut out before JSON.parse; the result must not tell.
	const base64 = Buffer.alloc(100_000, 0xfb).toString('base64');
	it.each([
		['a large image', `{"ImageBase64":"${base64}","IsPdf":true,"PdfPageNumber":2}`],
		['a large OFD, its key last', `{"OfdPageNumber":1,"OfdFileBase64":"${base64}"}`],
		['the key twice (the last wins)', `{"ImageBase64":"AAAA","ImageBase64":"${base64}"}`],
		['an escape in the value', `{"ImageBase64":"${base64}\\u0041"}`],
		['the key inside another value', `{"Note":"\\"ImageBase64\\":\\"","ImageBase64":"${base64}"}`],
		['non-ASCII around the file', `{"Note":"发票","ImageBase64":"${base64}"}`],
	])('reads %s as JSON.parse does', (_label, json) => {
		expect(parseJsonBody(Buffer.from(json))).toEqual(JSON.parse(json));
	});

	it('refuses a large body that is not JSON once the file value is cut out', () => {
		expect(errorOf(() => parseJsonBody(Buffer.from(`{"ImageBase64":"${base64}",}`))).code).toBe('InvalidParameter');
		expect(errorOf(() => parseJsonBody(Buffer.from(`["ImageBase64":"${base64}"]`))).code).toBe('InvalidParameter');
	});

	it('summarises without the image payload', () => {
		expect(summarizeParams({ ImageBase64: 'AAAABBBB', IsPdf: false })).toEqual({ ImageBase64: '<8 base64 chars>', IsPdf: false });
	});
});

describe('faults', () => {
	it('answers InternalError on every Nth recognition and drops every Nth connection', () => {
		const faults = new FaultInjector({ internalErrorEvery: 3, dropConnectionEvery: 2 });
		expect([1, 2, 3, 4, 5, 6].map(() => faults.recognitionFault()?.code)).toEqual([
			undefined,
			undefined,
			'InternalError',
			undefined,
			undefined,
			'InternalError',
		]);
		expect([1, 2, 3, 4].map(() => faults.shouldDropConnection())).toEqual([false, true, false, true]);
	});

	it('slows and cuts off every Nth request', () => {
		const faults = new FaultInjector({ latencyMs: 5, slowEvery: 3, slowLatencyMs: 900, truncateAnswerEvery: 2 });
		const perRequest = [1, 2, 3, 4, 5, 6].map(() => {
			faults.shouldDropConnection();
			return [faults.latencyMs, faults.truncatesAnswer];
		});
		expect(perRequest).toEqual([
			[5, false],
			[5, true],
			[900, false],
			[5, true],
			[5, false],
			[900, true],
		]);
	});

	it('answers failNext count times, then recognises again', () => {
		const faults = new FaultInjector({ failNext: { code: 'FailedOperation.ImageBlur', message: 'blurred', count: 2 } });
		expect([1, 2, 3].map(() => faults.recognitionFault()?.code)).toEqual([
			'FailedOperation.ImageBlur',
			'FailedOperation.ImageBlur',
			undefined,
		]);
	});

	it('puts values into a copy of a successful answer, creating what is missing on the way', () => {
		const answer = { VatInvoiceInfos: [{ Name: '发票代码', Value: '1' }, { Name: '发票号码', Value: '2' }], Items: [] };
		const faults = new FaultInjector({
			reshapeAnswer: [
				{ path: 'VatInvoiceInfos.1', value: null },
				{ path: 'VatInvoiceInfos.0.Name', value: 42 },
				{ path: 'Items.0.Name', value: ['a'] },
			],
		});
		expect(faults.reshape(answer)).toEqual({
			VatInvoiceInfos: [{ Name: 42, Value: '1' }, null],
			Items: [{ Name: ['a'] }],
		});
		expect(answer.VatInvoiceInfos[1]).toEqual({ Name: '发票号码', Value: '2' });
		expect(new FaultInjector().reshape(answer)).toBe(answer);
	});

	it('validates a posted faults document', () => {
		expect(faultsProblem({ reshapeAnswer: [{ path: 'Items.0', value: null }] })).toBeUndefined();
		expect(faultsProblem({ reshapeAnswer: { path: 'Items' } })).toMatch(/reshapeAnswer/);
		expect(faultsProblem({ latencyMs: 10, failNext: { code: 'InternalError' } })).toBeUndefined();
		expect(faultsProblem({ latency: 10 })).toMatch(/unknown fault/);
		expect(faultsProblem({ latencyMs: -1 })).toMatch(/latencyMs/);
		expect(faultsProblem({ failNext: {} })).toMatch(/failNext.code/);
		expect(faultsProblem([])).toMatch(/JSON object/);
		expect(faultsProblem({ failPages: { pages: [2], code: 'FailedOperation.ImageNoText' }, claimPdfPageCount: 1000, pageLatencyMs: { 2: 0, 3: 500 } })).toBeUndefined();
		expect(faultsProblem({ failPages: { pages: ['2'], code: 'X' } })).toMatch(/failPages/);
		expect(faultsProblem({ failPages: { pages: [2] } })).toMatch(/failPages/);
		expect(faultsProblem({ pageLatencyMs: { 2: -5 } })).toMatch(/pageLatencyMs/);
		expect(faultsProblem({ claimPdfPageCount: -1 })).toMatch(/claimPdfPageCount/);
	});
});
