/**
 * A request's JSON body, written once. A 5 MB PDF is 6.7 MB of base64; held as one string, copied
 * into larger strings and serialized again, it costs more CPU than the call itself (mostly in
 * allocating and collecting those strings). So a file travels as its bytes until its request is
 * written, and is then encoded straight into the body, a small slice at a time.
 */

/** Bytes per base64 slice: a multiple of 3 (no padding inside), small enough for a short-lived string. */
const SLICE_BYTES = 48 * 1024;

/** The length of the base64 text of `byteCount` bytes. */
export const base64LengthOf = (byteCount: number) => 4 * Math.ceil(byteCount / 3);

/** A file's bytes that a request carries as base64, encoded only when the request is written. */
export class FileContent {
	constructor(readonly bytes: Buffer) {}

	/** The length of the base64 text, which Tencent's size limit counts. */
	get base64Length(): number {
		return base64LengthOf(this.bytes.length);
	}

	/** Writes the base64 text into `target` at `offset`; returns its length. */
	writeBase64(target: Buffer, offset: number): number {
		let written = 0;
		for (let start = 0; start < this.bytes.length; start += SLICE_BYTES) {
			const slice = this.bytes.subarray(start, start + SLICE_BYTES);
			written += target.write(slice.toString('base64'), offset + written, 'latin1');
		}
		return written;
	}

	/** The base64 text, for whatever serializes a request the ordinary way. */
	toJSON(): string {
		return this.bytes.toString('base64');
	}
}

/** A request as the node builds it: the SDK's type, with the file as FileContent instead of base64 text. */
export type WithFileContent<Request> = {
	[Name in keyof Request]: Name extends 'ImageBase64' | 'OfdFileBase64' ? FileContent : Request[Name];
};

/** JSON text in ASCII only (non-ASCII as \u escapes), so that its bytes and its characters are the same. */
const asciiJson = (value: unknown) =>
	JSON.stringify(value).replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Room to write request bodies in, reused from one body to the next: a 5 MB PDF's body is 6.7 MB,
 * and fresh memory that size costs more than writing it. Grows to the largest body written; it is
 * kept by whoever owns it (one client, for one execution), not by the process.
 */
export class BodyScratch {
	private buffer = Buffer.alloc(0);

	/** A buffer of at least `length` bytes, whose contents may be overwritten by the next caller. */
	room(length: number): Buffer {
		if (this.buffer.length < length) this.buffer = Buffer.allocUnsafe(length);
		return this.buffer;
	}
}

/** The request's JSON in parts: text as it is, files as they will be encoded, null and undefined members left out. */
function jsonParts(request: object): Array<string | FileContent> {
	const parts: Array<string | FileContent> = ['{'];
	for (const [name, value] of Object.entries(request)) {
		if (value === undefined || value === null) continue;
		const member = `${parts.length > 1 ? ',' : ''}${asciiJson(name)}:`;
		if (value instanceof FileContent) parts.push(`${member}"`, value, '"');
		else parts.push(member + asciiJson(value));
	}
	parts.push('}');
	return parts;
}

const lengthOf = (parts: Array<string | FileContent>) =>
	parts.reduce((total, part) => total + (typeof part === 'string' ? part.length : part.base64Length), 0);

/** The length of the body requestJson writes (in bytes and characters alike), known before it is written. */
export const requestJsonLength = (request: object) => lengthOf(jsonParts(request));

/**
 * The request's JSON, as JSON.stringify would write it once the file is base64, with null and
 * undefined members left out (as the SDK leaves them out). Written into one buffer and read back as
 * one string, so that no larger string is ever built from the base64 text.
 */
export function requestJson(request: object, scratch = new BodyScratch()): string {
	const parts = jsonParts(request);
	const body = scratch.room(lengthOf(parts));
	let offset = 0;
	for (const part of parts) {
		offset += typeof part === 'string' ? body.write(part, offset, 'latin1') : part.writeBase64(body, offset);
	}
	return body.toString('latin1', 0, offset);
}

/**
 * The request with each file as its base64 text: what the SDK takes when it serializes the request
 * itself (it first copies the request into plain objects, which would drop FileContent's toJSON).
 */
export function plainRequest(request: object): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(request).map(([name, value]) => [name, value instanceof FileContent ? value.toJSON() : value]),
	);
}
