/** The SDK client for the credential: keys checked, Endpoint routed, answers capped and read; the actions it calls. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ocr } from 'tencentcloud-sdk-nodejs-ocr';
import type {
	RecognizeGeneralInvoiceRequest,
	RecognizeGeneralInvoiceResponse,
	VatInvoiceOCRRequest,
	VatInvoiceOCRResponse,
	VatInvoiceVerifyNewRequest,
	VatInvoiceVerifyNewResponse,
	VerifyOfdVatInvoiceOCRRequest,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { SettingsError } from '../../errors';
import { proxyUrlForSdk, sdkRouteOf } from './proxy';
import { settled } from './settled';
import { BodyScratch, plainRequest, requestJson, requestJsonLength, type WithFileContent } from './requestBody';
import { resolveOcrEndpoint, sdkUrlOf, type OcrEndpoint } from './endpoint';
import { CallFailure, networkFailureSource, scrubSecrets, toTencentFailure, type TencentFailure } from '../failures/failures';

/** The `tencentCloudApi` credential's fields, as the node uses them. */
export interface TencentCloudCredentials {
	secretId: string;
	secretKey: string;
	region: string;
	sessionToken?: string;
	endpoint?: string;
	/** The proxy's scheme, host and port, never with user info (see ./proxy). */
	proxyUrl?: string;
	proxyUsername?: string;
	/** As typed: a password may begin or end with a space. */
	proxyPassword?: string;
}

/** The actions the node calls, with their request and response types. */
export interface OcrActions {
	VatInvoiceOCR: [WithFileContent<VatInvoiceOCRRequest>, VatInvoiceOCRResponse];
	VatInvoiceVerifyNew: [VatInvoiceVerifyNewRequest, VatInvoiceVerifyNewResponse];
	VerifyOfdVatInvoiceOCR: [WithFileContent<VerifyOfdVatInvoiceOCRRequest>, VerifyOfdVatInvoiceOCRResponse];
	RecognizeGeneralInvoice: [WithFileContent<RecognizeGeneralInvoiceRequest>, RecognizeGeneralInvoiceResponse];
}
export type OcrAction = keyof OcrActions;
export type OcrRequest<A extends OcrAction> = OcrActions[A][0];
export type OcrResponse<A extends OcrAction> = OcrActions[A][1];

/** Each action's default quota, in requests per second, as Tencent documents it. */
export const ACTION_QUOTAS: Record<OcrAction, number> = {
	VatInvoiceOCR: 10,
	VatInvoiceVerifyNew: 20,
	VerifyOfdVatInvoiceOCR: 10,
	RecognizeGeneralInvoice: 5,
};

/**
 * Whether a call that got no answer may be sent again. Recognition at worst bills a page twice;
 * a verification also uses one of the invoice's five tax-authority queries a day, so never; and
 * RecognizeGeneralInvoice bills every document of up to 30 pages, which no page may be billed twice for.
 */
export const MAY_RESEND_AFTER_NO_ANSWER: Record<OcrAction, boolean> = {
	VatInvoiceOCR: true,
	VatInvoiceVerifyNew: false,
	VerifyOfdVatInvoiceOCR: true,
	RecognizeGeneralInvoice: false,
};

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Tencent's OCR answers are kilobytes; anything near this is not Tencent's. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Printable ASCII without spaces: what Tencent's keys are made of, and what an HTTP header can carry as is. */
const HEADER_SAFE = /^[\x21-\x7e]*$/;

/** Names the first character that cannot go in a header, by code point and position, never the value. */
function refuseUnsendable(fieldName: string, value: string | undefined): void {
	if (value === undefined || HEADER_SAFE.test(value)) return;
	const index = [...value].findIndex((character) => !HEADER_SAFE.test(character));
	const codePoint = [...value][index].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
	throw new SettingsError(
		`The credential's ${fieldName} contains a character that cannot be sent (U+${codePoint} at position ${index + 1})`,
		`Copy the ${fieldName} again from the Tencent Cloud console and paste it alone: line breaks, spaces, zero-width and other non-ASCII characters are not part of it.`,
	);
}

export function readTencentCredentials(data: ICredentialDataDecryptedObject): TencentCloudCredentials {
	const secretId = optionalText(data.secretId);
	const secretKey = optionalText(data.secretKey);
	if (!secretId || !secretKey) {
		throw new SettingsError(
			'The Tencent Cloud credential has no Secret ID or Secret Key',
			'Open the credential and fill in both, from https://console.cloud.tencent.com/cam/capi.',
		);
	}
	const credentials: TencentCloudCredentials = {
		secretId,
		secretKey,
		region: optionalText(data.region) ?? 'ap-guangzhou',
		sessionToken: optionalText(data.sessionToken),
		endpoint: optionalText(data.endpoint),
		proxyUrl: optionalText(data.proxyUrl),
		proxyUsername: optionalText(data.proxyUsername),
		proxyPassword: typeof data.proxyPassword === 'string' && data.proxyPassword !== '' ? data.proxyPassword : undefined,
	};
	proxyUrlForSdk(credentials);
	refuseUnsendable('Secret ID', credentials.secretId);
	refuseUnsendable('Secret Key', credentials.secretKey);
	refuseUnsendable('Session Token', credentials.sessionToken);
	refuseUnsendable('Region', credentials.region);
	return credentials;
}

