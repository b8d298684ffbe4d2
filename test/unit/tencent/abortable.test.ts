import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { join } from 'node:path';

import { abortableWait, untilAborted } from '../../../nodes/TencentInvoiceOcr/tencent/abortable';

const REPO_ROOT = join(__dirname, '..', '..', '..');

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

	it('keeps a process with nothing else to do alive until the wait is over', () => {
		// Such as a one-shot `n8n execute` whose items all wait out a throttled answer: ending there drops them.
		const script = "import { abortableWait } from './nodes/TencentInvoiceOcr/tencent/abortable'; abortableWait(200).then(() => console.log('waited'));";
		const output = execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '-e', script], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		});
		expect(output.trim()).toBe('waited');
	});

	it("puts one listener per wait on the execution's signal, and takes it off when the wait ends", async () => {
		const stop = new AbortController();
		const waits = Array.from({ length: 20 }, async () => await abortableWait(20, stop.signal));
		expect(getEventListeners(stop.signal, 'abort')).toHaveLength(20);
		await Promise.all(waits);
		expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
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
