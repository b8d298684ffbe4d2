/** Reading a JSON request body and the type of each parameter, shared by every action. */
import { isAscii } from 'node:buffer';

import { TencentApiError } from './api-error';
import { sha256Hex } from './tc3';

/** Parameters that carry a whole file; stats show their length instead. */
const FILE_PAYLOAD_PARAMETERS = ['ImageBase64', 'OfdFileBase64'];

/** Each body's parameters and hash, worked out once: a request's summary, its signature check and its action all read them. */
const parsedBodies = new WeakMap<Buffer, Record<string, unknown>>();
const bodyHashes = new WeakMap<Buffer, string>();

/** SHA-256 (hex) of a body's bytes. */
export function bodySha256Of(body: Buffer): string {
	let hash = bodyHashes.get(body);
	if (hash === undefined) {
		hash = sha256Hex(body);
		bodyHashes.set(body, hash);
	}
	return hash;
}

const textOf = (bytes: Buffer) => bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');

/**
 * A file member's value when it can be read without JSON.parse: its key occurs once and its value
 * holds no escape. Megabytes of base64 cost JSON.parse tens of milliseconds; cut out, nothing.
 */
function fileValueSpan(body: Buffer): { name: string; start: number; end: number } | undefined {
	for (const name of FILE_PAYLOAD_PARAMETERS) {
		const opening = Buffer.from(`"${name}":"`);
		const at = body.indexOf(opening);
		if (at === -1 || body.indexOf(opening, at + 1) !== -1) continue;
		const start = at + opening.length;
		const end = body.indexOf(0x22 /* " */, start);
		if (end !== -1 && body.subarray(start, end).indexOf(0x5c /* \ */) === -1) return { name, start, end };
	}
	return undefined;
}

/** JSON.parse of the body, with a long file value put back after parsing the rest (see fileValueSpan). */
function parseText(body: Buffer): unknown {
	const span = body.length > 64 * 1024 ? fileValueSpan(body) : undefined;
	if (!span) return JSON.parse(body.length === 0 ? '{}' : textOf(body));
	const rest = JSON.parse(textOf(Buffer.concat([body.subarray(0, span.start), body.subarray(span.end)]))) as unknown;
	// Found inside another member's text after all: read the body the ordinary way.
	if (typeof rest !== 'object' || rest === null || (rest as Record<string, unknown>)[span.name] !== '') return JSON.parse(textOf(body));
	return { ...rest, [span.name]: textOf(body.subarray(span.start, span.end)) };
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
	const known = parsedBodies.get(body);
	if (known) return known;
	let parsed: unknown;
	try {
		parsed = parseText(body);
	} catch {
		throw new TencentApiError('InvalidParameter', 'The request body is not valid JSON.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new TencentApiError('InvalidParameter', 'The request body must be a JSON object.');
	}
	parsedBodies.set(body, parsed as Record<string, unknown>);
	return parsed as Record<string, unknown>;
}

export function rejectUnknownParameters(params: Record<string, unknown>, known: readonly string[]): void {
	const unknown = Object.keys(params).find((name) => !known.includes(name));
	if (unknown) {
		throw new TencentApiError('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
	}
}

export function optionalOfType<T>(params: Record<string, unknown>, name: string, type: 'string' | 'boolean'): T | undefined {
	const value = params[name];
	if (value === undefined) return undefined;
	if (typeof value !== type) {
		throw new TencentApiError('InvalidParameter', `The parameter \`${name}\` must be a ${type}.`);
	}
	return value as T;
}

export function optionalPositiveInteger(params: Record<string, unknown>, name: string, errorCode: string): number | undefined {
	const value = params[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new TencentApiError(errorCode, `The parameter \`${name}\` must be a positive integer, got ${JSON.stringify(value)}.`);
	}
	return value;
}

/** The parameters as stats show them: file payloads replaced by their length. */
export function summarizeParams(params: Record<string, unknown>): Record<string, unknown> {
	const summary = { ...params };
	for (const name of FILE_PAYLOAD_PARAMETERS) {
		const payload = summary[name];
		if (typeof payload === 'string') summary[name] = `<${payload.length} base64 chars>`;
	}
	return summary;
}
