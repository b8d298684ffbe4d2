/** The failure answer of Tencent Cloud API 3.0: HTTP 200 with Response.Error {Code, Message}. */
export class TencentApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'TencentApiError';
	}
}

export interface ErrorResponseBody {
	Response: { Error: { Code: string; Message: string }; RequestId: string };
}

export function errorResponseBody(error: TencentApiError, requestId: string): ErrorResponseBody {
	return { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } };
}

/** Tencent's English wording for the common codes; a check adds the specifics after it. */
export const COMMON_MESSAGES = {
	'AuthFailure.InvalidAuthorization': 'Authorization in the request header is invalid.',
	'AuthFailure.SecretIdNotFound':
		'The SecretId is not found, please ensure that your SecretId is correct. Note that whitespaces should not exist before or after the key.',
	'AuthFailure.SignatureExpire':
		'Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time.',
	'AuthFailure.SignatureFailure':
		'The provided credentials could not be validated. Please check your signature is correct.',
	'AuthFailure.TokenFailure': 'Token error.',
	InternalError: 'An internal error has occurred. Retry your request, but if the problem persists, contact us.',
	RequestLimitExceeded: 'The number of requests exceeds the frequency limit.',
} as const;

export function commonError(code: keyof typeof COMMON_MESSAGES, detail?: string): TencentApiError {
	return new TencentApiError(code, detail ? `${COMMON_MESSAGES[code]} ${detail}` : COMMON_MESSAGES[code]);
}
