/** What went wrong on a call, in Tencent's terms, whichever way the SDK reported it. */
export interface TencentFailure {
	/** Tencent's error code (e.g. `AuthFailure.SignatureFailure`); absent for network failures. */
	code?: string;
	/** Tencent's own message, or the network error's. */
	message: string;
	requestId?: string;
}

export interface ExplainedFailure {
	message: string;
	hint: string;
}

const CONSOLE_API_KEYS = 'https://console.cloud.tencent.com/cam/capi';
const CONSOLE_OCR = 'https://console.cloud.tencent.com/ocr';

const NOT_ALLOWED: ExplainedFailure = {
	message: 'This key is not allowed to call this OCR action',
	hint: 'In Tencent Cloud CAM, grant the key\'s user a policy that allows "ocr:VatInvoiceOCR" (Recognize), "ocr:VerifyOfdVatInvoiceOCR" (OFD files) and "ocr:VatInvoiceVerifyNew" (Verify), or QcloudOCRFullAccess.',
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
	UnsupportedRegion: {
		message: 'VatInvoiceOCR is not offered in the region set in the credential',
		hint: 'Choose one of the regions VatInvoiceOCR serves: ap-beijing, ap-guangzhou, ap-hongkong, ap-shanghai or na-toronto.',
	},
	RequestLimitExceeded: {
		message: "Too many requests: the account's rate limit for VatInvoiceOCR was reached",
		hint: 'Lower the request rate (VatInvoiceOCR allows 10 requests per second by default), or buy a higher quota in the Tencent Cloud console.',
	},
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

/** Reads the SDK's exception (or anything thrown on the way) without keeping its request details. */
export function toTencentFailure(error: unknown): TencentFailure {
	const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	const code = text(fields.code);
	return {
		code: code !== undefined && TENCENT_CODE.test(code) ? code : undefined,
		message: text(fields.message) ?? String(error),
		requestId: text(fields.requestId),
	};
}

export function explainFailure(failure: TencentFailure): ExplainedFailure {
	if (!failure.code) {
		// The network's own words go in the hint: n8n swaps a message naming ECONNREFUSED & co. for a generic one.
		return {
			message: 'Could not reach Tencent Cloud',
			hint: `The connection failed (${failure.message}). Check the network between n8n and Tencent Cloud, and the credential's Endpoint and Proxy settings.`,
		};
	}
	const known = EXPLANATIONS[failure.code];
	if (known) return known;
	return {
		message: `Tencent Cloud answered ${failure.code}: ${failure.message}`,
		hint: 'See Tencent Cloud\'s error code list for VatInvoiceOCR; if it persists, contact Tencent Cloud support with the Request ID.',
	};
}
