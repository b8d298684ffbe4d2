/** Reading a JSON request body and the type of each parameter, shared by every action. */
import { TencentApiError } from './api-error';

/** Parameters that carry a whole file; stats show their length instead. */
const FILE_PAYLOAD_PARAMETERS = ['ImageBase64', 'OfdFileBase64'];

export function parseJsonBody(body: Buffer): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
	} catch {
		throw new TencentApiError('InvalidParameter', 'The request body is not valid JSON.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new TencentApiError('InvalidParameter', 'The request body must be a JSON object.');
	}
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
