/** What the emulator received: counts by action and by error code, and a summary of each request. */

export interface ReceivedRequest {
	at: string;
	action: string;
	secretId: string;
	region: string;
	/** The body parameters with ImageBase64 replaced by its length. */
	params: Record<string, unknown>;
	/** The error code answered, or null for a success (undefined: the connection was dropped). */
	errorCode?: string | null;
}

export interface EmulatorStats {
	total: number;
	succeeded: number;
	droppedConnections: number;
	byAction: Record<string, number>;
	byErrorCode: Record<string, number>;
	requests: ReceivedRequest[];
}

function emptyStats(): EmulatorStats {
	return { total: 0, succeeded: 0, droppedConnections: 0, byAction: {}, byErrorCode: {}, requests: [] };
}

function increment(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

export class StatsRecorder {
	private stats = emptyStats();
	/** Counts resets: a request that arrived before the last reset is not counted after it. */
	private resets = 0;

	/** The current period of counting, to hand back to `record` when a request is answered later. */
	get period(): number {
		return this.resets;
	}

	record(request: ReceivedRequest, arrivedInPeriod = this.resets): void {
		// A client that gave up on a slow answer leaves it to land in a later test's counts otherwise.
		if (arrivedInPeriod !== this.resets) return;
		this.stats.total += 1;
		increment(this.stats.byAction, request.action);
		if (request.errorCode === null) this.stats.succeeded += 1;
		else if (request.errorCode === undefined) this.stats.droppedConnections += 1;
		else increment(this.stats.byErrorCode, request.errorCode);
		this.stats.requests.push(request);
	}

	snapshot(): EmulatorStats {
		return structuredClone(this.stats);
	}

	reset(): void {
		this.resets += 1;
		this.stats = emptyStats();
	}
}