/** The values no message may carry: the keys, the token and a proxy's password. */
function secretsOf(credentials: TencentCloudCredentials): string[] {
	const { proxyPassword } = credentials;
	const secrets = [credentials.secretKey, credentials.sessionToken, credentials.secretId, proxyPassword];
	// The proxy URL given to the SDK holds the password percent-encoded: that form is hidden too.
	if (proxyPassword !== undefined) secrets.push(encodeURIComponent(proxyPassword));
	return secrets.filter((secret): secret is string => secret !== undefined && secret !== '');
}

/** What the node needs of node-fetch's Response, which the SDK hands to `parseResponse`. */
interface FetchResponse {
	status: number;
	statusText: string;
	headers: { get(name: string): string | null };
	body: AsyncIterable<Buffer> & { destroy?: () => void };
}

async function readCappedBody(response: FetchResponse): Promise<Buffer> {
	const tooLarge = () =>
		new CallFailure({ source: 'tooLarge', message: `The answer is over ${MAX_ANSWER_BYTES / 1024 / 1024} MB` });
	if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER_BYTES) {
		response.body.destroy?.();
		throw tooLarge();
	}
	const chunks: Buffer[] = [];
	let size = 0;
	const read = await settled(
		(async () => {
			for await (const chunk of response.body) {
				size += chunk.length;
				if (size > MAX_ANSWER_BYTES) {
					response.body.destroy?.();
					throw tooLarge();
				}
				chunks.push(chunk);
			}
		})(),
	);
	if (read.ok) return Buffer.concat(chunks);
	const error = read.error as Error;
	if (error instanceof CallFailure || error.name === 'AbortError') throw error;
	throw new CallFailure({ source: 'noAnswer', message: `the answer was cut off (${error.message})` });
}

