/**
 * A forward proxy on loopback for proxy tests: it tunnels CONNECT requests to one fixed address (so a
 * test can use any host name, resolved by nobody), records each request with its Proxy-Authorization,
 * answers 407 when it wants a user name and password that were not given, and 502 when the tunnel's far
 * end refuses. Plain (non-CONNECT) requests are recorded and answered 502: a test sees that a request
 * came, and that it went no further.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
	method: string;
	/** host:port for CONNECT, the absolute URL otherwise. */
	target: string;
	proxyAuthorization?: string;
}

export interface ConnectProxy {
	/** e.g. http://127.0.0.1:43123 */
	url: string;
	port: number;
	requests: ProxiedRequest[];
	stop(): Promise<void>;
}

export interface ConnectProxyOptions {
	/** Where every tunnel goes, whatever host it names. */
	tunnelTo: { host: string; port: number };
	/** The Proxy-Authorization the proxy wants; any request without it gets 407. */
	requireAuthorization?: string;
}

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
	const requests: ProxiedRequest[] = [];
	// Tunnels leave the server's own bookkeeping once established: kept here, so that stop() ends them.
	const tunnelSockets = new Set<Socket>();
	const track = (socket: Socket) => {
		tunnelSockets.add(socket);
		socket.once('close', () => tunnelSockets.delete(socket));
	};
	const record = (request: IncomingMessage) =>
		requests.push({ method: request.method ?? '', target: request.url ?? '', proxyAuthorization: request.headers['proxy-authorization'] });
	const server = createServer((request, response) => {
		record(request);
		response.writeHead(502).end();
	});
	server.on('connect', (request: IncomingMessage, clientSocket: Socket, head: Buffer) => {
		record(request);
		track(clientSocket);
		if (options.requireAuthorization !== undefined && request.headers['proxy-authorization'] !== options.requireAuthorization) {
			clientSocket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		let established = false;
		const upstream = connect(options.tunnelTo.port, options.tunnelTo.host, () => {
			established = true;
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(clientSocket);
			clientSocket.pipe(upstream);
		});
		track(upstream);
		// As real proxies do, a tunnel that cannot be set up is answered 502; one that breaks is cut.
		upstream.on('error', () => (established ? clientSocket.destroy() : clientSocket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n')));
		clientSocket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				for (const socket of tunnelSockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
