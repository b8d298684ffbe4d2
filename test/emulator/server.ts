/**
 * A local stand-in for Tencent Cloud API 3.0 serving OCR 2018-11-19 over HTTP on loopback: VatInvoiceOCR,
 * VatInvoiceVerifyNew, VerifyOfdVatInvoiceOCR and RecognizeGeneralInvoice. The gateway checks live here; each action's own in actions/.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ActionAnswer } from './actions/action';
import { createActions } from './actions';
import type { RecognizeHook } from './actions/vat-invoice-ocr';
import { defaultVerifyAnswer, type VerifyHook } from './actions/vat-invoice-verify-new';
import type { RecognizeOfdHook } from './actions/verify-ofd-vat-invoice-ocr';
import { billedDocumentCount, markedDocuments, type RecognizeGeneralHook } from './actions/recognize-general-invoice';
import { DEFAULT_DOCUMENT, type GeneralInvoiceEntry } from './general-invoice-documents';
import { TencentApiError, commonError, errorResponseBody } from './api-error';
import { authenticate, type ApiRequest, type EmulatorCredential } from './authenticate';
import { CONTROL_PREFIX, answerControl, type EmulatorControls } from './control-endpoints';
import { FaultInjector, type EmulatorFaults, type RawFault } from './faults';
import {
	ACTION,
	ACTION_POLICIES,
	GENERAL_INVOICE_ACTION,
	SERVED_ACTIONS,
	SERVICE,
	checkAction,
	checkRegion,
	checkVersion,
	type ServedAction,
} from './operation';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { bodySha256Of, parseJsonBody, summarizeParams } from './request-params';
import { loadRecentSampleRecognition, loadSampleOfdRecognition } from './sample-response';
import { StatsRecorder, type EmulatorStats, type ReceivedRequest } from './stats';
import { parseAuthorization } from './tc3';

export type { RecognizeHook, RecognizeInput } from './actions/vat-invoice-ocr';

export const DEMO_CREDENTIALS: EmulatorCredential = {
	secretId: 'AKIDemulatorDemoSecretId0000000000',
	secretKey: 'emulatorDemoSecretKey0000000000000',
};

/** The current API definition's limit; the older page says 7 MB. */
export const DEFAULT_MAX_BASE64_LENGTH = 10 * 1024 * 1024;

export interface EmulatorOptions {
	credentials?: EmulatorCredential[];
	/** 0 (default) picks a free port. */
	port?: number;
	/** VatInvoiceOCR's requests per second per SecretId (default 10, as its page says); 0 turns limiting off. */
	rateLimitPerSecond?: number;
	/** Any action's limit; defaults are the pages': VatInvoiceOCR 10, VatInvoiceVerifyNew 20, VerifyOfdVatInvoiceOCR 10, RecognizeGeneralInvoice 5. */
	rateLimitsPerAction?: Partial<Record<ServedAction, number>>;
	timestampWindowSeconds?: number;
	maxBase64Length?: number;
	downloadTimeoutMs?: number;
	faults?: EmulatorFaults;
	/** VatInvoiceOCR's answer to a checked file; default: the documented sample dated a few days before today (loadRecentSampleRecognition). */
	recognize?: RecognizeHook;
	/**
	 * VatInvoiceVerifyNew's answer to checked parameters; default: for the VatInvoiceOCR sample's code and number,
	 * that invoice, valid (a mismatching amount or check code → InvoiceMismatch); otherwise the documented sample
	 * with the request's number, code and date.
	 */
	verify?: VerifyHook;
	/** VerifyOfdVatInvoiceOCR's answer to a checked OFD file; default: the documented sample. */
	recognizeOfd?: RecognizeOfdHook;
	/**
	 * RecognizeGeneralInvoice's documents on a checked page; default: the fixtures the file's
	 * `emulator-documents:` markers name, else the VatInvoiceOCR sample's invoice dated as VatInvoiceOCR dates it.
	 */
	recognizeGeneral?: RecognizeGeneralHook;
	/** One summary line per request, never secrets. */
	log?: boolean | ((line: string) => void);
	/** The server's clock (signature window, rate limits, and VatInvoiceVerifyNew's "today"), so a test can put it out of step with the client's. Default: Date.now. */
	nowMs?: () => number;
}

export interface RunningEmulator {
	/** e.g. http://127.0.0.1:43123 */
	url: string;
	port: number;
	credentials: EmulatorCredential[];
	stop(): Promise<void>;
	/** Given a moment (ms since the epoch), only the requests that arrived at or after it. */
	stats(sinceMs?: number): EmulatorStats;
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
	verify: VerifyHook;
	recognizeOfd: RecognizeOfdHook;
	recognizeGeneral: RecognizeGeneralHook;
	log?: (line: string) => void;
	nowMs: () => number;
}

