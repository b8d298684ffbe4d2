/**
 * What a host name, a dropped connection, a proxy setting or a hostile endpoint can do to the bill
 * and to secrets (issue 18, findings 3 and 5): the node in n8n-core's engine, the real SDK over real
 * HTTP to the emulator, through a CONNECT proxy on loopback where a test needs any host name.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { InvoiceFields } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { startConnectProxy } from '../helpers/connect-proxy';
import type { FixtureItem } from '../harness/run-workflow';
import { runOcrNode } from './run-ocr-node';
import { testCredential as testCredentialAt } from './test-credential';

const PNG = readFileSync(join(__dirname, '..', 'fixtures', 'invoice.png'));
const pngItem: FixtureItem = { json: {}, binary: { data: { data: PNG, fileName: 'invoice.png', mimeType: 'image/png' } } };
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() + 8 * 60 * 60 * 1000 - days * DAY_MS).toISOString().slice(0, 10);
/** A classic invoice's Verify inputs, as Recognize names them (typed by the field table, so a renamed key shows here). */
const classicInvoice: FixtureItem = {
	json: {
		invoiceNumber: '12345678',
		invoiceCode: '044031900111',
		issueDate: daysAgo(10),
		checkCode: '12345678901234567890',
		totalBeforeTax: 100,
		totalWithTax: 113,
	} satisfies Partial<InvoiceFields>,
};

/**
 * A host name made of every word the old classifier searched the SDK's message for (which holds the
 * URL): with it, a request dropped after it was sent passed for one that never left.
 */
const TRAP_HOST = [
	'ocr-gw',
	'certificate',
	'cert_',
	'self-signed',
	'ssl-routines',
	'before-secure-tls-connection',
	'eproto',
	'altnames',
	'unable-to-verify',
	'econnrefused',
	'enotfound',
	'eai_again',
	'eai_noname',
	'ehostunreach',
	'enetunreach',
	'eaddrnotavail',
	'timeout',
	'err_invalid_char',
	'test',
].join('.');

const SECRET_PASSWORD = 'S3cretPw';

let emulator: RunningEmulator;
let emulatorPort: number;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 0 });
	emulatorPort = Number(new URL(emulator.url).port);
});

afterAll(async () => await emulator.stop());

beforeEach(() => {
	emulator.setFaults({});
	emulator.resetStats();
});

const errorItemOf = (items: INodeExecutionData[]) => {
	expect(items).toHaveLength(1);
	return items[0].json as { error: string; hint: string; errorCode: string | null; requestId: string | null };
};

/**
 * Node's global http agent replaced, as n8n's installGlobalProxyAgent replaces it, by one that resolves
 * every host name to loopback (so a test can use any host name without a DNS) and counts the requests
 * it carries. The module itself is assigned (an import's namespace cannot be).
 */
