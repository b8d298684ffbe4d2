import {
	CallFailure,
	explainFailure,
	isCredentialProblem,
	scrubSecrets,
	toTencentFailure,
	networkFailureSource,
} from '../../../nodes/TencentInvoiceOcr/tencent/failures/failures';

describe('explainFailure', () => {
	it.each([
		['AuthFailure.SecretIdNotFound', 'Tencent Cloud does not know this Secret ID', /check the Secret ID/i],
		['AuthFailure.SignatureFailure', 'The signature does not match: the Secret Key is wrong for this Secret ID', /Secret Key/],
		['AuthFailure.SignatureExpire', "The request's timestamp is more than 5 minutes away from Tencent Cloud's clock", /NTP/],
		['AuthFailure.TokenFailure', 'The Session Token is invalid or has expired', /STS/],
		['AuthFailure.UnauthorizedOperation', 'This key is not allowed to call this OCR action', /ocr:VatInvoiceOCR.*ocr:VatInvoiceVerifyNew/],
		['FailedOperation.UnOpenError', 'The OCR service is not activated for this Tencent Cloud account', /console\.cloud\.tencent\.com\/ocr/],
		['FailedOperation.DownLoadError', 'Tencent Cloud could not download the file from the URL', /3 seconds/],
		['FailedOperation.ImageDecodeFailed', 'Tencent Cloud could not decode the file', /GIF is not supported/],
		['InvalidParameter.EngineImageDecodeFailed', 'Tencent Cloud could not decode the file', /GIF is not supported/],
		['FailedOperation.ImageSizeTooLarge', 'The file is larger than Tencent Cloud accepts', /10 MB/],
		['FailedOperation.ImageNoText', 'No text was found on the image', /right page/],
		['FailedOperation.ImageBlur', 'The image is too blurred to read', /sharper/],
		['InternalError', 'Tencent Cloud had an internal error', /Try again/],
		['ResourceUnavailable.InArrears', 'The Tencent Cloud account is in arrears', /Top up/],
	])('%s', (code, message, hint) => {
		const explained = explainFailure({ source: 'tencent', code, message: 'original text' });
		expect(explained.message).toBe(message);
		expect(explained.hint).toMatch(hint);
	});

	it.each<[string, number, string, RegExp]>([
		['VatInvoiceOCR', 10, "Too many requests: the account's rate limit for VatInvoiceOCR was reached", /VatInvoiceOCR allows 10 requests per second/],
		['VatInvoiceVerifyNew', 20, "Too many requests: the account's rate limit for VatInvoiceVerifyNew was reached", /VatInvoiceVerifyNew allows 20 requests per second/],
	])('RequestLimitExceeded names the action called, %s, and its own quota', (action, quotaPerSecond, message, hint) => {
		const explained = explainFailure({ source: 'tencent', code: 'RequestLimitExceeded', message: 'original text', action, quotaPerSecond });
		expect(explained.message).toBe(message);
		expect(explained.hint).toMatch(hint);
	});

	it.each(['VatInvoiceOCR', 'VatInvoiceVerifyNew'])('UnsupportedRegion names the action called, %s', (action) => {
		const explained = explainFailure({ source: 'tencent', code: 'UnsupportedRegion', message: 'original text', action });
		expect(explained.message).toBe(`${action} is not offered in the region set in the credential`);
		expect(explained.hint).toMatch(/ap-beijing, ap-guangzhou, ap-hongkong, ap-shanghai or na-toronto/);
	});

	it('keeps an unknown code and its message', () => {
		expect(explainFailure({ source: 'tencent', code: 'FailedOperation.Brand-New', message: 'Something new' }).message).toBe(
			'Tencent Cloud answered FailedOperation.Brand-New: Something new',
		);
	});

	it.each([
		['unreached', 'Could not reach Tencent Cloud at http://127.0.0.1:9', /^The connection failed before the request was sent \(connect ECONNREFUSED 127\.0\.0\.1:9\), so nothing was billed\./],
		['noAnswer', 'No answer from Tencent Cloud at http://127.0.0.1:9', /may have billed it/],
		['gateway', 'HTTP 403 from a proxy or gateway at http://127.0.0.1:9, not from Tencent Cloud', /answers every API call with HTTP 200/],
		['notTencent', "The answer at http://127.0.0.1:9 is not Tencent Cloud's", /Expected Tencent Cloud API 3\.0 JSON, got connect/],
		['tooLarge', 'The answer at http://127.0.0.1:9 is too large', /a few kilobytes/],
		['local', 'The node failed with an unexpected error: a bug in the node', /^connect ECONNREFUSED 127\.0\.0\.1:9\. Please report it/],
		['cancelled', 'The execution was stopped', /no new call/],
	] as const)('explains a %s failure by its source, naming the endpoint', (source, message, hint) => {
		const explained = explainFailure({
			source,
			message: 'connect ECONNREFUSED 127.0.0.1:9',
			httpStatus: 403,
			endpoint: 'http://127.0.0.1:9',
		});
		expect(explained.message).toBe(message);
		expect(explained.hint).toMatch(hint);
	});
});

