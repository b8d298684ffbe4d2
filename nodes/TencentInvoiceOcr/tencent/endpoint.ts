import { isIP } from 'node:net';

import { SettingsError } from '../errors';

export const DEFAULT_OCR_HOST = 'ocr.tencentcloudapi.com';
const SIGNED_SERVICE = 'ocr';

/** How the SDK should reach Tencent Cloud OCR, derived from the credential's Endpoint. */
export interface OcrEndpoint {
	/** Host (and port) the SDK puts in its URL; its first label is the service it signs for. */
	host: string;
	protocol: 'https://' | 'http://';
	/** Where to open the connection instead of resolving `host`: an address or a gateway's name. */
	connectTo?: string;
}

/**
 * The SDK signs for the service named by the first label of its endpoint, so `127.0.0.1:9000`
 * would sign for service "127". Any endpoint that is not an `ocr.` host therefore keeps
 * `ocr.tencentcloudapi.com` in the URL and only routes the connection to the given address.
 */
export function resolveOcrEndpoint(endpointSetting: string | undefined): OcrEndpoint {
	const setting = (endpointSetting ?? '').trim();
	if (setting === '') return { host: DEFAULT_OCR_HOST, protocol: 'https://' };

	const url = parseEndpointUrl(setting);
	const protocol = url.protocol === 'http:' ? 'http://' : 'https://';
	const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
	const port = url.port === '' ? '' : `:${url.port}`;

	if (isIP(hostname) === 0 && hostname.split('.')[0] === SIGNED_SERVICE) {
		return { host: `${hostname}${port}`, protocol };
	}
	return { host: `${DEFAULT_OCR_HOST}${port}`, protocol, connectTo: hostname };
}

function parseEndpointUrl(setting: string): URL {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting) ? setting : `https://${setting}`;
	let url: URL | undefined;
	try {
		url = new URL(withScheme);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
		throw new SettingsError(
			`The credential's Endpoint "${setting}" is not a host name or an http(s) URL`,
			'Leave Endpoint empty for ocr.tencentcloudapi.com, or give a host such as ocr.ap-shanghai.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.',
		);
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '') {
		throw new SettingsError(
			`The credential's Endpoint "${setting}" has a path or query, which Tencent Cloud API 3.0 does not use`,
			'Give only the scheme, host and port, e.g. https://ocr.tencentcloudapi.com.',
		);
	}
	return url;
}
