/**
 * How requests leave the process, and how far each got: through the credential's Proxy (a CONNECT
 * tunnel of our own) or, without one, through Node's global agents, which n8n sets from
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY for its own nodes too. Never the SDK's own fallback, which
 * sends every request, https included, to the lowercase `http_proxy` and ignores NO_PROXY.
 *
 * The SDK keeps only the message of a failed request (with the URL, so with whatever the user
 * typed in it). Whether the request may have reached Tencent is told here instead, by watching its
 * socket: a failure before the connection (and its TLS session) was established was never sent.
 *
 * node:http and node:https are imported here alone, and waived in eslint.config.mjs for this file:
 * the SDK's public option for this is an agent, and an agent is built from them.
 */
import * as http from 'node:http';
import * as https from 'node:https';

import type { RequestReach } from '../failures/failures';

/** A connection as Node's agents hand it over (a socket, or TLS over one). */
type Duplex = NonNullable<ReturnType<http.Agent['createConnection']>>;

/** What was seen of one request. */
export interface RequestProgress {
	reach: RequestReach;
	/** The status with which the credential's proxy refused the tunnel, if it did. */
	proxyStatus?: number;
}

/** The credential's Proxy, parsed: where it is, and the Proxy-Authorization it sends. */
export interface ProxySetting {
	url: URL;
}

/** The proxy answered the CONNECT with something other than 200: nothing reached Tencent. */
class ProxyRefused extends Error {
	constructor(readonly status: number) {
		super(`the proxy answered the tunnel request with HTTP ${status}`);
	}
}

/** The header the SDK sends each request's trace ID in, which ties a request to its call. */
export const TRACE_HEADER = 'X-TC-TraceId';

function proxyAuthorization(proxy: URL): Record<string, string> {
	if (proxy.username === '' && proxy.password === '') return {};
	const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
	return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** A socket to `target` (host:port) through the proxy's CONNECT tunnel. */
function openTunnel(proxy: URL, target: string): Promise<Duplex> {
	return new Promise((resolve, reject) => {
		const viaTls = proxy.protocol === 'https:';
		const request = (viaTls ? https : http).request({
			host: proxy.hostname,
			port: proxy.port || (viaTls ? 443 : 80),
			method: 'CONNECT',
			path: target,
			headers: { Host: target, ...proxyAuthorization(proxy) },
			agent: false,
		});
		request.once('connect', (response, socket) => {
			if (response.statusCode === 200) return resolve(socket);
			socket.destroy();
			reject(new ProxyRefused(response.statusCode ?? 0));
		});
		request.once('error', reject);
		request.end();
	});
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/** Keeps tunnels open between calls like any keep-alive connection, so the TLS session is set up once. */
class TunnelHttpsAgent extends https.Agent {
	constructor(private readonly proxy: URL) {
		super({ keepAlive: true });
	}

	createConnection(options: https.RequestOptions, callback?: ConnectionCallback): Duplex | null | undefined {
		openTunnel(this.proxy, `${options.host}:${options.port}`).then(
			(socket) => callback?.(null, super.createConnection({ ...options, socket } as https.RequestOptions, undefined)!),
			(error: Error) => callback?.(error, undefined as never),
		);
		return undefined;
	}
}

class TunnelHttpAgent extends http.Agent {
	constructor(private readonly proxy: URL) {
		super({ keepAlive: true });
	}

	createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
		openTunnel(this.proxy, `${options.host}:${options.port}`).then(
			(socket) => callback?.(null, socket),
			(error: Error) => callback?.(error, undefined as never),
		);
		return undefined;
	}
}

/** Whether a socket speaks TLS (then it is established at its handshake's end). */
const isTls = (socket: Duplex) => (socket as Duplex & { encrypted?: boolean }).encrypted === true;

/** One client's way out: its agents, and what was seen of each request under way. */
export class Connections {
	private readonly progressByTrace = new Map<string, RequestProgress>();
	private readonly tunnels?: { http: http.Agent; https: https.Agent };

	constructor(proxy?: ProxySetting) {
		if (proxy) this.tunnels = { http: new TunnelHttpAgent(proxy.url), https: new TunnelHttpsAgent(proxy.url) };
	}

	/**
	 * node-fetch's `agent` option (a function of the URL), given to the SDK as its httpProfile.agent. The
	 * agent it returns is the one that will carry the request (read at each call, as n8n may replace
	 * Node's global agents), with one more step when it takes a request: watching it.
	 */
	readonly agentFor = (url: URL): http.Agent => {
		const secure = url.protocol === 'https:';
		const carrier = this.tunnels ? (secure ? this.tunnels.https : this.tunnels.http) : secure ? https.globalAgent : http.globalAgent;
		const watch = (request: http.ClientRequest) => this.watch(request);
		return Object.create(carrier, {
			addRequest: {
				value(request: http.ClientRequest, options: unknown) {
					watch(request);
					// The carrier's own method on the carrier itself: its pools and counters stay its own.
					return (carrier as http.Agent & { addRequest(request: unknown, options: unknown): void }).addRequest(request, options);
				},
			},
		}) as http.Agent;
	};

	/** Starts watching the request sent with `traceId`; what was seen stays readable until `forget`. */
	expect(traceId: string): RequestProgress {
		const progress: RequestProgress = { reach: 'notHandedOver' };
		this.progressByTrace.set(traceId, progress);
		return progress;
	}

	forget(traceId: string): void {
		this.progressByTrace.delete(traceId);
	}

	private watch(request: http.ClientRequest): void {
		const progress = this.progressByTrace.get(String(request.getHeader(TRACE_HEADER)));
		if (!progress) return;
		progress.reach = 'connecting';
		const connected = () => (progress.reach = 'connected');
		request.once('socket', (socket: Duplex & { connecting?: boolean }) => {
			if (request.reusedSocket) connected();
			else if (isTls(socket)) socket.once('secureConnect', connected);
			else if (socket.connecting) socket.once('connect', connected);
			else connected();
		});
		request.once('error', (error: Error) => {
			if (error instanceof ProxyRefused) progress.proxyStatus = error.status;
		});
	}
}
