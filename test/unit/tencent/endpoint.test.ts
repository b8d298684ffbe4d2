import { SettingsError } from '../../../nodes/TencentInvoiceOcr/errors';
import { resolveOcrEndpoint } from '../../../nodes/TencentInvoiceOcr/tencent/endpoint';

describe('resolveOcrEndpoint', () => {
	it.each([
		[undefined, { host: 'ocr.tencentcloudapi.com', protocol: 'https://' }],
		['', { host: 'ocr.tencentcloudapi.com', protocol: 'https://' }],
		['ocr.tencentcloudapi.com', { host: 'ocr.tencentcloudapi.com', protocol: 'https://' }],
		['ocr.ap-shanghai.tencentcloudapi.com', { host: 'ocr.ap-shanghai.tencentcloudapi.com', protocol: 'https://' }],
		['https://ocr.ap-shanghai.tencentcloudapi.com', { host: 'ocr.ap-shanghai.tencentcloudapi.com', protocol: 'https://' }],
		['https://ocr.ap-shanghai.tencentcloudapi.com/', { host: 'ocr.ap-shanghai.tencentcloudapi.com', protocol: 'https://' }],
		['http://ocr.internal:8080', { host: 'ocr.internal:8080', protocol: 'http://' }],
		// Addresses and other names keep the signed host "ocr.…" and only route the connection.
		['http://127.0.0.1:9000', { host: 'ocr.tencentcloudapi.com:9000', protocol: 'http://', connectTo: '127.0.0.1' }],
		['127.0.0.1:9000', { host: 'ocr.tencentcloudapi.com:9000', protocol: 'https://', connectTo: '127.0.0.1' }],
		['http://localhost:9000', { host: 'ocr.tencentcloudapi.com:9000', protocol: 'http://', connectTo: 'localhost' }],
		['http://[::1]:9000', { host: 'ocr.tencentcloudapi.com:9000', protocol: 'http://', connectTo: '::1' }],
		['https://tencent-gateway.corp.example', { host: 'ocr.tencentcloudapi.com', protocol: 'https://', connectTo: 'tencent-gateway.corp.example' }],
	])('%j', (endpointSetting, expected) => {
		expect(resolveOcrEndpoint(endpointSetting)).toEqual(expected);
	});

	it.each([
		['ftp://ocr.tencentcloudapi.com', /is not a host name or an http\(s\) URL/],
		['http://', /is not a host name or an http\(s\) URL/],
		['https://ocr.tencentcloudapi.com/v3', /has a path or query/],
		['https://ocr.tencentcloudapi.com/?a=1', /has a path or query/],
	])('refuses %j', (endpointSetting, message) => {
		expect(() => resolveOcrEndpoint(endpointSetting)).toThrow(SettingsError);
		expect(() => resolveOcrEndpoint(endpointSetting)).toThrow(message);
	});
});
