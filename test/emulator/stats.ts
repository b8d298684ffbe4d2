/**
 * What the emulator received: counts by action, by error code and by answer, a per-second timeline of
 * arrivals, documents billed, and a summary of each request; also the same restricted to requests that arrived after a moment.
 */

export interface ReceivedRequest {
	/** When the request arrived (its body read), before any latency: the moment the call started. */
	at: string;
	action: string;
	secretId: string;
	region: string;
	/** The body parameters with ImageBase64 replaced by its length. */
	params: Record<string, unknown>;
	/** SHA-256 of the body's bytes as received: two requests with the same one sent the same bytes. */
	bodySha256: string;
	/** The error code answered, or null for a success (undefined: the connection was dropped). */
	errorCode?: string | null;
	/** RecognizeGeneralInvoice, billed per document: the page of each document billed (absent for other actions). */
	billedPages?: number[];
}

/** `byAnswer` and `bySecond` keys besides error codes. */
export const ANSWER_OK = 'OK';
export const ANSWER_DROPPED = 'ConnectionDropped';

export interface EmulatorStats {
	total: number;
	succeeded: number;
	droppedConnections: number;
	byAction: Record<string, number>;
	byErrorCode: Record<string, number>;
	/** `OK`, an error code, or `ConnectionDropped` → number of requests so answered. */
	byAnswer: Record<string, number>;
	/** Documents billed (RecognizeGeneralInvoice bills each document read); other actions bill per request. */
	documentsBilled: number;
	/** Entry i: answers of the requests that arrived in second i after `firstAt` (an empty object for a quiet second). */
	bySecond: Array<Record<string, number>>;
	/** Arrival of the first request counted; undefined when none. */
	firstAt?: string;
	/** Arrival of the last request counted; undefined when none. */
	lastAt?: string;
	requests: ReceivedRequest[];
}

function increment(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

export function answerOf(request: ReceivedRequest): string {
	if (request.errorCode === null) return ANSWER_OK;
	return request.errorCode ?? ANSWER_DROPPED;
}

/** Counts and timeline of the given requests (in the order they were answered, as recorded). */
export function summarizeRequests(requests: ReceivedRequest[]): EmulatorStats {
	const arrivals = requests.map((request) => Date.parse(request.at));
	const firstMs = arrivals.reduce((earliest, at) => Math.min(earliest, at), Infinity);
	const lastMs = arrivals.reduce((latest, at) => Math.max(latest, at), -Infinity);
	const stats: EmulatorStats = {
		total: requests.length,
		succeeded: 0,
		droppedConnections: 0,
		byAction: {},
		byErrorCode: {},
		byAnswer: {},
		documentsBilled: 0,
		bySecond: [],
		firstAt: requests.length > 0 ? new Date(firstMs).toISOString() : undefined,
		lastAt: requests.length > 0 ? new Date(lastMs).toISOString() : undefined,
		requests: structuredClone(requests),
	};
	requests.forEach((request, index) => {
		increment(stats.byAction, request.action);
		stats.documentsBilled += request.billedPages?.length ?? 0;
		const answer = answerOf(request);
		increment(stats.byAnswer, answer);
		if (answer === ANSWER_OK) stats.succeeded += 1;
		else if (answer === ANSWER_DROPPED) stats.droppedConnections += 1;
		else increment(stats.byErrorCode, answer);
		const second = Math.floor((arrivals[index] - firstMs) / 1000);
		while (stats.bySecond.length <= second) stats.bySecond.push({});
		increment(stats.bySecond[second], answer);
	});
	return stats;
}

/** A moment given as milliseconds since the epoch or an ISO date; undefined when it is neither. */
export function parseMoment(text: string): number | undefined {
	const moment = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
	return Number.isFinite(moment) ? moment : undefined;
}

export class StatsRecorder {
	private requests: ReceivedRequest[] = [];
	/** Counts resets: a request that arrived before the last reset is not counted after it. */
	private resets = 0;

	/** The current period of counting, to hand back to `record` when a request is answered later. */
	get period(): number {
		return this.resets;
	}

	record(request: ReceivedRequest, arrivedInPeriod = this.resets): void {
		// A client that gave up on a slow answer leaves it to land in a later test's counts otherwise.
		if (arrivedInPeriod !== this.resets) return;
		this.requests.push(request);
	}

	/** Every request since the last reset or, given a moment (ms since the epoch), those that arrived at or after it. */
	snapshot(sinceMs?: number): EmulatorStats {
		const counted = sinceMs === undefined ? this.requests : this.requests.filter((request) => Date.parse(request.at) >= sinceMs);
		return summarizeRequests(counted);
	}

	reset(): void {
		this.resets += 1;
		this.requests = [];
	}
}
