/** What went wrong on a call, in Tencent's terms or the network's, and what each failure means to the user. */

/**
 * Where a failure came from, which decides whether a call may be sent again:
 * - `tencent`: Tencent answered with an error code;
 * - `unreached`: the request never reached Tencent (refused connection, DNS, TLS handshake, no connection in time);
 * - `noAnswer`: the request was sent but no complete answer came (timeout, reset, cut-off body, a gateway's 5xx);
 * - `gateway`: an HTTP 4xx from something between n8n and Tencent (a proxy or gateway);
 * - `notTencent`: an answer that is not Tencent Cloud API 3.0 JSON;
 * - `tooLarge`: an answer over the size cap;
 * - `local`: the node's own error (a bug), found before or after the call;
 * - `cancelled`: the execution was stopped.
 */
export type FailureSource =
	| 'tencent'
	| 'unreached'
	| 'noAnswer'
	| 'gateway'
	| 'notTencent'
	| 'tooLarge'
	| 'local'
	| 'cancelled';

export interface TencentFailure {
	source: FailureSource;
	/** Tencent's error code (e.g. `AuthFailure.SignatureFailure`), only for `tencent` failures. */
	code?: string;
	/** Tencent's own message, or the network's words; never a secret. */
	message: string;
	requestId?: string;
	/** The HTTP status of a `gateway` or `noAnswer` answer. */
	httpStatus?: number;
	/** The Endpoint as the user gave it (e.g. `http://127.0.0.1:9000`), for failures that name an address. */
	endpoint?: string;
	/** The action called and its default quota per second, for messages that name them (set by the caller). */
	action?: string;
	quotaPerSecond?: number;
}

/** One attempt's failure, thrown by the client and the caller; scrubbed of secrets when made. */
export class CallFailure extends Error implements TencentFailure {
	readonly source: FailureSource;
	readonly code?: string;
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly endpoint?: string;
	readonly action?: string;
	readonly quotaPerSecond?: number;

	constructor(failure: TencentFailure) {
		super(failure.message);
		this.name = 'CallFailure';
		this.source = failure.source;
		this.code = failure.code;
		this.requestId = failure.requestId;
		this.httpStatus = failure.httpStatus;
		this.endpoint = failure.endpoint;
		this.action = failure.action;
		this.quotaPerSecond = failure.quotaPerSecond;
	}
}

export interface ExplainedFailure {
	message: string;
	hint: string;
}

const CONSOLE_API_KEYS = 'https://console.cloud.tencent.com/cam/capi';
const CONSOLE_OCR = 'https://console.cloud.tencent.com/ocr';

const NOT_ALLOWED: ExplainedFailure = {
	message: 'This key is not allowed to call this OCR action',
	hint: 'In Tencent Cloud CAM, grant the key\'s user a policy that allows "ocr:VatInvoiceOCR" (Recognize), "ocr:VerifyOfdVatInvoiceOCR" (OFD files) and "ocr:VatInvoiceVerifyNew" (Verify), "ocr:RecognizeGeneralInvoice" (Recognize Any Invoice or Receipt), or QcloudOCRFullAccess.',
};

const UNDECODABLE: ExplainedFailure = {
	message: 'Tencent Cloud could not decode the file',
	hint: 'Send an intact PNG, JPEG, PDF or OFD file (GIF is not supported); re-export it if it may be damaged.',
};

