/**
 * The order of a call's steps, with a stand-in client that records them: a request is written once,
 * before it waits for its turn, and every attempt sends that same request.
 */
import { OcrCaller, type CallPolicy } from '../../../nodes/TencentInvoiceOcr/tencent/caller';
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

it.each([
	['accepted at once', [], ['prepare', 'turn', 'send']],
	['after an internal error and a cut-off answer', ['InternalError', 'noAnswer'], ['prepare', 'turn', 'send', 'turn', 'send', 'turn', 'send']],
])('a call %s writes its request once, before its first turn, and sends that one each time', async (_case, failures, expectedSteps) => {
	const steps: string[] = [];
	const sent: Array<PreparedRequest<'VatInvoiceOCR'>> = [];
	const failuresLeft = [...failures];
	const client: OcrClient = {
		endpoint: resolveOcrEndpoint(undefined),
		prepare: (action, request) => {
			steps.push('prepare');
			return { action, sdkRequest: { ...request } };
		},
		send: async (request) => {
			steps.push('send');
			sent.push(request as PreparedRequest<'VatInvoiceOCR'>);
			const failure = failuresLeft.shift();
			if (failure === 'noAnswer') throw new CallFailure({ source: 'noAnswer', message: 'socket hang up' });
			if (failure) throw new CallFailure({ source: 'tencent', code: failure, message: '' });
			return {} as never;
		},
	};
	const gate: CallGate = {
		run: async (call) => {
			steps.push('turn');
			return await call();
		},
		noteThrottled: () => undefined,
		noteAccepted: () => undefined,
	};

	await new OcrCaller(client, policy, { scheduler: gate, random: () => 0 }).call('VatInvoiceOCR', { ImageUrl: 'https://e.com/x.png' });

	expect(steps).toEqual(expectedSteps);
	expect(new Set(sent).size).toBe(1);
	expect(sent[0].sdkRequest).toEqual({ ImageUrl: 'https://e.com/x.png' });
});
