import { SettingsError } from '../../../nodes/TencentInvoiceOcr/errors';
import { resolveOcrEndpoint, sdkUrlOf } from '../../../nodes/TencentInvoiceOcr/tencent/transport/endpoint';

describe('resolveOcrEndpoint', () => {
	const direct = (origin: string, host: string, protocol: string) => ({ origin, sdkEndpoint: host, sdkProtocol: protocol });
	// Other addresses put the origin in the protocol and sign for "ocr"; the fragment "#ocr/" is never sent.
	const routed = (origin: string) => ({ origin, sdkEndpoint: 'ocr', sdkProtocol: `${origin}/#` });

	it.each([
		[undefined, direct('https://ocr.tencentcloudapi.com', 'ocr.tencentcloudapi.com', 'https://')],
		['', direct('https://ocr.tencentcloudapi.com', 'ocr.tencentcloudapi.com', 'https://')],
		['ocr.tencentcloudapi.com', direct('https://ocr.tencentcloudapi.com', 'ocr.tencentcloudapi.com', 'https://')],
		['https://ocr.ap-shanghai.tencentcloudapi.com', direct('https://ocr.ap-shanghai.tencentcloudapi.com', 'ocr.ap-shanghai.tencentcloudapi.com', 'https://')],
		['https://ocr.ap-shanghai.tencentcloudapi.com/', direct('https://ocr.ap-shanghai.tencentcloudapi.com', 'ocr.ap-shanghai.tencentcloudapi.com', 'https://')],
		['ocr.internal.tencentcloudapi.com', direct('https://ocr.internal.tencentcloudapi.com', 'ocr.internal.tencentcloudapi.com', 'https://')],
		['http://ocr.internal:8080', direct('http://ocr.internal:8080', 'ocr.internal:8080', 'http://')],
		['http://127.0.0.1:9000', routed('http://127.0.0.1:9000')],
		['127.0.0.1:9000', routed('https://127.0.0.1:9000')],
		['http://localhost:9000', routed('http://localhost:9000')],
		['http://[::1]:9000', routed('http://[::1]:9000')],
		['https://tencent-gateway.corp.example', routed('https://tencent-gateway.corp.example')],
	])('%j', (endpointSetting, expected) => {
		expect(resolveOcrEndpoint(endpointSetting)).toEqual(expected);
	});

	it.each([
		['http://127.0.0.1:9999', 'http://127.0.0.1:9999/#ocr/'],
		['ocr.tencentcloudapi.com', 'https://ocr.tencentcloudapi.com/'],
	])('the SDK requests %s as %s', (endpointSetting, sdkUrl) => {
		expect(sdkUrlOf(resolveOcrEndpoint(endpointSetting))).toBe(sdkUrl);
		// A URL never sends its fragment: the request line is "POST /", the host the one typed.
		expect(new URL(sdkUrl).pathname).toBe('/');
		expect(new URL(sdkUrl).host).toBe(new URL(resolveOcrEndpoint(endpointSetting).origin).host);
	});

	it.each([
		['ftp://ocr.tencentcloudapi.com', /is not a host name or an http\(s\) URL/],
		['http://', /is not a host name or an http\(s\) URL/],
		['https://ocr.tencentcloudapi.com/v3', /has a path or query/],
		['https://ocr.tencentcloudapi.com/?a=1', /has a path or query/],
		['https://ocr.tencentcloudapi.com/#a', /has a path or query/],
		['https://user:hunter2@gw.example', /^The credential's Endpoint has a user name or password in it$/],
	])('refuses %j', (endpointSetting, message) => {
		expect(() => resolveOcrEndpoint(endpointSetting)).toThrow(SettingsError);
		expect(() => resolveOcrEndpoint(endpointSetting)).toThrow(message);
	});
});
