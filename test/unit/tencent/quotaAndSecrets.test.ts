/**
 * Pure pieces of issue 18's call side: one pace key per account whatever way its Endpoint is spelled,
 * URL-like settings quoted without user info, and the credential's Proxy checked without being quoted and built for the SDK from its three fields.
 */
import { SettingsError, withoutUserInfo } from '../../../nodes/TencentInvoiceOcr/errors';
import { paceKeyOf } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/accountPace';
import { proxyUrlForSdk, sdkRouteOf, type ProxySettings } from '../../../nodes/TencentInvoiceOcr/tencent/transport/proxy';
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

describe('proxyUrlForSdk', () => {
	it.each<[ProxySettings, string | undefined]>([
		[{}, undefined],
		[{ proxyUrl: 'http://proxy.example.com:8080' }, 'http://proxy.example.com:8080'],
		[{ proxyUrl: 'https://proxy:3128/' }, 'https://proxy:3128'],
		[{ proxyUrl: 'http://proxy:3128', proxyUsername: 'admin', proxyPassword: 'S3cretPw' }, 'http://admin:S3cretPw@proxy:3128'],
		// Percent-encoded as the SDK's agent decodes them: "%", "@", "/" and ":" in a password stay the password's.
		[{ proxyUrl: 'http://proxy:3128', proxyUsername: 'a@b', proxyPassword: 'p%41:/@ w' }, 'http://a%40b:p%2541%3A%2F%40%20w@proxy:3128'],
		[{ proxyUrl: 'http://proxy:3128', proxyPassword: 'only' }, 'http://:only@proxy:3128'],
	])('%j → %s', (settings, sdkUrl) => {
		expect(proxyUrlForSdk(settings)).toBe(sdkUrl);
	});

	it('gives the SDK its own proxy when Proxy is set, else a function agent that leaves each request to Node\'s global agent', () => {
		expect(sdkRouteOf({ proxyUrl: 'http://proxy:3128' })).toEqual({ proxy: 'http://proxy:3128' });
		const route = sdkRouteOf({});
		expect('agent' in route && typeof route.agent).toBe('function');
		expect('agent' in route && route.agent()).toBeUndefined();
	});

	it.each<[ProxySettings, RegExp]>([
		[{ proxyUrl: 'socks5://proxy:1080' }, /^The credential's Proxy is not an http\(s\) URL$/],
		[{ proxyUrl: 'user:S3cretPw@proxy:99999' }, /^The credential's Proxy is not an http\(s\) URL$/],
		[{ proxyUrl: 'not a url S3cretPw' }, /^The credential's Proxy is not an http\(s\) URL$/],
		[{ proxyUrl: 'http://admin:S3cretPw@proxy:3128' }, /^The credential's Proxy has a user name or password in it$/],
		[{ proxyUrl: 'http://S3cretPw@proxy:3128' }, /^The credential's Proxy has a user name or password in it$/],
		[{ proxyUsername: 'admin', proxyPassword: 'S3cretPw' }, /^The credential has a Proxy Username or Proxy Password but no Proxy$/],
		[{ proxyUrl: 'http://proxy:3128', proxyUsername: 'ad:S3cretPw' }, /^The credential's Proxy Username contains a colon$/],
	])('refuses %j without quoting it, naming the fields to use', (settings, message) => {
		let error: unknown;
		try {
			proxyUrlForSdk(settings);
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(SettingsError);
		const { message: text, hint } = error as SettingsError;
		expect(text).toMatch(message);
		expect(`${text} ${hint}`).not.toMatch(/S3cretPw|admin/);
		expect(hint).toMatch(/Proxy Username/);
	});
});
