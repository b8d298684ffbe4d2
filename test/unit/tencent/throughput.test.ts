import { forEachConcurrently } from '../../../nodes/TencentInvoiceOcr/tencent/concurrency';
import { CallScheduler } from '../../../nodes/TencentInvoiceOcr/tencent/callScheduler';

/** A clock that only moves when someone sleeps: rate decisions become exact and instant. */
function virtualClock() {
	let now = 0;
	return { nowMs: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('CallScheduler', () => {
	it('starts no more than the quota in any window of a second and a margin', async () => {
		const clock = virtualClock();
		const scheduler = new CallScheduler({ maxConcurrency: 100, requestsPerSecond: 10 }, clock, 25);
		const startTimes: number[] = [];

		await Promise.all(Array.from({ length: 25 }, () => scheduler.run(async () => void startTimes.push(clock.nowMs()))));

		expect(startTimes).toHaveLength(25);
		for (const start of startTimes) {
			expect(startTimes.filter((other) => other >= start && other < start + 1025).length).toBeLessThanOrEqual(10);
		}
		// Full speed within the limit: the 25th call starts in the third window.
		expect(startTimes.at(-1)).toBe(2050);
	});

	it('keeps no more than maxConcurrency calls under way', async () => {
		const scheduler = new CallScheduler({ maxConcurrency: 3, requestsPerSecond: 1000 });
		let underWay = 0;
		let mostUnderWay = 0;
		const call = async () => {
			mostUnderWay = Math.max(mostUnderWay, ++underWay);
			await new Promise((resolve) => setTimeout(resolve, 5));
			underWay--;
		};

		await Promise.all(Array.from({ length: 12 }, () => scheduler.run(call)));

		expect(mostUnderWay).toBe(3);
		expect(underWay).toBe(0);
	});

	it('frees the slot of a call that fails', async () => {
		const scheduler = new CallScheduler({ maxConcurrency: 1, requestsPerSecond: 1000 });
		await expect(scheduler.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(scheduler.run(async () => 'next')).resolves.toBe('next');
	});
});

describe('forEachConcurrently', () => {
	it('runs every index once, at most limit at a time', async () => {
		const seen: number[] = [];
		let underWay = 0;
		let mostUnderWay = 0;
		await forEachConcurrently(10, 4, async (index) => {
			mostUnderWay = Math.max(mostUnderWay, ++underWay);
			await new Promise((resolve) => setTimeout(resolve, (10 - index) * 2));
			seen.push(index);
			underWay--;
		});
		expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(mostUnderWay).toBe(4);
	});

	it('starts nothing new once told to stop', async () => {
		const started: number[] = [];
		await forEachConcurrently(
			10,
			2,
			async (index) => void started.push(index),
			() => started.length >= 3,
		);
		expect(started).toEqual([0, 1, 2]);
	});

	it('copes with no work and with a limit above the count', async () => {
		const started: number[] = [];
		await forEachConcurrently(0, 5, async (index) => void started.push(index));
		await forEachConcurrently(2, 5, async (index) => void started.push(index));
		expect(started).toEqual([0, 1]);
	});
});