describe('networkFailureSource', () => {
	/** A host name made of the words a classifier that searched the message would have found. */
	const HOSTILE = 'ocr-gw.certificate.self-signed.econnrefused.enotfound.test';
	const URL_SENT = `http://${HOSTILE}:9000/#ocr/`;
	const failed = (reason: string, url = URL_SENT) => `request to ${url} failed, reason: ${reason}`;

	it.each([
		// Never written: Node failed to connect, resolve, or verify the certificate.
		['connect ECONNREFUSED 127.0.0.1:9000', 'unreached'],
		['connect ECONNREFUSED ::1:9000', 'unreached'],
		['connect ETIMEDOUT 10.0.0.1:443', 'unreached'],
		['connect EHOSTUNREACH 10.0.0.1:443', 'unreached'],
		['connect ENETUNREACH 2001:db8::1:443', 'unreached'],
		[`getaddrinfo ENOTFOUND ${HOSTILE}`, 'unreached'],
		[`getaddrinfo EAI_AGAIN ${HOSTILE}`, 'unreached'],
		['self-signed certificate', 'unreached'],
		['self signed certificate in certificate chain', 'unreached'],
		['unable to verify the first certificate', 'unreached'],
		['unable to get local issuer certificate', 'unreached'],
		['certificate has expired', 'unreached'],
		[`Hostname/IP does not match certificate's altnames: Host: ${HOSTILE}. is not in the cert's altnames: DNS:ocr.tencentcloudapi.com`, 'unreached'],
		// Written, or not known: may have been sent.
		['socket hang up', 'noAnswer'],
		['read ECONNRESET', 'noAnswer'],
		['write EPIPE', 'noAnswer'],
		['', 'noAnswer'],
		['Proxy connection ended before receiving CONNECT response', 'noAnswer'],
		// A token anywhere but at the reason's start, or more after an address, is not the grammar's.
		[`socket hang up (connect ECONNREFUSED 127.0.0.1:9000)`, 'noAnswer'],
		['read ECONNRESET self-signed certificate', 'noAnswer'],
		['connect ECONNREFUSED 127.0.0.1:9000 certificate', 'noAnswer'],
		[`connect ECONNRESET ${HOSTILE}`, 'noAnswer'],
		[`getaddrinfo ENOTFOUND ${HOSTILE} socket hang up`, 'noAnswer'],
		['certificate has expired, or socket hang up', 'noAnswer'],
		[' connect ECONNREFUSED 127.0.0.1:9000', 'noAnswer'],
	] as const)('reason %j → %s', (reason, source) => {
		expect(networkFailureSource(failed(reason), URL_SENT)).toBe(source);
	});

	it.each([
		['a timeout', `network timeout at: ${URL_SENT}`],
		['another URL than the one sent', failed('connect ECONNREFUSED 127.0.0.1:9000', 'http://127.0.0.1:9000/#ocr/')],
		['the URL with more after it', failed('connect ECONNREFUSED 127.0.0.1:9000', `${URL_SENT}x`)],
		['the prefix somewhere inside', `x ${failed('connect ECONNREFUSED 127.0.0.1:9000')}`],
		['no prefix at all', 'connect ECONNREFUSED 127.0.0.1:9000'],
	])('%s → noAnswer (may have been sent)', (_case, message) => {
		expect(networkFailureSource(message, URL_SENT)).toBe('noAnswer');
	});

	it('cannot be led by a URL that itself spells a never-sent reason', () => {
		const trapUrl = 'http://x.test/#ocr/, reason: connect ECONNREFUSED 1.2.3.4:1/';
		expect(networkFailureSource(failed('socket hang up', trapUrl), trapUrl)).toBe('noAnswer');
		expect(networkFailureSource(failed('socket hang up', trapUrl), 'http://x.test/#ocr/')).toBe('noAnswer');
	});

	it('is linear: a long hostile reason takes no time', () => {
		const hostile = failed(`getaddrinfo ENOTFOUND ${'a.'.repeat(500_000)} ${'b'.repeat(500_000)}`);
		expect(networkFailureSource(hostile, URL_SENT)).toBe('noAnswer');
	});
});

