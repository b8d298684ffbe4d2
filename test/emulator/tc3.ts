/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0 "signature v3", as pure functions.
 * Written from the published spec (CanonicalRequest → StringToSign → derived key → signature).
 */
import { createHash, createHmac } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
const SCOPE_TERMINATOR = 'tc3_request';

export interface CanonicalRequestParts {
	method: string;
	path: string;
	query: string;
	/** Header values by lower-cased name; only the signed ones are read. */
	headers: Record<string, string>;
	signedHeaders: string[];
	payload: string | Buffer;
}

export interface SigningInput extends CanonicalRequestParts {
	secretId: string;
	secretKey: string;
	service: string;
	timestamp: number;
}

export interface SigningResult {
	canonicalRequest: string;
	stringToSign: string;
	signature: string;
	authorization: string;
}

export interface ParsedAuthorization {
	secretId: string;
	date: string;
	service: string;
	signedHeaders: string[];
	signature: string;
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmacSha256(key: string | Buffer, message: string): Buffer {
	return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** The UTC calendar date of a Unix timestamp in seconds, as YYYY-MM-DD. */
export function utcDateOf(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(date: string, service: string): string {
	return `${date}/${service}/${SCOPE_TERMINATOR}`;
}

/** Names and values lower-cased and trimmed, sorted by name, one "name:value\n" each (the spec's rule). */
export function canonicalHeaders(headers: Record<string, string>, signedHeaders: string[]): string {
	return [...signedHeaders]
		.map((name) => name.toLowerCase())
		.sort()
		.map((name) => `${name}:${(headers[name] ?? '').trim().toLowerCase()}\n`)
		.join('');
}

/** `payloadSha256`: the payload's hash when the caller already has it (a body is hashed once). */
export function canonicalRequest(parts: CanonicalRequestParts, payloadSha256 = sha256Hex(parts.payload)): string {
	const signedHeaderList = parts.signedHeaders.map((name) => name.toLowerCase()).sort();
	return [
		parts.method.toUpperCase(),
		parts.path,
		parts.query,
		canonicalHeaders(parts.headers, signedHeaderList),
		signedHeaderList.join(';'),
		payloadSha256,
	].join('\n');
}

export function stringToSign(timestamp: number, scope: string, canonicalRequestText: string): string {
	return [TC3_ALGORITHM, String(timestamp), scope, sha256Hex(canonicalRequestText)].join('\n');
}

export function deriveSigningKey(secretKey: string, date: string, service: string): Buffer {
	const secretDate = hmacSha256(`TC3${secretKey}`, date);
	const secretService = hmacSha256(secretDate, service);
	return hmacSha256(secretService, SCOPE_TERMINATOR);
}

export function signatureOf(signingKey: Buffer, stringToSignText: string): string {
	return createHmac('sha256', signingKey).update(stringToSignText, 'utf8').digest('hex');
}

export function formatAuthorization(secretId: string, scope: string, signedHeaders: string[], signature: string): string {
	const signedHeaderList = signedHeaders.map((name) => name.toLowerCase()).sort().join(';');
	return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaderList}, Signature=${signature}`;
}

export function signRequest(input: SigningInput): SigningResult {
	const date = utcDateOf(input.timestamp);
	const scope = credentialScope(date, input.service);
	const canonical = canonicalRequest(input);
	const toSign = stringToSign(input.timestamp, scope, canonical);
	const signature = signatureOf(deriveSigningKey(input.secretKey, date, input.service), toSign);
	return {
		canonicalRequest: canonical,
		stringToSign: toSign,
		signature,
		authorization: formatAuthorization(input.secretId, scope, input.signedHeaders, signature),
	};
}

const AUTHORIZATION_PATTERN =
	/^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Splits a TC3 Authorization header into its fields; undefined when it is not one. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
	const match = AUTHORIZATION_PATTERN.exec(header.trim());
	if (!match) return undefined;
	const [, secretId, date, service, signedHeaders, signature] = match;
	return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}