async function withLoopbackGlobalAgent<T>(run: (carried: string[]) => Promise<T>): Promise<T> {
	const httpModule = process.getBuiltinModule('node:http');
	const originalAgent = httpModule.globalAgent;
	const carried: string[] = [];
	const lookup = (_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
		options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
	class LoopbackAgent extends http.Agent {
		addRequest(request: http.ClientRequest, options: http.RequestOptions) {
			carried.push(`${options.host}:${options.port}`);
			(http.Agent.prototype as unknown as { addRequest(request: unknown, options: unknown): void }).addRequest.call(this, request, options);
		}
	}
	httpModule.globalAgent = new LoopbackAgent({ lookup } as http.AgentOptions);
	try {
		return await run(carried);
	} finally {
		httpModule.globalAgent.destroy();
		httpModule.globalAgent = originalAgent;
	}
}

async function closedPort(): Promise<number> {
	const closed = http.createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const port = (closed.address() as AddressInfo).port;
	await new Promise<void>((resolve) => closed.close(() => resolve()));
	return port;
}

describe('a failure is told by the structure of Node\'s reason after the exact URL sent, never by words anywhere in its message (finding 3)', () => {
	const runAtTrapHost = (port: number, parameters: INodeParameters, item: FixtureItem) =>
		withLoopbackGlobalAgent(async (carried) => {
			const run = await runOcrNode({ endpoint: `http://${TRAP_HOST}:${port}`, inputItems: [item], parameters, continueOnFail: true });
			return { ...run, attempts: carried.length };
		});

	it('Verify: a request dropped after it was sent reaches Tencent once, not 4 times, and the hint says it may have been billed', async () => {
		emulator.setFaults({ dropConnectionEvery: 1 });

		const { items, error, attempts } = await runAtTrapHost(emulatorPort, { operation: 'verifyVatInvoice', options: { maxRetries: 3 } }, classicInvoice);

		expect(error).toBeUndefined();
		const failed = errorItemOf(items);
		expect(failed.errorCode).toBe('NetworkError');
		expect(failed.error).toBe(`No answer from Tencent Cloud at http://${TRAP_HOST}:${emulatorPort} [item 0]`);
		expect(failed.hint).toMatch(/\(request to http:\/\/ocr-gw\.certificate\.[^ ]+ failed, reason: socket hang up\); Tencent may have billed it/);
		expect(failed.hint).not.toMatch(/nothing was billed/);
		expect([attempts, emulator.stats().total]).toEqual([1, 1]);
	});

	it('Recognize: such a request is resent at most Retries After No Answer times (once), whatever Max Retries allows', async () => {
		emulator.setFaults({ dropConnectionEvery: 1 });

		const { items } = await runAtTrapHost(emulatorPort, { options: { maxRetries: 3, retriesAfterNoAnswer: 1 } }, pngItem);

		expect(errorItemOf(items).hint).toMatch(/Tencent may have billed it.*Tried 2 times\./);
		expect(emulator.stats().total).toBe(2);
	});

	it('Verify: a refused connection (never written) is retried up to Max Retries, and the hint says nothing was billed', async () => {
		const port = await closedPort();

		const { items, attempts } = await runAtTrapHost(port, { operation: 'verifyVatInvoice', options: { maxRetries: 2 } }, classicInvoice);

		const failed = errorItemOf(items);
		expect(failed.error).toBe(`Could not reach Tencent Cloud at http://${TRAP_HOST}:${port} [item 0]`);
		expect(failed.hint).toMatch(/before the request was sent \(request to http:\/\/ocr-gw\.[^ ]+ failed, reason: connect ECONNREFUSED 127\.0\.0\.1:\d+\), so nothing was billed/);
		expect(attempts).toBe(3);
	});

	describe('through the credential\'s Proxy (the SDK\'s own proxy agent)', () => {
		async function runThroughProxy(tunnelPort: number, parameters: INodeParameters, item: FixtureItem) {
			const trapProxy = await startConnectProxy({ tunnelTo: { host: '127.0.0.1', port: tunnelPort } });
			try {
				const run = await runOcrNode({
					endpoint: `http://${TRAP_HOST}:${emulatorPort}`,
					credentials: { proxyUrl: trapProxy.url },
					inputItems: [item],
					parameters,
					continueOnFail: true,
				});
				return { ...run, tunnels: trapProxy.requests.length };
			} finally {
				await trapProxy.stop();
			}
		}

		it('Verify: a request dropped after it was sent through the tunnel reaches Tencent once', async () => {
			emulator.setFaults({ dropConnectionEvery: 1 });

			const { items, tunnels } = await runThroughProxy(emulatorPort, { operation: 'verifyVatInvoice', options: { maxRetries: 3 } }, classicInvoice);

			expect(errorItemOf(items).hint).toMatch(/Tencent may have billed it/);
			expect([tunnels, emulator.stats().total]).toEqual([1, 1]);
		});

		it('Verify: a tunnel the proxy cannot set up (its 502) is taken conservatively for a request that may have been sent: not resent', async () => {
			const { items, tunnels } = await runThroughProxy(await closedPort(), { operation: 'verifyVatInvoice', options: { maxRetries: 2 } }, classicInvoice);

			const failed = errorItemOf(items);
			expect(failed.error).toBe(`No answer from Tencent Cloud at http://${TRAP_HOST}:${emulatorPort} [item 0]`);
			expect(failed.hint).toMatch(/\(HTTP 502 Bad Gateway\); Tencent may have billed it/);
			expect([tunnels, emulator.stats().total]).toEqual([1, 0]);
		});
	});
});

const testCredential = async (overrides: ICredentialDataDecryptedObject) => await testCredentialAt(emulator.url, overrides);

describe('proxies: the credential\'s when set, n8n\'s global agents otherwise, never the SDK\'s http_proxy fallback (finding 5)', () => {
	it('with Proxy empty and http_proxy set (and no HTTPS_PROXY, as n8n would read it for this http Endpoint only through its own agents), calls do not go to that proxy', async () => {
		const stray = await startConnectProxy({ tunnelTo: { host: '127.0.0.1', port: emulatorPort } });
		const saved = { http_proxy: process.env.http_proxy, HTTP_PROXY: process.env.HTTP_PROXY };
		process.env.http_proxy = `http://admin:${SECRET_PASSWORD}@127.0.0.1:${stray.port}`;
		try {
			const { items, error } = await runOcrNode({ endpoint: emulator.url, inputItems: [pngItem], parameters: { output: 'invoices' } });

			expect(error).toBeUndefined();
			expect(items[0].json.recordType).toBe('invoice');
			expect(stray.requests).toEqual([]);
			expect(emulator.stats().succeeded).toBe(1);
		} finally {
			if (saved.http_proxy === undefined) delete process.env.http_proxy;
			else process.env.http_proxy = saved.http_proxy;
			await stray.stop();
		}
	});

	it("with Proxy empty, calls go through Node's global agent, which n8n replaces to follow HTTP_PROXY, HTTPS_PROXY and NO_PROXY", async () => {
		const { error, carried } = await withLoopbackGlobalAgent(async (carried) => ({
			...(await runOcrNode({ endpoint: emulator.url, inputItems: [pngItem], parameters: { output: 'invoices' } })),
			carried,
		}));

		expect(error).toBeUndefined();
		expect(carried).toEqual([`127.0.0.1:${emulatorPort}`]);
	});

	it('the credential\'s Proxy wins: a tunnel through it, with Proxy Username and Proxy Password as Proxy-Authorization', async () => {
		const authorization = `Basic ${Buffer.from(`admin:${SECRET_PASSWORD}`).toString('base64')}`;
		const proxy = await startConnectProxy({ tunnelTo: { host: '127.0.0.1', port: emulatorPort }, requireAuthorization: authorization });
		try {
			const { items, error } = await runOcrNode({
				endpoint: emulator.url,
				credentials: { proxyUrl: proxy.url, proxyUsername: 'admin', proxyPassword: SECRET_PASSWORD },
				inputItems: [pngItem],
				parameters: { output: 'invoices' },
			});

			expect(error).toBeUndefined();
			expect(items[0].json.recordType).toBe('invoice');
			expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${emulatorPort}`, proxyAuthorization: authorization }]);
		} finally {
			await proxy.stop();
		}
	});

	it('a proxy that refuses the password answers 407: told as the proxy\'s answer, nothing sent, the password in no message', async () => {
		const proxy = await startConnectProxy({ tunnelTo: { host: '127.0.0.1', port: emulatorPort }, requireAuthorization: 'Basic other' });
		const proxyCredentials = { proxyUrl: proxy.url, proxyUsername: 'admin', proxyPassword: SECRET_PASSWORD };
		try {
			const { items } = await runOcrNode({ endpoint: emulator.url, credentials: proxyCredentials, inputItems: [pngItem], continueOnFail: true });
			const credentialTest = await testCredential(proxyCredentials);

			const failed = errorItemOf(items);
			expect([failed.errorCode, failed.error]).toEqual(['GatewayError', `HTTP 407 from a proxy or gateway at ${emulator.url}, not from Tencent Cloud [item 0]`]);
			expect(credentialTest.status).toBe('Error');
			expect(credentialTest.message).toMatch(/^HTTP 407 from a proxy or gateway/);
			expect(JSON.stringify([items, credentialTest])).not.toMatch(new RegExp(`${SECRET_PASSWORD}|admin:`));
			expect(emulator.stats().total).toBe(0);
		} finally {
			await proxy.stop();
		}
	});
});

describe('no URL with user info is echoed: Endpoint, Proxy, in items and in the credential test (finding 5)', () => {
	it.each([
		['Endpoint', { endpoint: `ftp://admin:${SECRET_PASSWORD}@gw` }, /^The credential's Endpoint "ftp:\/\/\*\*\*@gw" is not a host name or an http\(s\) URL/],
		['Endpoint', { endpoint: `http://admin:${SECRET_PASSWORD}@gw:99999` }, /^The credential's Endpoint "http:\/\/\*\*\*@gw:99999" is not a host name/],
		['Endpoint', { endpoint: `https://admin:${SECRET_PASSWORD}@gw` }, /^The credential's Endpoint has a user name or password in it/],
		['Proxy', { proxyUrl: `ftp://admin:${SECRET_PASSWORD}@proxy` }, /^The credential's Proxy is not an http\(s\) URL/],
		['Proxy', { proxyUrl: `admin:${SECRET_PASSWORD}@proxy:99999` }, /^The credential's Proxy is not an http\(s\) URL/],
		['Proxy', { proxyUrl: `http://admin:${SECRET_PASSWORD}@127.0.0.1:3128` }, /^The credential's Proxy has a user name or password in it/],
	])('%s %j', async (_field, credentials, message) => {
		const { items } = await runOcrNode({ endpoint: emulator.url, credentials, inputItems: [pngItem], continueOnFail: true });
		const credentialTest = await testCredential(credentials);

		expect(errorItemOf(items).error).toMatch(message);
		expect(credentialTest.message).toMatch(message);
		expect(JSON.stringify([items, credentialTest])).not.toMatch(new RegExp(`${SECRET_PASSWORD}|admin`));
		expect(emulator.stats().total).toBe(0);
	});
});

it('Code and RequestId of an answer pass through the scrubber like its message: an endpoint echoing the Secret ID in them shows ***', async () => {
	// A hostile gateway: it reads the Secret ID from the Authorization header and answers it back in Tencent's envelope.
	const echo = http.createServer((request, response) => {
		const secretId = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? 'none';
		request.resume();
		request.on('end', () => {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ Response: { Error: { Code: `Echo.${secretId}`, Message: `key ${secretId}` }, RequestId: `req-${secretId}` } }));
		});
	});
	await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
	const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
	try {
		const { items } = await runOcrNode({ endpoint: echoUrl, inputItems: [pngItem], continueOnFail: true });
		const credentialTest = await testCredential({ endpoint: echoUrl });

		const failed = errorItemOf(items);
		expect([failed.errorCode, failed.requestId]).toEqual(['Echo.***', 'req-***']);
		expect(failed.error).toBe('Tencent Cloud answered Echo.***: key *** [item 0]');
		expect(JSON.stringify([items, credentialTest])).not.toContain(DEMO_CREDENTIALS.secretId);
	} finally {
		await new Promise<void>((resolve) => echo.close(() => resolve()));
	}
});
