/**
 * How requests leave the process: through the credential's Proxy (its URL, user name and password,
 * given to the SDK's own proxy agent) or, without one, through Node's global agents, which n8n sets
 * from HTTP_PROXY / HTTPS_PROXY / NO_PROXY for its own nodes too. Never the SDK's own fallback, which
 * sends every request, https included, to the lowercase `http_proxy` and ignores NO_PROXY.
 */
import { SettingsError } from '../../errors';
import { httpUrlOf } from './endpoint';

/** The credential's proxy fields, trimmed (the password as typed), undefined when empty. */
export interface ProxySettings {
	proxyUrl?: string;
	proxyUsername?: string;
	proxyPassword?: string;
}

/**
 * The SDK's httpProfile fields that decide the way out. The SDK's fetch falls back to `http_proxy`
 * only when it is given no agent; node-fetch calls a function agent with the URL and, when it returns
 * undefined, Node's global agent of the URL's protocol carries the request (read at each request, so
 * n8n's replacement of it is followed).
 */
export type SdkRoute = { proxy: string } | { agent: () => undefined };

const FIELDS_HINT = 'Give the proxy\'s scheme, host and port in Proxy, e.g. http://proxy.example.com:8080, and its user name and password in Proxy Username and Proxy Password.';

/**
 * The proxy URL the SDK is given (with the user name and password percent-encoded into it, as its
 * agent decodes them), or undefined when Proxy is empty. Proxy itself must not carry user info: it is
 * shown in clear, so a URL with a user name or password is refused without being quoted.
 */
export function proxyUrlForSdk(settings: ProxySettings): string | undefined {
	const { proxyUrl, proxyUsername, proxyPassword } = settings;
	if (proxyUrl === undefined) {
		if (proxyUsername === undefined && proxyPassword === undefined) return undefined;
		throw new SettingsError('The credential has a Proxy Username or Proxy Password but no Proxy', `${FIELDS_HINT} Or clear all three to connect without a proxy.`);
	}
	const url = httpUrlOf(proxyUrl);
	if (!url) {
		throw new SettingsError("The credential's Proxy is not an http(s) URL", `${FIELDS_HINT} Or leave Proxy empty.`);
	}
	if (url.username !== '' || url.password !== '') {
		throw new SettingsError("The credential's Proxy has a user name or password in it", FIELDS_HINT);
	}
	if (proxyUsername?.includes(':')) {
		throw new SettingsError("The credential's Proxy Username contains a colon", 'A proxy user name cannot contain ":" (Basic authentication separates it from the password with one); check the Proxy Username.');
	}
	if (proxyUsername === undefined && proxyPassword === undefined) return url.origin;
	const userInfo = `${encodeURIComponent(proxyUsername ?? '')}:${encodeURIComponent(proxyPassword ?? '')}`;
	return `${url.protocol}//${userInfo}@${url.host}`;
}

export function sdkRouteOf(settings: ProxySettings): SdkRoute {
	const proxy = proxyUrlForSdk(settings);
	return proxy === undefined ? { agent: () => undefined } : { proxy };
}
