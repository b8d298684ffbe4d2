/** The credential's Endpoint: what the user typed, and how the SDK is told to reach it while signing for "ocr". */
import { SettingsError, withoutUserInfo } from '../../errors';

export const DEFAULT_OCR_ORIGIN = 'https://ocr.tencentcloudapi.com';
const SIGNED_SERVICE = 'ocr';

/** Where calls go, in the user's terms and in the SDK's. */
export interface OcrEndpoint {
	/** Scheme, host and port as the user gave them, e.g. `http://127.0.0.1:9000`: the address error texts name. */
	origin: string;
	/** The SDK's `httpProfile.endpoint`: it signs for the service named by its first label. */
	sdkEndpoint: string;
	/** The SDK's `httpProfile.protocol`, put in front of `sdkEndpoint` to make the URL. */
	sdkProtocol: string;
}

/**
 * The SDK builds its URL as protocol + endpoint + "/" and signs for the endpoint's first label, so
 * `127.0.0.1:9000` would sign for service "127". For an address that is not an `ocr.` host, the
 * origin goes in the protocol with a `#` after it and the endpoint is just "ocr": the URL becomes
 * `http://127.0.0.1:9000/#ocr/`, whose fragment is never sent, and the signature is for "ocr".
 * Connections then go through Node's shared agent, so they are reused without an agent of our own.
 */
export function resolveOcrEndpoint(endpointSetting: string | undefined): OcrEndpoint {
	const setting = (endpointSetting ?? '').trim();
	const url = parseEndpointUrl(setting === '' ? DEFAULT_OCR_ORIGIN : setting);
	const origin = `${url.protocol}//${url.host}`;
	if (url.hostname.split('.')[0] === SIGNED_SERVICE) {
		return { origin, sdkEndpoint: url.host, sdkProtocol: `${url.protocol}//` };
	}
	return { origin, sdkEndpoint: SIGNED_SERVICE, sdkProtocol: `${origin}/#` };
}

/** The URL the SDK requests for this endpoint, as it appears in the SDK's and node-fetch's messages. */
export function sdkUrlOf(endpoint: OcrEndpoint): string {
	return `${endpoint.sdkProtocol}${endpoint.sdkEndpoint}/`;
}

/** The setting as an http(s) URL with a host, or undefined: what the Endpoint and the Proxy must be. */
export function httpUrlOf(setting: string): URL | undefined {
	let url: URL | undefined;
	try {
		url = new URL(setting);
	} catch {
		return undefined;
	}
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
}

function parseEndpointUrl(setting: string): URL {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting) ? setting : `https://${setting}`;
	const url = httpUrlOf(withScheme);
	if (!url) {
		throw new SettingsError(
			`The credential's Endpoint "${withoutUserInfo(setting)}" is not a host name or an http(s) URL`,
			'Leave Endpoint empty for ocr.tencentcloudapi.com, or give a host such as ocr.ap-shanghai.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.',
		);
	}
	if (url.username !== '' || url.password !== '') {
		throw new SettingsError(
			"The credential's Endpoint has a user name or password in it",
			'Give only the scheme, host and port, e.g. https://ocr.tencentcloudapi.com; Tencent Cloud is authenticated by the Secret ID and Key.',
		);
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
		throw new SettingsError(
			`The credential's Endpoint "${withoutUserInfo(setting)}" has a path or query, which Tencent Cloud API 3.0 does not use`,
			'Give only the scheme, host and port, e.g. https://ocr.tencentcloudapi.com.',
		);
	}
	return url;
}
