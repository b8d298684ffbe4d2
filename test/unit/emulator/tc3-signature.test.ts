import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';

import {
	canonicalRequest,
	credentialScope,
	deriveSigningKey,
	parseAuthorization,
	sha256Hex,
	signRequest,
	signatureOf,
	stringToSign,
	utcDateOf,
} from '../../emulator/tc3';

/**
 * Tencent's published worked example ("Signature v3" / "签名方法 v3", CVM DescribeInstances),
 * https://www.tencentcloud.com/document/api/213/33224 and https://cloud.tencent.com/document/api/213/30654.
 */
const WORKED_EXAMPLE = {
	secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
	secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
	service: 'cvm',
	timestamp: 1551113065,
	payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
	headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
	hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
	hashedCanonicalRequest: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
	signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
};

const exampleRequest = {
	method: 'POST',
	path: '/',
	query: '',
	headers: WORKED_EXAMPLE.headers,
	signedHeaders: ['content-type', 'host'],
	payload: WORKED_EXAMPLE.payload,
};

describe('TC3-HMAC-SHA256 against Tencent’s worked example', () => {
	it('hashes the payload', () => {
		expect(sha256Hex(WORKED_EXAMPLE.payload)).toBe(WORKED_EXAMPLE.hashedPayload);
	});

	it('builds the canonical request byte for byte', () => {
		expect(canonicalRequest(exampleRequest)).toBe(
			'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
				WORKED_EXAMPLE.hashedPayload,
		);
		expect(sha256Hex(canonicalRequest(exampleRequest))).toBe(WORKED_EXAMPLE.hashedCanonicalRequest);
	});

	it('builds the string to sign with the UTC date, not the local one', () => {
		expect(utcDateOf(WORKED_EXAMPLE.timestamp)).toBe('2019-02-25');
		expect(stringToSign(WORKED_EXAMPLE.timestamp, credentialScope('2019-02-25', 'cvm'), canonicalRequest(exampleRequest))).toBe(
			`TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${WORKED_EXAMPLE.hashedCanonicalRequest}`,
		);
	});

	it('derives the key and signs', () => {
		const key = deriveSigningKey(WORKED_EXAMPLE.secretKey, '2019-02-25', 'cvm');
		const toSign = stringToSign(WORKED_EXAMPLE.timestamp, '2019-02-25/cvm/tc3_request', canonicalRequest(exampleRequest));
		expect(signatureOf(key, toSign)).toBe(WORKED_EXAMPLE.signature);
	});

	it('produces the published Authorization header', () => {
		expect(signRequest({ ...exampleRequest, ...WORKED_EXAMPLE }).authorization).toBe(
			`TC3-HMAC-SHA256 Credential=${WORKED_EXAMPLE.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${WORKED_EXAMPLE.signature}`,
		);
	});

	it('agrees with the official SDK signer, which signs the hostname without the port', () => {
		const payload = { ImageUrl: 'http://127.0.0.1:1/a.png', IsPdf: false };
		const sdkAuthorization = Sign.sign3({
			method: 'POST',
			url: 'http://ocr.tencentcloudapi.com:9000/',
			payload,
			timestamp: 1700000000,
			service: 'ocr',
			secretId: 'AKIDexample',
			secretKey: 'exampleKey',
			multipart: false,
			boundary: '',
			headers: { 'Content-Type': 'application/json' },
		});
		const ours = signRequest({
			method: 'POST',
			path: '/',
			query: '',
			headers: { 'content-type': 'application/json', host: 'ocr.tencentcloudapi.com' },
			signedHeaders: ['content-type', 'host'],
			payload: JSON.stringify(payload),
			secretId: 'AKIDexample',
			secretKey: 'exampleKey',
			service: 'ocr',
			timestamp: 1700000000,
		});
		expect(ours.authorization).toBe(sdkAuthorization);
	});
});

describe('parseAuthorization', () => {
	const valid = `TC3-HMAC-SHA256 Credential=AKIDabc/2019-02-25/ocr/tc3_request, SignedHeaders=content-type;host, Signature=${WORKED_EXAMPLE.signature}`;

	it('splits a TC3 header into its fields', () => {
		expect(parseAuthorization(valid)).toEqual({
			secretId: 'AKIDabc',
			date: '2019-02-25',
			service: 'ocr',
			signedHeaders: ['content-type', 'host'],
			signature: WORKED_EXAMPLE.signature,
		});
	});

	it.each([
		['another algorithm', valid.replace('TC3-HMAC-SHA256', 'HMAC-SHA256')],
		['a scope without tc3_request', valid.replace('tc3_request', 'request')],
		['a short signature', valid.slice(0, -2)],
		['a missing SignedHeaders', valid.replace(' SignedHeaders=content-type;host,', '')],
		['an empty string', ''],
	])('rejects %s', (_case, header) => {
		expect(parseAuthorization(header)).toBeUndefined();
	});
});