/** Messages a user understands, each with how to fix it. Keyed by Tencent's error codes. */
const EXPLANATIONS: Record<string, ExplainedFailure> = {
	'AuthFailure.SecretIdNotFound': {
		message: 'Tencent Cloud does not know this Secret ID',
		hint: `Check the Secret ID in the credential: copy it again from ${CONSOLE_API_KEYS}. A deleted or disabled key gives this error too.`,
	},
	'AuthFailure.InvalidSecretId': {
		message: 'The Secret ID is not a valid Tencent Cloud Secret ID',
		hint: `Secret IDs start with "AKID". Copy it again from ${CONSOLE_API_KEYS}.`,
	},
	'AuthFailure.SignatureFailure': {
		message: 'The signature does not match: the Secret Key is wrong for this Secret ID',
		hint: `Check the Secret Key in the credential: it must belong to the same key pair as the Secret ID (${CONSOLE_API_KEYS}).`,
	},
	'AuthFailure.SignatureExpire': {
		message: "The request's timestamp is more than 5 minutes away from Tencent Cloud's clock",
		hint: 'Set the clock of the machine that runs n8n right (enable NTP time synchronisation), then try again.',
	},
	'AuthFailure.TokenFailure': {
		message: 'The Session Token is invalid or has expired',
		hint: 'Temporary (STS) credentials expire: get a new Secret ID, Secret Key and Session Token together, or clear Session Token when using a permanent key.',
	},
	'AuthFailure.InvalidAuthorization': {
		message: 'Tencent Cloud could not read the request signature',
		hint: 'Check that Endpoint points at a Tencent Cloud OCR endpoint (e.g. ocr.tencentcloudapi.com) and that no proxy rewrites the request headers.',
	},
	'AuthFailure.UnauthorizedOperation': NOT_ALLOWED,
	UnauthorizedOperation: NOT_ALLOWED,
	InternalError: {
		message: 'Tencent Cloud had an internal error',
		hint: 'Try again in a moment. If it persists, contact Tencent Cloud support with the Request ID.',
	},
	'FailedOperation.UnOpenError': {
		message: 'The OCR service is not activated for this Tencent Cloud account',
		hint: `Open the OCR service in the Tencent Cloud console (${CONSOLE_OCR}), then try again.`,
	},
	'FailedOperation.DownLoadError': {
		message: 'Tencent Cloud could not download the file from the URL',
		hint: 'The URL must be reachable from the internet and download within 3 seconds. Otherwise download it in n8n first and use Binary File input.',
	},
	'FailedOperation.EmptyImageError': {
		message: 'Tencent Cloud received an empty image',
		hint: 'Check that the file or URL holds the invoice and is not 0 bytes.',
	},
	'FailedOperation.ImageBlur': {
		message: 'The image is too blurred to read',
		hint: 'Scan or photograph the invoice again, sharper and at a higher resolution.',
	},
	'FailedOperation.ImageDecodeFailed': UNDECODABLE,
	'InvalidParameter.EngineImageDecodeFailed': UNDECODABLE,
	'FailedOperation.ImageNoText': {
		message: 'No text was found on the image',
		hint: 'Check that the file shows an invoice, and for a PDF that the right page is selected.',
	},
	'FailedOperation.ImageSizeTooLarge': {
		message: 'The file is larger than Tencent Cloud accepts',
		hint: 'Keep files under 10 MB once base64-encoded and images between 20 and 10,000 pixels a side: compress or scale the scan down.',
	},
	'FailedOperation.OcrFailed': {
		message: 'Tencent Cloud could not recognize the invoice',
		hint: 'Try a clearer scan of the invoice. If it persists, contact Tencent Cloud support with the Request ID.',
	},
	'FailedOperation.UnKnowError': {
		message: 'Tencent Cloud failed with an unknown error',
		hint: 'Try again in a moment. If it persists, contact Tencent Cloud support with the Request ID.',
	},
	'ResourceUnavailable.InArrears': {
		message: 'The Tencent Cloud account is in arrears',
		hint: 'Top up the account in the Tencent Cloud console, then try again.',
	},
	'ResourceUnavailable.ResourcePackageRunOut': {
		message: 'The OCR resource package is used up',
		hint: 'Buy a new resource package or switch to pay-as-you-go in the Tencent Cloud OCR console.',
	},
	'ResourcesSoldOut.ChargeStatusException': {
		message: 'The OCR service is suspended for billing reasons',
		hint: 'Check the account\'s billing status in the Tencent Cloud console.',
	},
	'FailedOperation.ArrearsError': {
		message: 'The Tencent Cloud account is in arrears',
		hint: 'Top up the account in the Tencent Cloud console, then try again.',
	},
	'InvalidParameterValue.PriceOrVerificationParameterValueLimit': {
		message: 'The amount or check code does not suit this kind of invoice',
		hint: 'Special invoices are verified with the amount before tax, ordinary ones with the check code\'s last six digits, fully digital ones with the total including tax. Check the values read from the invoice.',
	},
	'InvalidParameterValue.TicketCodeParameterValueLimit': {
		message: 'The invoice code is not valid',
		hint: 'Invoice codes have 10 or 12 digits; fully digital invoices have none (leave Invoice Code empty).',
	},
	'InvalidParameterValue.TicketDateParameterValueLimit': {
		message: 'The issue date cannot be verified',
		hint: 'Give the issue date as YYYY-MM-DD, not in the future and at most five years ago.',
	},
	'InvalidParameterValue.TicketSnParameterValueLimit': {
		message: 'The invoice number is not valid',
		hint: 'Invoice numbers have 8 digits, or 20 for fully digital invoices.',
	},
	'ResourceUnavailable.TaxNetworkError': {
		message: "The tax authority's service did not answer",
		hint: 'Try again later; the node retries this by itself up to Max Retries.',
	},
	InvalidParameterValue: {
		message: 'Tencent Cloud rejected a parameter value',
		hint: 'For a PDF, check that Page Number is not beyond the last page.',
	},
};

