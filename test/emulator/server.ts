/** A local stand-in for Tencent Cloud API 3.0 serving OCR VatInvoiceOCR (2018-11-19) over HTTP on loopback. */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { TencentApiError, commonError, errorResponseBody } from './api-error';
import { authenticate, type ApiRequest, type EmulatorCredential } from './authenticate';
import { CONTROL_PREFIX, answerControl, type EmulatorControls } from './control-endpoints';
import { FaultInjector, type EmulatorFaults } from './faults';
import { inspectFile, loadFileBytes } from './image-input';
import { SERVICE, checkAction, checkRegion, checkVersion } from './operation';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { loadSampleRecognition } from './sample-response';
import { StatsRecorder, type EmulatorStats, type ReceivedRequest } from './stats';
import { parseAuthorization } from './tc3';
import { parseJsonBody, readVatInvoiceParams, summarizeParams } from './vat-invoice-params';

export const DEMO_CREDENTIALS: EmulatorCredential = {
	secretId: 'AKIDemulatorDemoSecretId0000000000',
	secretKey: 'emulatorDemoSecretKey0000000000000',
};

/** The current API definition's limit; the older page says 7 MB. */
export const DEFAULT_MAX_BASE64_LENGTH = 10 * 1024 * 1024;

export interface RecognizeInput {
	fileBytes: Buffer;
	isPdf: boolean;
	/** 0 for images. */
	pdfPageNumber: number;
	/** 0 for images. */
	pdfPageCount: number;
}

/** Returns the Response body (RequestId is always set by the emulator); may throw a TencentApiError. */
export type RecognizeHook = (input: RecognizeInput) => object | Promise<object>;

export interface EmulatorOptions {
	credentials?: EmulatorCredential[];
	/** 0 (default) picks a free port. */
	port?: number;
	rateLimitPerSecond?: number;
	timestampWindowSeconds?: number;
	maxBase64Length?: number;
	downloadTimeoutMs?: number;
	faults?: EmulatorFaults;
	recognize?: RecognizeHook;
	/** One summary line per request, never secrets. */
	log?: boolean | ((line: string) => void);
	/** The server's clock, so a test can put it out of step with the client's. Default: Date.now. */
	nowMs?: () => number;
}

export interface RunningEmulator {
	/** e.g. http://127.0.0.1:43123 */
	url: string;
	port: number;
	credentials: EmulatorCredential[];
	stop(): Promise<void>;
	stats(): EmulatorStats;
	resetStats(): void;
	setFaults(faults: EmulatorFaults): void;
	faults(): EmulatorFaults;
}

interface Settings {
	credentials: EmulatorCredential[];
	timestampWindowSeconds: number;
	maxBase64Length: number;
	downloadTimeoutMs: number;
	recognize: RecognizeHook;
	log?: (line: string) => void;
	nowMs: () => number;
}

interface Collaborators {
	settings: Settings;
	rateLimiter: SlidingWindowRateLimiter;
	faults: FaultInjector;
	stats: StatsRecorder;
}

function settingsFrom(options: EmulatorOptions): Settings {
	const sample = loadSampleRecognition();
	const log = options.log === true ? (line: string) => console.log(line) : options.log || undefined;
	return {
		credentials: options.credentials ?? [DEMO_CREDENTIALS],
		timestampWindowSeconds: options.timestampWindowSeconds ?? 300,
		maxBase64Length: options.maxBase64Length ?? DEFAULT_MAX_BASE64_LENGTH,
		downloadTimeoutMs: options.downloadTimeoutMs ?? 3000,
		recognize: options.recognize ?? (() => structuredClone(sample)),
		log,
		nowMs: options.nowMs ?? Date.now,
	};
}

/** Room for the JSON around the largest allowed image, so oversize images get their own error. */
function maxBodyBytes(settings: Settings): number {
	return 2 * settings.maxBase64Length + 1024 * 1024;
}

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
		request.on('error', reject);
	});
}

function toApiRequest(request: http.IncomingMessage, body: Buffer): ApiRequest {
	const url = new URL(request.url ?? '/', 'http://emulator.invalid');
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return { method: request.method ?? 'GET', path: url.pathname, query: url.search.slice(1), headers, body };
}

async function recognizeInvoice(request: ApiRequest, requestId: string, parts: Collaborators): Promise<object> {
	const { settings } = parts;
	const credential = authenticate(request, {
		credentials: settings.credentials,
		service: SERVICE,
		timestampWindowSeconds: settings.timestampWindowSeconds,
		nowSeconds: Math.floor(settings.nowMs() / 1000),
	});
	checkVersion(request);
	checkAction(request);
	checkRegion(request);
	if (!parts.rateLimiter.tryAcquire(credential.secretId)) {
		throw commonError(
			'RequestLimitExceeded',
			`At most ${parts.rateLimiter.limit} requests per second are allowed for SecretId ${credential.secretId}.`,
		);
	}
	const params = readVatInvoiceParams(parseJsonBody(request.body));
	const fileBytes = await loadFileBytes(params, {
		timeoutMs: settings.downloadTimeoutMs,
		maxBase64Length: settings.maxBase64Length,
	});
	const file = inspectFile(fileBytes, params);
	const fault = parts.faults.recognitionFault();
	if (fault) throw fault;
	const recognition = await settings.recognize({ fileBytes, ...file });
	return { Response: { PdfPageSize: file.pdfPageCount, ...recognition, RequestId: requestId } };
}