/** A body's JSON, or NOT_JSON when it is not JSON. */
const NOT_JSON = Symbol('not JSON');
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Tencent answers HTTP 200 with `{"Response": …}`, an error inside it; anything else is someone else's answer. */
async function readAnswer(response: FetchResponse): Promise<unknown> {
	if (response.status !== 200) {
		response.body.destroy?.();
		const status = `HTTP ${response.status} ${response.statusText}`.trim();
		// A gateway's 5xx may come after Tencent got the request: treat it like no answer.
		throw new CallFailure({ source: response.status >= 500 ? 'noAnswer' : 'gateway', httpStatus: response.status, message: status });
	}
	const body = await readCappedBody(response);
	const answer = parseJson(body.toString('utf8'));
	if (answer === NOT_JSON) {
		// JSON that breaks off was cut on the way: Tencent may have answered (and billed) it.
		if (/^\s*\{/.test(body.toString('utf8', 0, 64))) {
			throw new CallFailure({ source: 'noAnswer', message: `the answer was cut off after ${body.length} bytes` });
		}
		const contentType = response.headers.get('content-type') ?? 'no content type';
		throw new CallFailure({ source: 'notTencent', message: `${body.length} bytes of ${contentType} that are not JSON` });
	}
	const tencentAnswer = isRecord(answer) ? answer.Response : undefined;
	if (!isRecord(tencentAnswer)) {
		throw new CallFailure({ source: 'notTencent', message: 'JSON without a "Response" object' });
	}
	if (isRecord(tencentAnswer.Error)) {
		const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
		throw new CallFailure({
			source: 'tencent',
			code: text(tencentAnswer.Error.Code) ?? 'UnknownError',
			message: text(tencentAnswer.Error.Message) ?? '',
			requestId: text(tencentAnswer.RequestId),
		});
	}
	return tencentAnswer;
}

/**
 * The SDK serializes each request twice with json-bigint (to send it and to sign it); for a 5 MB
 * PDF that and the long strings it builds cost more CPU than the rest of the call (the CHANGELOG
 * has the bench's figures before and after). json-bigint writes the text that a
 * BigNumber's toJSON() returns as it is, so the body, written once by requestJson, goes to the SDK
 * as such a value and both passes just hand it on. That is how json-bigint 1.0.0 works, not a
 * promise of the SDK: only the SDK versions listed here get it, each checked by a test that
 * compares what Tencent receives both ways. Any other version is given the plain request.
 */
export const SDK_VERSIONS_SENDING_JSON_AS_GIVEN: ReadonlySet<string> = new Set(['SDK_NODEJS_4.1.220']);
const asGivenJson = (json: string) => ({ _isBigNumber: true, toJSON: () => json });

/**
 * A request made ready for the SDK once, before its call waits for its turn: every attempt sends it
 * as it is, and nothing heavy runs between the pace's turn and the request leaving.
 */
export interface PreparedRequest<A extends OcrAction> {
	readonly action: A;
	/** What the SDK is handed: the body as written (see asGivenJson) or the plain request. */
	readonly sdkRequest: object;
}

/** Sends one request to one OCR action; every failure is a CallFailure without secrets. */
export interface OcrClient {
	readonly endpoint: OcrEndpoint;
	/** The bytes of the body `prepare` would write, before it is written. */
	bodyLength(request: object): number;
	prepare<A extends OcrAction>(action: A, request: OcrRequest<A>): PreparedRequest<A>;
	send<A extends OcrAction>(request: PreparedRequest<A>, signal: AbortSignal): Promise<OcrResponse<A>>;
}

/** A request stopped by its signal; whether it may have reached Tencent by then (once handed to the SDK, it may). */
export class RequestAborted extends Error {
	constructor(readonly mayHaveBeenSent: boolean) {
		super('The operation was aborted');
		this.name = 'AbortError';
	}
}

/** The SDK's httpProfile, as its types name it. */
type SdkHttpProfile = NonNullable<NonNullable<ConstructorParameters<typeof ocr.v20181119.Client>[0]['profile']>['httpProfile']>;

class SdkOcrClient implements OcrClient {
	private readonly sdk: InstanceType<typeof ocr.v20181119.Client>;
	private readonly secrets: string[];
	private readonly sdkSendsJsonAsGiven: boolean;
	private readonly bodyScratch = new BodyScratch();

	constructor(
		credentials: TencentCloudCredentials,
		readonly endpoint: OcrEndpoint,
	) {
		this.secrets = secretsOf(credentials);
		this.sdk = new ocr.v20181119.Client({
			credential: { secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.sessionToken },
			region: credentials.region,
			profile: {
				httpProfile: {
					endpoint: endpoint.sdkEndpoint,
					protocol: endpoint.sdkProtocol,
					// 0 turns node-fetch's own timer off: the caller's AbortSignal is the one timeout.
					reqTimeout: 0,
					// The credential's Proxy, or an agent always: with neither, the SDK would fall back to the
					// http_proxy variable for every request. node-fetch takes a function where the SDK's types say Agent.
					...(sdkRouteOf(credentials) as Pick<SdkHttpProfile, 'agent' | 'proxy'>),
				},
			},
		});
		// The SDK's parseResponse reads any body whole and trusts its shape (private in its types, so set here).
		Object.assign(this.sdk, { parseResponse: readAnswer });
		this.sdkSendsJsonAsGiven = SDK_VERSIONS_SENDING_JSON_AS_GIVEN.has(this.sdk.sdkVersion);
	}

	bodyLength(request: object): number {
		return requestJsonLength(request);
	}

	prepare<A extends OcrAction>(action: A, request: OcrRequest<A>): PreparedRequest<A> {
		const sdkRequest = this.sdkSendsJsonAsGiven ? asGivenJson(requestJson(request, this.bodyScratch)) : plainRequest(request);
		return { action, sdkRequest };
	}

	async send<A extends OcrAction>({ action, sdkRequest }: PreparedRequest<A>, signal: AbortSignal): Promise<OcrResponse<A>> {
		if (signal.aborted) throw new RequestAborted(false);
		const answered = await settled(this.sdk.request(action, sdkRequest, { signal }));
		if (answered.ok) return answered.value as OcrResponse<A>;
		if (signal.aborted) throw new RequestAborted(true);
		const error = answered.error;
		// The answer's own failures (read by readAnswer) come as they are; the SDK wraps those of the request itself.
		if (error instanceof CallFailure) throw new CallFailure(this.inUserTerms(toTencentFailure(error)));
		const failure = toTencentFailure(error);
		// Read against the exact URL the SDK sent to, before that URL is put in the user's terms.
		const source = failure.source === 'noAnswer' ? networkFailureSource(failure.message, sdkUrlOf(this.endpoint)) : failure.source;
		throw new CallFailure(this.inUserTerms({ ...failure, source, requestId: undefined }));
	}

	/** Names the Endpoint as the user typed it, and drops every secret from what Tencent or the network said. */
	private inUserTerms(failure: TencentFailure): TencentFailure {
		const scrub = (text: string) => scrubSecrets(text.split(sdkUrlOf(this.endpoint)).join(this.endpoint.origin), this.secrets);
		return {
			...failure,
			message: scrub(failure.message),
			code: failure.code === undefined ? undefined : scrub(failure.code),
			requestId: failure.requestId === undefined ? undefined : scrub(failure.requestId),
			endpoint: this.endpoint.origin,
		};
	}
}

export function createOcrClient(credentials: TencentCloudCredentials): OcrClient {
	return new SdkOcrClient(credentials, resolveOcrEndpoint(credentials.endpoint));
}
