/**
 * The order of a call's steps, with a stand-in client that records them: each attempt's body is
 * written in its place before its turn and dropped when the attempt ends; a call ends at its time limit.
 */
import { BodyBudget } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/bodyBudget';
import { callTimeLimitMs, OcrCallError, OcrCaller, type CallPolicy } from '../../../nodes/TencentInvoiceOcr/tencent/caller';
import type { CallGate } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/callScheduler';
import type { OcrClient, PreparedRequest } from '../../../nodes/TencentInvoiceOcr/tencent/transport/client';
import { resolveOcrEndpoint } from '../../../nodes/TencentInvoiceOcr/tencent/transport/endpoint';
import { CallFailure } from '../../../nodes/TencentInvoiceOcr/tencent/failures/failures';

const policy: CallPolicy = {
	maxConcurrency: 1,
	requestsPerSecond: 10,
	maxRetries: 3,
	timeoutSeconds: 5,
	retriesAfterNoAnswer: 1,
	throttledWaitBudgetSeconds: 10,
};

/** A client that records each step, failing its sends in turn with `failures` ("noAnswer" or a Tencent code). */
function recordingClient(steps: string[], sent: Array<PreparedRequest<'VatInvoiceOCR'>>, failures: string[], onSend = () => undefined as void): OcrClient {
	const failuresLeft = [...failures];
	return {
		endpoint: resolveOcrEndpoint(undefined),
		bodyLength: () => 100,
		prepare: (action, request) => {
			steps.push('prepare');
			return { action, sdkRequest: { ...request } };
		},
		send: async (request) => {
			steps.push('send');
			sent.push(request as PreparedRequest<'VatInvoiceOCR'>);
			onSend();
			const failure = failuresLeft.shift();
			if (failure === 'noAnswer') throw new CallFailure({ source: 'noAnswer', message: 'socket hang up' });
			if (failure) throw new CallFailure({ source: 'tencent', code: failure, message: '' });
			return {} as never;
		},
	};
}

/** A gate with one place, recording when the place is taken and when the turn comes. */
function recordingGate(steps: string[]): CallGate {
	return {
		run: async (call, beforeTurn) => {
			steps.push('place');
			await beforeTurn?.();
			steps.push('turn');
			return await call();
		},
		noteThrottled: () => undefined,
		noteAccepted: () => undefined,
	};
}

it.each([
	['accepted at once', [], ['place', 'prepare', 'turn', 'send']],
	[
		'after an internal error and a cut-off answer',
		['InternalError', 'noAnswer'],
		['place', 'prepare', 'turn', 'send', 'place', 'prepare', 'turn', 'send', 'place', 'prepare', 'turn', 'send'],
	],
])('a call %s writes its body in its place before its turn, and drops it when the attempt ends', async (_case, failures, expectedSteps) => {
	const steps: string[] = [];
	const sent: Array<PreparedRequest<'VatInvoiceOCR'>> = [];
	const bodyBudget = new BodyBudget(1000);
	const heldAtSend: number[] = [];
	const client = recordingClient(steps, sent, failures, () => void heldAtSend.push(bodyBudget.heldBytes));

	await new OcrCaller(client, policy, { scheduler: recordingGate(steps), bodyBudget, random: () => 0 }).call('VatInvoiceOCR', {
		ImageUrl: 'https://e.com/x.png',
	});

	expect(steps).toEqual(expectedSteps);
	expect(sent.map((request) => request.sdkRequest)).toEqual(sent.map(() => ({ ImageUrl: 'https://e.com/x.png' })));
	// One body at a time, held while its attempt is under way, none once the call is over.
	expect(heldAtSend).toEqual(sent.map(() => 100));
	expect(bodyBudget.heldBytes).toBe(0);
});

it('a call whose rate-limit answers each come just before the timeout ends at its time limit, not after the whole budget of waits', async () => {
	// Each attempt takes 1.98 s of a 2 s timeout; waits are 1 s (random 0). The budget alone would allow 3 waits (4 attempts).
	const throttledPolicy: CallPolicy = { ...policy, maxRetries: 0, timeoutSeconds: 2, throttledWaitBudgetSeconds: 3 };
	let answerTimeMs = 0;
	const steps: string[] = [];
	const client = recordingClient(steps, [], Array.from({ length: 10 }, () => 'RequestLimitExceeded'), () => void (answerTimeMs += 1980));
	const caller = new OcrCaller(client, throttledPolicy, {
		scheduler: recordingGate(steps),
		bodyBudget: new BodyBudget(),
		nowMs: () => performance.now() + answerTimeMs,
		random: () => 0,
	});

	expect(callTimeLimitMs(throttledPolicy)).toBe(5000);
	const failure = await caller.call('VatInvoiceOCR', { ImageUrl: 'https://e.com/x.png' }).catch((error: unknown) => error);

	expect(failure).toBeInstanceOf(OcrCallError);
	expect(failure).toMatchObject({ code: 'RequestLimitExceeded', attempts: 2, timeLimitSeconds: 5 });
	expect(steps.filter((step) => step === 'send')).toHaveLength(2);
});
