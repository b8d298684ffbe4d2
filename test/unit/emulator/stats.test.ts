import { answerControl, type EmulatorControls } from '../../emulator/control-endpoints';
import { StatsRecorder, parseMoment, summarizeRequests, type ReceivedRequest } from '../../emulator/stats';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function request(offsetMs: number, errorCode: string | null | undefined, action = 'VatInvoiceOCR'): ReceivedRequest {
	return { at: new Date(T0 + offsetMs).toISOString(), action, secretId: 'AKID1', region: 'ap-guangzhou', params: {}, bodySha256: '', errorCode };
}

describe('summarizeRequests', () => {
	it.each([
		{ case: 'no request', requests: [], byAnswer: {}, bySecond: [], firstAt: undefined, lastAt: undefined },
		{
			case: 'answers counted by kind',
			requests: [request(0, null), request(10, 'RequestLimitExceeded'), request(20, undefined), request(30, null)],
			byAnswer: { OK: 2, RequestLimitExceeded: 1, ConnectionDropped: 1 },
			bySecond: [{ OK: 2, RequestLimitExceeded: 1, ConnectionDropped: 1 }],
			firstAt: '2026-01-01T00:00:00.000Z',
			lastAt: '2026-01-01T00:00:00.030Z',
		},
		{
			case: 'seconds counted from the earliest arrival, quiet seconds empty, recorded out of order',
			requests: [request(1_500, null), request(200, null), request(3_250, 'RequestLimitExceeded'), request(1_199, null)],
			byAnswer: { OK: 3, RequestLimitExceeded: 1 },
			bySecond: [{ OK: 2 }, { OK: 1 }, {}, { RequestLimitExceeded: 1 }],
			firstAt: '2026-01-01T00:00:00.200Z',
			lastAt: '2026-01-01T00:00:03.250Z',
		},
	])('$case', ({ requests, byAnswer, bySecond, firstAt, lastAt }) => {
		const stats = summarizeRequests(requests);
		expect(stats).toMatchObject({ total: requests.length, byAnswer, bySecond, firstAt, lastAt });
	});

	it('keeps the totals it had before: succeeded, dropped, by action and by error code', () => {
		const stats = summarizeRequests([
			request(0, null),
			request(1, 'InternalError', 'VatInvoiceVerifyNew'),
			request(2, undefined),
			request(3, 'InternalError'),
		]);
		expect(stats).toMatchObject({
			total: 4,
			succeeded: 1,
			droppedConnections: 1,
			byAction: { VatInvoiceOCR: 3, VatInvoiceVerifyNew: 1 },
			byErrorCode: { InternalError: 2 },
		});
	});
});

describe('StatsRecorder.snapshot(since)', () => {
	it.each([
		{ sinceMs: undefined, total: 3 },
		{ sinceMs: T0, total: 3 },
		{ sinceMs: T0 + 1_000, total: 2 },
		{ sinceMs: T0 + 1_001, total: 1 },
		{ sinceMs: T0 + 5_000, total: 0 },
	])('since $sinceMs: $total requests', ({ sinceMs, total }) => {
		const recorder = new StatsRecorder();
		[request(0, null), request(1_000, null), request(2_000, 'RequestLimitExceeded')].forEach((received) => recorder.record(received));
		expect(recorder.snapshot(sinceMs).total).toBe(total);
	});
});

describe('parseMoment', () => {
	it.each([
		['1767225600000', T0],
		['2026-01-01T00:00:00.000Z', T0],
		['yesterday', undefined],
		['', undefined],
	])('%j → %p', (text, moment) => {
		expect(parseMoment(text)).toBe(moment);
	});
});

describe('GET /__emulator/stats?since=', () => {
	const recorder = new StatsRecorder();
	[request(0, null), request(2_000, null)].forEach((received) => recorder.record(received));
	const controls: EmulatorControls = {
		stats: (sinceMs) => recorder.snapshot(sinceMs),
		faults: () => ({}),
		setFaults: () => undefined,
		reset: () => recorder.reset(),
	};
	const get = (query: string) => answerControl('GET', '/__emulator/stats', Buffer.alloc(0), controls, new URLSearchParams(query));

	it.each([
		{ query: '', status: 200, total: 2 },
		{ query: `since=${T0 + 1}`, status: 200, total: 1 },
		{ query: 'since=2026-01-01T00:00:02.000Z', status: 200, total: 1 },
		{ query: 'since=soon', status: 400, total: undefined },
	])('?$query → $status', ({ query, status, total }) => {
		const answer = get(query);
		expect(answer.status).toBe(status);
		expect((answer.body as { total?: number }).total).toBe(total);
	});
});
