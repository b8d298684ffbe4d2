import { abortableWait, untilAborted } from '../../../nodes/TencentInvoiceOcr/tencent/abortable';

describe('abortableWait', () => {
	it('resolves after the wait when nothing aborts it', async () => {
		await expect(abortableWait(1, new AbortController().signal)).resolves.toBeUndefined();
		await expect(abortableWait(0)).resolves.toBeUndefined();
	});

	it('ends a long wait as soon as the signal aborts, with its reason', async () => {
		const stop = new AbortController();
		const waiting = abortableWait(3_600_000, stop.signal);
		stop.abort(new Error('stopped'));
		await expect(waiting).rejects.toThrow('stopped');
	});

	it('does not start waiting once aborted', async () => {
		await expect(abortableWait(3_600_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
	});
});

describe('untilAborted', () => {
	it('settles like the work when nothing aborts', async () => {
		await expect(untilAborted(Promise.resolve('done'), new AbortController().signal)).resolves.toBe('done');
		await expect(untilAborted(Promise.reject(new Error('failed')))).rejects.toThrow('failed');
	});

	it('gives up on work that never ends as soon as the signal aborts', async () => {
		const stop = new AbortController();
		const pending = untilAborted(new Promise(() => undefined), stop.signal);
		stop.abort(new Error('stopped'));
		await expect(pending).rejects.toThrow('stopped');
	});
});
