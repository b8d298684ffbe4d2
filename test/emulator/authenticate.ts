/**
 * The gateway's checks before any business logic, in Tencent's order: protocol, required headers,
 * Authorization format, SecretId, timestamp window, signature, then the session token.
 */
import { timingSafeEqual } from 'node:crypto';

import { COMMON_MESSAGES, TencentApiError, commonError } from './api-error';
import { bodySha256Of } from './request-params';
import {
	canonicalRequest,
	credentialScope,
	deriveSigningKey,
	parseAuthorization,
	signatureOf,
	stringToSign,
	utcDateOf,
	type ParsedAuthorization,
} from './tc3';

export interface EmulatorCredential {
	secretId: string;
	secretKey: string;
	sessionToken?: string;
}

export interface ApiRequest {
	method: string;
	path: string;
	query: string;
	/** One value per lower-cased header name. */
	headers: Record<string, string>;
	body: Buffer;
}

export interface AuthenticationPolicy {
	credentials: EmulatorCredential[];
	service: string;
	timestampWindowSeconds: number;
	nowSeconds: number;
}

const REQUIRED_HEADERS = ['X-TC-Action', 'X-TC-Version', 'X-TC-Timestamp'];
const MANDATORY_SIGNED_HEADERS = ['content-type', 'host'];

export function checkProtocol(request: ApiRequest): void {
	if (request.method !== 'POST') {
		throw new TencentApiError(
			'UnsupportedProtocol',
			`HTTP(S) request protocol error; this emulator only accepts POST with a JSON body, got ${request.method}.`,
		);
	}
	const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') {
		throw new TencentApiError(
			'UnsupportedProtocol',
			`Content-Type must be application/json for Tencent Cloud API 3.0, got \`${mediaType || '(none)'}\`.`,
		);
	}
}

export function checkRequiredHeaders(request: ApiRequest): void {
	const missing = REQUIRED_HEADERS.find((name) => !request.headers[name.toLowerCase()]);
	if (missing) {
		throw new TencentApiError('MissingParameter', `The request is missing a required parameter \`${missing}\`.`);
	}
	if (!request.headers.authorization) {
		throw commonError('AuthFailure.InvalidAuthorization', 'The Authorization header is missing.');
	}
}

export function parseTimestamp(request: ApiRequest): number {
	const text = request.headers['x-tc-timestamp'];
	if (!/^\d+$/.test(text)) {
		throw new TencentApiError(
			'InvalidParameterValue',
			`X-TC-Timestamp must be a Unix timestamp in seconds, got \`${text}\`.`,
		);
	}
	return Number(text);
}

export function parseAuthorizationHeader(request: ApiRequest, expectedService: string): ParsedAuthorization {
	const parsed = parseAuthorization(request.headers.authorization);
	if (!parsed) {
		throw commonError(
			'AuthFailure.InvalidAuthorization',
			'Expected `TC3-HMAC-SHA256 Credential=<SecretId>/<YYYY-MM-DD>/<service>/tc3_request, SignedHeaders=<names>, Signature=<hex>`.',
		);
	}
	const unsigned = MANDATORY_SIGNED_HEADERS.filter((name) => !parsed.signedHeaders.includes(name));
	if (unsigned.length > 0) {
		throw commonError('AuthFailure.InvalidAuthorization', `SignedHeaders must include ${unsigned.join(' and ')}.`);
	}
	if (parsed.service !== expectedService) {
		throw commonError(
			'AuthFailure.InvalidAuthorization',
			`The request was signed for service \`${parsed.service}\`, but it must be \`${expectedService}\` (credential scope <date>/${expectedService}/tc3_request). Use the endpoint ${expectedService}.tencentcloudapi.com, so the SDK signs the right service.`,
		);
	}
	return parsed;
}

export function findCredential(credentials: EmulatorCredential[], secretId: string): EmulatorCredential {
	const credential = credentials.find((candidate) => candidate.secretId === secretId);
	if (!credential) throw commonError('AuthFailure.SecretIdNotFound');
	return credential;
}

export function checkTimestampWindow(timestamp: number, nowSeconds: number, windowSeconds: number): void {
	const skew = timestamp - nowSeconds;
	if (Math.abs(skew) > windowSeconds) {
		throw new TencentApiError(
			'AuthFailure.SignatureExpire',
			`${COMMON_MESSAGES['AuthFailure.SignatureExpire']} Request timestamp ${timestamp} differs from server time ${nowSeconds} by ${skew} s (allowed ±${windowSeconds} s).`,
		);
	}
}

/**
 * The SDK signs `host:<hostname>` without the port while sending `Host: <hostname>:<port>`; with the
 * default port both are equal, so comparing the hostname alone is what Tencent effectively checks.
 */
function hostnameOf(hostHeader: string): string {
	return new URL(`http://${hostHeader}`).hostname;
}

export function expectedSignature(request: ApiRequest, auth: ParsedAuthorization, secretKey: string, timestamp: number): string {
	const headers = { ...request.headers, host: hostnameOf(request.headers.host ?? '') };
	const canonical = canonicalRequest(
		{
			method: request.method,
			path: request.path,
			query: request.query,
			headers,
			signedHeaders: auth.signedHeaders,
			payload: request.body,
		},
		bodySha256Of(request.body),
	);
	const scope = credentialScope(auth.date, auth.service);
	return signatureOf(deriveSigningKey(secretKey, auth.date, auth.service), stringToSign(timestamp, scope, canonical));
}

function sameHex(left: string, right: string): boolean {
	return left.length === right.length && timingSafeEqual(Buffer.from(left), Buffer.from(right));
}

export function checkSignature(request: ApiRequest, auth: ParsedAuthorization, secretKey: string, timestamp: number): void {
	const timestampDate = utcDateOf(timestamp);
	if (auth.date !== timestampDate) {
		throw commonError(
			'AuthFailure.SignatureFailure',
			`The credential date ${auth.date} must be the UTC date of X-TC-Timestamp (${timestampDate}).`,
		);
	}
	if (!sameHex(auth.signature, expectedSignature(request, auth, secretKey, timestamp))) {
		throw commonError('AuthFailure.SignatureFailure');
	}
}

export function checkSessionToken(request: ApiRequest, credential: EmulatorCredential): void {
	const token = request.headers['x-tc-token'];
	if (token === undefined && credential.sessionToken === undefined) return;
	if (token !== credential.sessionToken) {
		const detail = credential.sessionToken
			? 'X-TC-Token is missing or does not belong to this temporary SecretId.'
			: 'X-TC-Token was sent with a permanent SecretId.';
		throw commonError('AuthFailure.TokenFailure', detail);
	}
}

/** Runs the gateway checks in order; answers the matching credential or throws a TencentApiError. */
export function authenticate(request: ApiRequest, policy: AuthenticationPolicy): EmulatorCredential {
	checkProtocol(request);
	checkRequiredHeaders(request);
	const timestamp = parseTimestamp(request);
	const auth = parseAuthorizationHeader(request, policy.service);
	const credential = findCredential(policy.credentials, auth.secretId);
	checkTimestampWindow(timestamp, policy.nowSeconds, policy.timestampWindowSeconds);
	checkSignature(request, auth, credential.secretKey, timestamp);
	checkSessionToken(request, credential);
	return credential;
}
