import {
	explainFailure,
	isCredentialProblem,
	toTencentFailure,
} from '../../../nodes/TencentInvoiceOcr/tencent/failures';

describe('explainFailure', () => {
	it.each([
		['AuthFailure.SecretIdNotFound', 'Tencent Cloud does not know this Secret ID', /check the Secret ID/i],
		['AuthFailure.SignatureFailure', 'The signature does not match: the Secret Key is wrong for this Secret ID', /Secret Key/],
		['AuthFailure.SignatureExpire', "The request's timestamp is more than 5 minutes away from Tencent Cloud's clock", /NTP/],
		['AuthFailure.TokenFailure', 'The Session Token is invalid or has expired', /STS/],
		['AuthFailure.UnauthorizedOperation', 'This key is not allowed to call this OCR action', /ocr:VatInvoiceOCR.*ocr:VatInvoiceVerifyNew/],
		['UnsupportedRegion', 'VatInvoiceOCR is not offered in the region set in the credential', /ap-beijing, ap-guangzhou, ap-hongkong, ap-shanghai or na-toronto/],
		['RequestLimitExceeded', "Too many requests: the account's rate limit for VatInvoiceOCR was reached", /Lower the request rate/],
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
		const explained = explainFailure({ code, message: 'original text' });
		expect(explained.message).toBe(message);
		expect(explained.hint).toMatch(hint);
	});

	it('keeps an unknown code and its message', () => {
		expect(explainFailure({ code: 'FailedOperation.Brand-New', message: 'Something new' }).message).toBe(
			'Tencent Cloud answered FailedOperation.Brand-New: Something new',
		);
	});

	it('treats a failure without a code as a network failure', () => {
		const explained = explainFailure({ message: 'connect ECONNREFUSED 127.0.0.1:9' });
		expect(explained.message).toBe('Could not reach Tencent Cloud');
		expect(explained.hint).toBe(
			"The connection failed (connect ECONNREFUSED 127.0.0.1:9). Check the network between n8n and Tencent Cloud, and the credential's Endpoint and Proxy settings.",
		);
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
			code: 'AuthFailure.SecretIdNotFound',
			message: 'The SecretId is not found',
			requestId: 'req-1',
		});
	});

	it('leaves out empty fields, as the SDK sets them for network errors', () => {
		const networkError = Object.assign(new Error('network timeout'), { code: '', requestId: '' });
		expect(toTencentFailure(networkError)).toEqual({ code: undefined, message: 'network timeout', requestId: undefined });
	});

	it('copes with a thrown string', () => {
		expect(toTencentFailure('boom')).toEqual({ code: undefined, message: 'boom', requestId: undefined });
	});
});