/** Codes that mean the credential itself (keys, token, clock, region, account) is at fault. */
export function isCredentialProblem(code: string | undefined): boolean {
	if (!code) return false;
	return (
		code.startsWith('AuthFailure') ||
		code.startsWith('UnauthorizedOperation') ||
		code.startsWith('ResourceUnavailable') ||
		code.startsWith('ResourcesSoldOut') ||
		code === 'UnsupportedRegion' ||
		code === 'FailedOperation.UnOpenError'
	);
}

/** Tencent's codes read like `AuthFailure.SignatureFailure`; Node's network codes like `ECONNRESET`. */
const TENCENT_CODE = /^[A-Z][a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * node-fetch's words for a request that failed without an answer, around the URL it was sent to
 * (which holds whatever the user typed in the Endpoint): the SDK keeps only this message.
 */
const FETCH_FAILED = (url: string) => `request to ${url} failed, reason: `;

/**
 * Node's own words for a connection that failed before a byte of the request was written, each
 * anchored at the reason's start: the connect and DNS errors name an address or host after a fixed
 * token, and OpenSSL's certificate checks are whole sentences (or one fixed prefix, for altnames).
 * A host name can only stand after an anchored token here, so it cannot change the class.
 */
const NEVER_SENT_REASONS: readonly RegExp[] = [
	/^connect (ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH) [0-9A-Fa-f:.]+$/,
	/^getaddrinfo (ENOTFOUND|EAI_AGAIN) [^\s]+$/,
	/^(self[- ]signed certificate|self[- ]signed certificate in certificate chain|unable to verify the first certificate|unable to get local issuer certificate|unable to get issuer certificate|certificate has expired|certificate is not yet valid|certificate has been revoked|certificate signature failure|certificate not trusted|unsuitable certificate purpose)$/,
	/^Hostname\/IP does not match certificate's altnames: /,
];

/**
 * Whether a request the SDK reports as failed (its message, with the exact URL it was sent to) may
 * have reached Tencent. The known prefix is stripped as a whole, never searched for; the reason after
 * it is read by NEVER_SENT_REASONS. Anything else (a reset, a hang-up, a timeout, an unknown or
 * differently shaped message) may have been sent, so it is never resent where that could bill twice.
 */
export function networkFailureSource(message: string, sentUrl: string): 'unreached' | 'noAnswer' {
	const prefix = FETCH_FAILED(sentUrl);
	if (!message.startsWith(prefix)) return 'noAnswer';
	const reason = message.slice(prefix.length);
	return NEVER_SENT_REASONS.some((pattern) => pattern.test(reason)) ? 'unreached' : 'noAnswer';
}

/**
 * Reads whatever a call threw: the caller's and client's own failures as they are, an SDK
 * exception by its code or, without one, by its words; anything else is the node's own error.
 */
export function toTencentFailure(error: unknown): TencentFailure {
	const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	const message = text(fields.message) ?? String(error);
	const base = { message, requestId: text(fields.requestId), endpoint: text(fields.endpoint) };
	const httpStatus = typeof fields.httpStatus === 'number' ? fields.httpStatus : undefined;
	if (typeof fields.source === 'string') {
		const quotaPerSecond = typeof fields.quotaPerSecond === 'number' ? fields.quotaPerSecond : undefined;
		return { ...base, source: fields.source as FailureSource, code: text(fields.code), httpStatus, action: text(fields.action), quotaPerSecond };
	}
	const code = text(fields.code);
	if (code !== undefined && TENCENT_CODE.test(code)) return { ...base, source: 'tencent', code };
	// The SDK's own exception (it carries a traceId) wraps every failure of the HTTP request itself; without
	// the URL it was sent to (see networkFailureSource), it may have been sent.
	if (typeof fields.traceId === 'string') return { ...base, source: 'noAnswer' };
	const name = error instanceof Error ? error.name : 'Error';
	return { ...base, source: 'local', message: message.startsWith(name) ? message : `${name}: ${message}` };
}

const where = (failure: TencentFailure) => (failure.endpoint ? ` at ${failure.endpoint}` : '');

/** A failure without a Tencent code, told by where it came from. */
function explainUncoded(failure: TencentFailure): ExplainedFailure {
	const settings = "Check the network between n8n and Tencent Cloud, and the credential's Endpoint and Proxy settings.";
	switch (failure.source) {
		case 'unreached':
			return {
				message: `Could not reach Tencent Cloud${where(failure)}`,
				// The network's own words go in the hint: n8n swaps a message naming ECONNREFUSED & co. for a generic one.
				hint: `The connection failed before the request was sent (${failure.message}), so nothing was billed. ${settings}`,
			};
		case 'noAnswer':
			return {
				message: `No answer from Tencent Cloud${where(failure)}`,
				hint: `The request was sent but no complete answer came back (${failure.message}); Tencent may have billed it. ${settings}`,
			};
		case 'gateway':
			return {
				message: `HTTP ${failure.httpStatus ?? '4xx'} from a proxy or gateway${where(failure)}, not from Tencent Cloud`,
				hint: `Tencent Cloud answers every API call with HTTP 200; this answer (${failure.message}) came from something in between. Check the credential's Endpoint and Proxy${failure.httpStatus === 407 ? ' (407: the proxy wants a user name and password in the Proxy URL)' : ''}.`,
			};
		case 'notTencent':
			return {
				message: `The answer${where(failure)} is not Tencent Cloud's`,
				hint: `Expected Tencent Cloud API 3.0 JSON, got ${failure.message}. Check that the credential's Endpoint points at Tencent Cloud OCR (e.g. ocr.tencentcloudapi.com) and that no proxy rewrites answers.`,
			};
		case 'tooLarge':
			return {
				message: `The answer${where(failure)} is too large`,
				hint: `${failure.message}. Tencent's OCR answers are a few kilobytes: check that the credential's Endpoint points at Tencent Cloud OCR.`,
			};
		case 'cancelled':
			return {
				message: 'The execution was stopped',
				hint: 'Calls under way were aborted and no new call was made.',
			};
		default:
			return {
				message: 'The node failed with an unexpected error: a bug in the node',
				hint: `${failure.message}. Please report it to the package's maintainers, with the kind of input that caused it (never the credential).`,
			};
	}
}

/** Explanations that name the action called and its own quota (Verify's is 20/s, VatInvoiceOCR's 10/s). */
function explainForAction(failure: TencentFailure): ExplainedFailure | undefined {
	const action = failure.action ?? 'this action';
	if (failure.code === 'UnsupportedRegion') {
		return {
			message: `${failure.action ?? 'This action'} is not offered in the region set in the credential`,
			hint: 'Choose one of the regions Tencent Cloud OCR serves: ap-beijing, ap-guangzhou, ap-hongkong, ap-shanghai or na-toronto.',
		};
	}
	if (failure.code === 'RequestLimitExceeded') {
		const quota = failure.quotaPerSecond ? `${action} allows ${failure.quotaPerSecond} requests per second by default` : 'see its quota in the Tencent Cloud console';
		return {
			message: `Too many requests: the account's rate limit for ${action} was reached`,
			hint: `Lower the request rate (${quota}), or buy a higher quota in the Tencent Cloud console.`,
		};
	}
	return undefined;
}

export function explainFailure(failure: TencentFailure): ExplainedFailure {
	if (!failure.code) return explainUncoded(failure);
	const known = EXPLANATIONS[failure.code] ?? explainForAction(failure);
	if (known) return known;
	return {
		message: `Tencent Cloud answered ${failure.code}: ${failure.message}`,
		hint: `See Tencent Cloud's error code list for ${failure.action ?? 'the action called'}; if it persists, contact Tencent Cloud support with the Request ID.`,
	};
}

/** Replaces every secret value in a text, so that no message, hint or item carries one. */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let scrubbed = text;
	for (const secret of secrets) {
		if (secret) scrubbed = scrubbed.split(secret).join('***');
	}
	return scrubbed;
}
