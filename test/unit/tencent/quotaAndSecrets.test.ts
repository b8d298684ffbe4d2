/**
 * Pure pieces of issue 18's call side: one pace key per account whatever way its Endpoint is spelled,
 * URL-like settings quoted without user info, and the credential's Proxy checked without being quoted.
 */
import { SettingsError, withoutUserInfo } from '../../../nodes/TencentInvoiceOcr/errors';
import { paceKeyOf } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/accountPace';
import { readProxySetting } from '../../../nodes/TencentInvoiceOcr/tencent/transport/client';
import { resolveOcrEndpoint } from '../../../nodes/TencentInvoiceOcr/tencent/transport/endpoint';

/** The pace key the router builds: from the Endpoint as it is sent. */
const paceKeyFor = (endpointSetting: string | undefined) =>
	paceKeyOf({ secretId: 'AKIDexample', region: 'ap-guangzhou', action: 'VatInvoiceOCR', endpoint: resolveOcrEndpoint(endpointSetting).origin });

describe('the pace key: the Endpoint as sent (scheme, host, port)', () => {
	it.each([undefined, '', 'ocr.tencentcloudapi.com', 'https://ocr.tencentcloudapi.com', 'https://ocr.tencentcloudapi.com/', 'https://ocr.tencentcloudapi.com:443', 'HTTPS://OCR.TencentCloudAPI.com', ' ocr.tencentcloudapi.com '])(
		'%j is the default quota',
		(endpointSetting) => {
			expect(paceKeyFor(endpointSetting)).toBe(paceKeyFor(undefined));
		},
	);

	it.each(['http://ocr.tencentcloudapi.com', 'https://ocr.tencentcloudapi.com:8443', 'ocr.ap-shanghai.tencentcloudapi.com'])('%j is another address', (endpointSetting) => {
		expect(paceKeyFor(endpointSetting)).not.toBe(paceKeyFor(undefined));
	});

	it('the emulator typed with or without its trailing slash or in capitals is one quota', () => {
		expect(new Set(['http://127.0.0.1:9000', 'http://127.0.0.1:9000/', 'HTTP://127.0.0.1:9000'].map(paceKeyFor)).size).toBe(1);
	});
});

describe('withoutUserInfo', () => {
	it.each([
		['http://admin:pw@gw:99999', 'http://***@gw:99999'],
		['ftp://admin:S3cretPw@gw/path?q=a@b', 'ftp://***@gw/path?q=a@b'],
		['https://user@host', 'https://***@host'],
		['admin:pw@proxy:8080', '***@proxy:8080'],
		['http://a:b@c@host', 'http://***@host'],
		['https://ocr.tencentcloudapi.com', 'https://ocr.tencentcloudapi.com'],
		['http://host/path@x', 'http://host/path@x'],
		['', ''],
	])('%j → %j', (text, quoted) => {
		expect(withoutUserInfo(text)).toBe(quoted);
	});

	it('is linear: a long hostile value takes no time', () => {
		const hostile = `${'a:'.repeat(200_000)}@${'@'.repeat(200_000)}`;
		expect(withoutUserInfo(hostile)).toBe('***@');
	});
});

describe('readProxySetting', () => {
	it.each([
		['http://proxy.example.com:8080', 'http://proxy.example.com:8080/'],
		['https://user:pa%40ss@proxy:3128', 'https://user:pa%40ss@proxy:3128/'],
	])('takes %j', (setting, href) => {
		expect(readProxySetting(setting)?.url.href).toBe(href);
	});

	it('takes no proxy from an empty setting', () => {
		expect(readProxySetting(undefined)).toBeUndefined();
	});

	it.each(['socks5://user:S3cretPw@proxy:1080', 'user:S3cretPw@proxy:99999', 'http://user:S3cretPw@', 'not a url S3cretPw'])('refuses %j without quoting its password', (setting) => {
		expect(() => readProxySetting(setting)).toThrow(SettingsError);
		expect(() => readProxySetting(setting)).toThrow(/^The credential's Proxy is not an http\(s\) URL$/);
		expect(() => readProxySetting(setting)).not.toThrow(/S3cretPw/);
	});
});