describe('isCredentialProblem', () => {
	it.each([
		['AuthFailure.SignatureFailure', true],
		['AuthFailure.SecretIdNotFound', true],
		['UnauthorizedOperation.Denied', true],
		['UnsupportedRegion', true],
		['FailedOperation.UnOpenError', true],
		['ResourceUnavailable.InArrears', true],
		['MissingParameter', false],
		['InvalidParameter', false],
		['FailedOperation.ImageDecodeFailed', false],
		['RequestLimitExceeded', false],
		[undefined, false],
	])('%s → %s', (code, expected) => {
		expect(isCredentialProblem(code)).toBe(expected);
	});
});

describe('toTencentFailure', () => {
	it('reads the SDK exception fields', () => {
		const sdkError = Object.assign(new Error('The SecretId is not found'), {
			code: 'AuthFailure.SecretIdNotFound',
			requestId: 'req-1',
			traceId: 'trace-1',
		});
		expect(toTencentFailure(sdkError)).toEqual({
			source: 'tencent',
			code: 'AuthFailure.SecretIdNotFound',
			message: 'The SecretId is not found',
			requestId: 'req-1',
			endpoint: undefined,
		});
	});

	it('takes a network failure wrapped by the SDK (no code, a traceId) for one that may have been sent, whatever its words', () => {
		const wrapped = (message: string) => Object.assign(new Error(message), { requestId: '', traceId: 'trace-1' });
		expect(toTencentFailure(wrapped('request to x failed, reason: connect ECONNREFUSED 1.2.3.4:443')).source).toBe('noAnswer');
		expect(toTencentFailure(wrapped('request to x failed, reason: socket hang up')).source).toBe('noAnswer');
	});

	it("keeps the node's own failures as they are", () => {
		const failure = new CallFailure({ source: 'gateway', message: 'HTTP 403 Forbidden', httpStatus: 403, endpoint: 'http://gw' });
		expect(toTencentFailure(failure)).toEqual({
			source: 'gateway',
			message: 'HTTP 403 Forbidden',
			httpStatus: 403,
			endpoint: 'http://gw',
			code: undefined,
			requestId: undefined,
		});
	});

	it('takes anything else for a bug in the node, never a network failure', () => {
		expect(toTencentFailure(new TypeError("Cannot read properties of null (reading 'Name')"))).toMatchObject({
			source: 'local',
			message: "TypeError: Cannot read properties of null (reading 'Name')",
		});
		expect(toTencentFailure('boom')).toMatchObject({ source: 'local', message: 'Error: boom' });
	});
});

describe('scrubSecrets', () => {
	it.each([
		['token tok\u200ben is bad', ['tok\u200ben'], 'token *** is bad'],
		['key K1 and K1 again, id AKID1', ['K1', 'AKID1', undefined, ''], 'key *** and *** again, id ***'],
		['nothing to hide', ['secret'], 'nothing to hide'],
	])('%j', (text, secrets, scrubbed) => {
		expect(scrubSecrets(text, secrets)).toBe(scrubbed);
	});
});
