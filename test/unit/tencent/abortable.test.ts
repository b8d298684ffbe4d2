import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { join } from 'node:path';

import { abortableWait, untilAborted } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/abortable';

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
		const script = "import { abortableWait } from './nodes/TencentInvoiceOcr/tencent/pacing/abortable'; abortableWait(200).then(() => console.log('waited'));";
		const output = execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '-e', script], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		});
		expect(output.trim()).toBe('waited');
	});

	it("puts one listener on the execution's signal however many waits watch it, and Node warns of no leak", async () => {
		const stop = new AbortController();
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		try {
			const waits = Array.from({ length: 20 }, async () => await abortableWait(20, stop.signal));
			const calls = Array.from({ length: 20 }, async () => await untilAborted(new Promise((resolve) => setImmediate(resolve)), stop.signal));
			expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
			await Promise.all([...waits, ...calls]);
			await new Promise((resolve) => setImmediate(resolve));
		} finally {
			process.off('warning', onWarning);
		}
		expect(warnings).toEqual([]);
	});

	it('ends every wait and call watching one signal when it aborts, also after an earlier wait has come and gone', async () => {
		const stop = new AbortController();
		const ended = abortableWait(1, stop.signal);
		await ended;
		const waits = Array.from({ length: 15 }, async () => await abortableWait(3_600_000, stop.signal).catch((error: Error) => error.message));
		const call = untilAborted(new Promise(() => undefined), stop.signal).catch((error: Error) => error.message);
		stop.abort(new Error('stopped'));
		expect(await Promise.all([...waits, call])).toEqual(Array.from({ length: 16 }, () => 'stopped'));
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