interface Collaborators {
	settings: Settings;
	actions: Record<ServedAction, ActionAnswer>;
	/** One per action: each action has its own quota. */
	rateLimiters: Record<ServedAction, SlidingWindowRateLimiter>;
	faults: FaultInjector;
	stats: StatsRecorder;
}

/** The default document dated as VatInvoiceOCR's default answer is, so both actions read the same invoice. */
function withRecentDate(entry: GeneralInvoiceEntry, nowMs: number): GeneralInvoiceEntry {
	const infos = loadRecentSampleRecognition(nowMs).VatInvoiceInfos as Array<{ Name: string; Value: string }>;
	const issueDate = infos.find((info) => info.Name === '开票日期')?.Value;
	const struct = entry.SingleInvoiceInfos[DEFAULT_DOCUMENT] as Record<string, unknown>;
	return { ...entry, SingleInvoiceInfos: { [DEFAULT_DOCUMENT]: { ...struct, Date: issueDate } } };
}

function settingsFrom(options: EmulatorOptions): Settings {
	const nowMs = options.nowMs ?? Date.now;
	const ofdSample = loadSampleOfdRecognition();
	const log = options.log === true ? (line: string) => console.log(line) : options.log || undefined;
	return {
		credentials: options.credentials ?? [DEMO_CREDENTIALS],
		timestampWindowSeconds: options.timestampWindowSeconds ?? 300,
		maxBase64Length: options.maxBase64Length ?? DEFAULT_MAX_BASE64_LENGTH,
		downloadTimeoutMs: options.downloadTimeoutMs ?? 3000,
		recognize: options.recognize ?? (() => loadRecentSampleRecognition(nowMs())),
		verify: options.verify ?? defaultVerifyAnswer,
		recognizeOfd: options.recognizeOfd ?? (() => structuredClone(ofdSample)),
		recognizeGeneral: options.recognizeGeneral ?? markedDocuments((entry) => withRecentDate(entry, nowMs())),
		log,
		nowMs,
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

function rateLimitersFrom(options: EmulatorOptions): Record<ServedAction, SlidingWindowRateLimiter> {
	const limitOf = (action: ServedAction) =>
		options.rateLimitsPerAction?.[action] ??
		(action === ACTION ? options.rateLimitPerSecond : undefined) ??
		ACTION_POLICIES[action].defaultRateLimitPerSecond;
	// The server's clock, so a test that stops it sees every request in one window.
	const entries = SERVED_ACTIONS.map((action) => [action, new SlidingWindowRateLimiter(limitOf(action), options.nowMs)] as const);
	return Object.fromEntries(entries) as Record<ServedAction, SlidingWindowRateLimiter>;
}

function acquireRate(limiter: SlidingWindowRateLimiter, action: ServedAction, secretId: string): void {
	if (!limiter.tryAcquire(secretId)) {
		throw commonError(
			'RequestLimitExceeded',
			`At most ${limiter.limit} ${action} requests per second are allowed for SecretId ${secretId}.`,
		);
	}
}

/** The gateway's checks in Tencent's order, then the action's own. */
async function answerAction(request: ApiRequest, requestId: string, parts: Collaborators): Promise<object> {
	const { settings } = parts;
	const credential = authenticate(request, {
		credentials: settings.credentials,
		service: SERVICE,
		timestampWindowSeconds: settings.timestampWindowSeconds,
		nowSeconds: Math.floor(settings.nowMs() / 1000),
	});
	checkVersion(request);
	const action = checkAction(request);
	checkRegion(request, ACTION_POLICIES[action].regionRequired);
	acquireRate(parts.rateLimiters[action], action, credential.secretId);
	const errorBeforeAction = parts.faults.errorBeforeAction;
	if (errorBeforeAction) throw errorBeforeAction;
	const body = await parts.actions[action](parseJsonBody(request.body), {
		throwInjectedFault: (pdfPageNumber) => {
			const fault =
				(pdfPageNumber ? parts.faults.pageFault(pdfPageNumber) : undefined) ?? parts.faults.recognitionFault();
			if (fault) throw fault;
		},
		claimedPdfPageCount: parts.faults.claimedPdfPageCount,
	});
	return { Response: { ...parts.faults.reshape(body), RequestId: requestId } };
}

interface ApiAnswer {
	body: object;
	errorCode: string | null;
	/** RecognizeGeneralInvoice: the pages of the documents it billed (one per document read). */
	billedPages?: number[];
}

/** What an answer bills by document: RecognizeGeneralInvoice's entries read OK, by page. */
function billedPagesOf(request: ApiRequest, body: object): number[] | undefined {
	if (request.headers['x-tc-action'] !== GENERAL_INVOICE_ACTION) return undefined;
	const items = (body as { Response: { MixedInvoiceItems: Array<{ Code?: unknown; Page?: number }> } }).Response.MixedInvoiceItems;
	return items.filter((item) => billedDocumentCount([item]) === 1).map((item) => item.Page ?? 1);
}

async function answerApi(request: ApiRequest, requestId: string, parts: Collaborators): Promise<ApiAnswer> {
	try {
		const body = await answerAction(request, requestId, parts);
		return { body, errorCode: null, billedPages: billedPagesOf(request, body) };
	} catch (error) {
		const apiError = error instanceof TencentApiError ? error : commonError('InternalError');
		return { body: errorResponseBody(apiError, requestId), errorCode: apiError.code };
	}
}

function requestTooLarge(requestId: string): ApiAnswer {
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
		bodySha256: bodySha256Of(request.body),
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
	const rawFault = parts.faults.rawFault;
	if (rawFault) {
		answerRawFault(rawFault, summary, response, parts);
		return;
	}
	const startedAt = Date.now();
	const arrivedInPeriod = parts.stats.period;
	const requestId = randomUUID();
	const answer = body ? await answerApi(request, requestId, parts) : requestTooLarge(requestId);
	await sleep(parts.faults.latencyForPage(summary.params.PdfPageNumber));
	parts.stats.record({ ...summary, errorCode: answer.errorCode, billedPages: answer.billedPages }, arrivedInPeriod);
	parts.settings.log?.(
		`${summary.action || '-'} ${summary.secretId || '-'} ${summary.region || '-'} → ${answer.errorCode ?? 'OK'} in ${Date.now() - startedAt} ms`,
	);
	sendJson(response, 200, answer.body, request.headers['x-tc-traceid'], parts.faults.truncatesAnswer);
}

const GATEWAY_PAGE = '<html><body><h1>Gateway</h1><p>Not Tencent Cloud.</p></body></html>';

/** Answers in place of Tencent, as a hung server, a gateway or a misconfigured web server would. */
function answerRawFault(fault: RawFault, summary: ReceivedRequest, response: http.ServerResponse, parts: Collaborators): void {
	const errorCode = { hang: 'Fault.NoAnswer', gateway: 'Fault.GatewayStatus', nonJson: 'Fault.NotJson' }[fault.kind];
	parts.stats.record({ ...summary, errorCode });
	parts.settings.log?.(`${summary.action} ${summary.secretId} → ${errorCode} (fault)`);
	if (fault.kind === 'hang') return;
	response.writeHead(fault.kind === 'gateway' ? fault.status : 200, { 'Content-Type': 'text/html' });
	response.end(GATEWAY_PAGE);
}

function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
	});
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const settings = settingsFrom(options);
	const actions = createActions({
		limits: { timeoutMs: settings.downloadTimeoutMs, maxBase64Length: settings.maxBase64Length },
		recognize: settings.recognize,
		verify: settings.verify,
		recognizeOfd: settings.recognizeOfd,
		recognizeGeneral: settings.recognizeGeneral,
		nowMs: settings.nowMs,
	});
	const parts: Collaborators = {
		settings,
		actions,
		rateLimiters: rateLimitersFrom(options),
		faults: new FaultInjector(options.faults),
		stats: new StatsRecorder(),
	};
	const controls: EmulatorControls = {
		stats: (sinceMs) => parts.stats.snapshot(sinceMs),
		faults: () => parts.faults.current(),
		setFaults: (faults) => parts.faults.set(faults),
		reset: () => {
			parts.stats.reset();
			for (const limiter of Object.values(parts.rateLimiters)) limiter.reset();
			parts.faults.set(options.faults ?? {});
		},
	};
	const server = http.createServer((incoming, response) => {
		void (async () => {
			const body = await readBody(incoming, maxBodyBytes(settings));
			const { pathname: path, searchParams } = new URL(incoming.url ?? '/', 'http://emulator.invalid');
			if (path.startsWith(CONTROL_PREFIX)) {
				const answer = answerControl(incoming.method ?? 'GET', path, body ?? Buffer.alloc(0), controls, searchParams);
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