async function answerApi(request: ApiRequest, requestId: string, parts: Collaborators): Promise<{ body: object; errorCode: string | null }> {
	try {
		return { body: await recognizeInvoice(request, requestId, parts), errorCode: null };
	} catch (error) {
		const apiError = error instanceof TencentApiError ? error : commonError('InternalError');
		return { body: errorResponseBody(apiError, requestId), errorCode: apiError.code };
	}
}

function requestTooLarge(requestId: string): { body: object; errorCode: string } {
	const error = new TencentApiError('RequestSizeLimitExceeded', 'The request size exceeds the upper limit.');
	return { body: errorResponseBody(error, requestId), errorCode: error.code };
}

function summaryOf(request: ApiRequest): ReceivedRequest {
	let params: Record<string, unknown> = {};
	try {
		params = summarizeParams(parseJsonBody(request.body));
	} catch {
		// A malformed body is summarised as no parameters.
	}
	return {
		at: new Date().toISOString(),
		action: request.headers['x-tc-action'] ?? '',
		secretId: parseAuthorization(request.headers.authorization ?? '')?.secretId ?? '',
		region: request.headers['x-tc-region'] ?? '',
		params,
	};
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, traceId?: string, truncate = false): void {
	response.writeHead(status, {
		'Content-Type': 'application/json',
		...(traceId ? { 'X-TC-TraceId': traceId } : {}),
	});
	const json = JSON.stringify(body);
	response.end(truncate ? json.slice(0, Math.floor(json.length / 2)) : json);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serveApi(incoming: http.IncomingMessage, response: http.ServerResponse, body: Buffer | undefined, parts: Collaborators): Promise<void> {
	const request = toApiRequest(incoming, body ?? Buffer.alloc(0));
	const summary = summaryOf(request);
	if (parts.faults.shouldDropConnection()) {
		parts.stats.record(summary);
		parts.settings.log?.(`${summary.action} ${summary.secretId} → connection dropped (fault)`);
		incoming.socket.destroy();
		return;
	}
	const startedAt = Date.now();
	const requestId = randomUUID();
	const answer = body ? await answerApi(request, requestId, parts) : requestTooLarge(requestId);
	await sleep(parts.faults.latencyMs);
	parts.stats.record({ ...summary, errorCode: answer.errorCode });
	parts.settings.log?.(
		`${summary.action || '-'} ${summary.secretId || '-'} ${summary.region || '-'} → ${answer.errorCode ?? 'OK'} in ${Date.now() - startedAt} ms`,
	);
	sendJson(response, 200, answer.body, request.headers['x-tc-traceid'], parts.faults.truncatesAnswer);
}

function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
	});
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const settings = settingsFrom(options);
	const parts: Collaborators = {
		settings,
		rateLimiter: new SlidingWindowRateLimiter(options.rateLimitPerSecond ?? 10),
		faults: new FaultInjector(options.faults),
		stats: new StatsRecorder(),
	};
	const controls: EmulatorControls = {
		stats: () => parts.stats.snapshot(),
		faults: () => parts.faults.current(),
		setFaults: (faults) => parts.faults.set(faults),
		reset: () => {
			parts.stats.reset();
			parts.rateLimiter.reset();
			parts.faults.set(options.faults ?? {});
		},
	};
	const server = http.createServer((incoming, response) => {
		void (async () => {
			const body = await readBody(incoming, maxBodyBytes(settings));
			const path = new URL(incoming.url ?? '/', 'http://emulator.invalid').pathname;
			if (path.startsWith(CONTROL_PREFIX)) {
				const answer = answerControl(incoming.method ?? 'GET', path, body ?? Buffer.alloc(0), controls);
				sendJson(response, answer.status, answer.body);
				return;
			}
			await serveApi(incoming, response, body, parts);
		})().catch((error: Error) => {
			settings.log?.(`emulator failure: ${error.message}`);
			if (!response.headersSent) sendJson(response, 500, { error: error.message });
		});
	});
	const port = await listen(server, options.port ?? 0);
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		credentials: settings.credentials,
		stop: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
		stats: controls.stats,
		resetStats: () => parts.stats.reset(),
		setFaults: controls.setFaults,
		faults: controls.faults,
	};
}
