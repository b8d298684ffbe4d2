/** Injected misbehaviour: latency (per PDF page too), periodic InternalError, dropped connections, hangs, gateway answers, scripted failures, failing pages, a claimed page count and answers off the documented shape. */
import { TencentApiError, commonError } from './api-error';

export interface FailNext {
	code: string;
	message?: string;
	/** How many requests answer this error; 1 when absent. */
	count?: number;
}

/** VatInvoiceOCR pages that answer an error every time they are asked for. */
export interface FailPages {
	pages: number[];
	code: string;
	message?: string;
}

export interface EmulatorFaults {
	/** Added before every API answer. */
	latencyMs?: number;
	/** Every Nth recognition answers InternalError. */
	internalErrorEvery?: number;
	/** Every Nth API request has its socket destroyed without an answer. */
	dropConnectionEvery?: number;
	/** Every Nth API request waits `slowLatencyMs` instead of `latencyMs`, e.g. past a client's timeout. */
	slowEvery?: number;
	slowLatencyMs?: number;
	/** Every Nth API request gets an answer cut off in the middle of its JSON. */
	truncateAnswerEvery?: number;
	/** The next requests that pass every check answer this error instead of recognising. */
	failNext?: FailNext;
	/** VatInvoiceOCR requests for these pages (PdfPageNumber) answer this error. */
	failPages?: FailPages;
	/** VatInvoiceOCR answers claim this PdfPageSize for any PDF, and accept any page up to it. */
	claimPdfPageCount?: number;
	/** The wait before answering VatInvoiceOCR for page N (key "N"), instead of `latencyMs`. */
	pageLatencyMs?: Record<string, number>;
	/** Every authenticated API request answers this code before its action looks at the parameters (throttling, arrears…). */
	codeBeforeAction?: string;
	/** Every API request is read and counted, then never answered (the client must give up). */
	hangAfterRequest?: boolean;
	/** Every API request gets this HTTP status with an HTML page, as a proxy or gateway in between would answer. */
	gatewayStatus?: number;
	/** Every API request gets HTTP 200 with an HTML page instead of Tencent's JSON. */
	nonJsonAnswer?: boolean;
	/**
	 * Every successful answer has these values put in, as an answer off the documented shape would
	 * have them: `null` inside VatInvoiceInfos, a number for a Name, a text for a list.
	 */
	reshapeAnswer?: AnswerChange[];
}

/**
 * One value put into a successful answer: `path` is dot-separated keys and list indexes below
 * `Response`, e.g. `VatInvoiceInfos.2`, `Items.0.Name` or `GoodsInfos`.
 */
export interface AnswerChange {
	path: string;
	value: unknown;
}

/** The answer with each change made, on a copy; a missing object or list on the way is created. */
export function reshapeAnswer<T extends object>(answer: T, changes: AnswerChange[] = []): T {
	if (changes.length === 0) return answer;
	const reshaped = structuredClone(answer) as Record<string, unknown>;
	for (const { path, value } of changes) {
		const keys = path.split('.');
		let parent: Record<string, unknown> = reshaped;
		keys.slice(0, -1).forEach((key, index) => {
			if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
			parent = parent[key] as Record<string, unknown>;
		});
		parent[keys[keys.length - 1]] = value;
	}
	return reshaped as T;
}

/** How the emulator answers a request in place of Tencent, when a fault says so. */
export type RawFault = { kind: 'hang' } | { kind: 'gateway'; status: number } | { kind: 'nonJson' };

function isEveryNth(count: number, every: number | undefined): boolean {
	return every !== undefined && every > 0 && count % every === 0;
}

export class FaultInjector {
	private faults: EmulatorFaults = {};
	private apiRequests = 0;
	private recognitions = 0;
	private failNextRemaining = 0;

	constructor(initial: EmulatorFaults = {}) {
		this.set(initial);
	}

	/** Replaces every fault and restarts the counters. */
	set(faults: EmulatorFaults): void {
		this.faults = { ...faults };
		this.apiRequests = 0;
		this.recognitions = 0;
		this.failNextRemaining = faults.failNext ? (faults.failNext.count ?? 1) : 0;
	}

	current(): EmulatorFaults {
		return { ...this.faults };
	}

	/** The wait before answering the request counted last. */
	get latencyMs(): number {
		const isSlow = isEveryNth(this.apiRequests, this.faults.slowEvery);
		return (isSlow ? this.faults.slowLatencyMs : this.faults.latencyMs) ?? 0;
	}

	/** The wait before answering a request for a PDF page: its own, if set. */
	latencyForPage(pdfPageNumber: unknown): number {
		const pageLatency = this.faults.pageLatencyMs?.[String(pdfPageNumber)];
		return pageLatency ?? this.latencyMs;
	}

	/** A successful answer as the faults reshape it (unchanged without reshapeAnswer). */
	reshape<T extends object>(answer: T): T {
		return reshapeAnswer(answer, this.faults.reshapeAnswer);
	}

	get claimedPdfPageCount(): number | undefined {
		return this.faults.claimPdfPageCount;
	}

	/** The error a request for this page must answer, if it is one of the failing pages. */
	pageFault(pdfPageNumber: number): TencentApiError | undefined {
		const { failPages } = this.faults;
		if (!failPages?.pages.includes(pdfPageNumber)) return undefined;
		return new TencentApiError(failPages.code, failPages.message ?? `Injected failure ${failPages.code} on page ${pdfPageNumber}.`);
	}

	/** Whether the request counted last gets a cut-off answer. */
	get truncatesAnswer(): boolean {
		return isEveryNth(this.apiRequests, this.faults.truncateAnswerEvery);
	}

	/** Counts an API request; true when its connection must be dropped. */
	shouldDropConnection(): boolean {
		this.apiRequests += 1;
		return isEveryNth(this.apiRequests, this.faults.dropConnectionEvery);
	}

	/** The error every authenticated request answers before its action runs, if any. */
	get errorBeforeAction(): TencentApiError | undefined {
		const code = this.faults.codeBeforeAction;
		return code ? new TencentApiError(code, `Injected failure ${code}.`) : undefined;
	}

	/** The answer that replaces Tencent's for every request, if a fault asks for one. */
	get rawFault(): RawFault | undefined {
		if (this.faults.hangAfterRequest) return { kind: 'hang' };
		if (this.faults.gatewayStatus) return { kind: 'gateway', status: this.faults.gatewayStatus };
		if (this.faults.nonJsonAnswer) return { kind: 'nonJson' };
		return undefined;
	}

	/** Counts a recognition; the error it must answer instead, if any. */
	recognitionFault(): TencentApiError | undefined {
		const { failNext } = this.faults;
		if (failNext && this.failNextRemaining > 0) {
			this.failNextRemaining -= 1;
			return new TencentApiError(failNext.code, failNext.message ?? `Injected failure ${failNext.code}.`);
		}
		this.recognitions += 1;
		return isEveryNth(this.recognitions, this.faults.internalErrorEvery) ? commonError('InternalError') : undefined;
	}
}
