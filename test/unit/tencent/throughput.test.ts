import { AccountPace } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/accountPace';
import { CallScheduler } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/callScheduler';
import { forEachItem } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/concurrency';
import { VirtualClock } from '../../helpers/virtual-clock';

/** One execution's scheduler on a pace of its own, timed by `clock`. */
function schedulerFor(clock: VirtualClock, maxConcurrency: number, requestsPerSecond = 1000) {
	const pace = new AccountPace(clock);
	pace.addUser(requestsPerSecond);
	return new CallScheduler({ maxConcurrency, requestsPerSecond }, pace);
}

/** Counts calls under way, and the most at once. */
function concurrencyProbe(clock: VirtualClock, callMs = 300) {
	const probe = { underWay: 0, mostUnderWay: 0, finished: 0 };
	const call = async () => {
		probe.mostUnderWay = Math.max(probe.mostUnderWay, ++probe.underWay);
		await clock.sleep(callMs);
		probe.underWay--;
		probe.finished++;
	};
	return { probe, call };
}

describe('CallScheduler', () => {
	it('starts calls spaced by the pace: 10/s with a 25 ms margin starts one every 102.5 ms', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 100, 10);
		const startTimes: number[] = [];

		await clock.run(Promise.all(Array.from({ length: 25 }, () => scheduler.run(async () => void startTimes.push(clock.nowMs())))));

		expect(startTimes).toHaveLength(25);
		for (const start of startTimes) {
			expect(startTimes.filter((other) => other >= start && other < start + 1025).length).toBeLessThanOrEqual(10);
		}
		expect(startTimes.at(-1)).toBe(24 * 102.5);
	});

	it('keeps an execution set below the account to its own rate, while the account\'s pace bounds the sum', async () => {
		const clock = new VirtualClock();
		const accountPace = new AccountPace(clock, () => 0.5);
		accountPace.addUser(2);
		accountPace.addUser(10);
		const slow = new CallScheduler({ maxConcurrency: 100, requestsPerSecond: 2 }, accountPace);
		const fast = new CallScheduler({ maxConcurrency: 100, requestsPerSecond: 10 }, accountPace);
		const starts: Array<{ execution: string; atMs: number }> = [];
		const callsOf = (scheduler: CallScheduler, execution: string, count: number) =>
			Array.from({ length: count }, () => scheduler.run(async () => void starts.push({ execution, atMs: clock.nowMs() })));

		await clock.run(Promise.all([...callsOf(slow, 'slow', 10), ...callsOf(fast, 'fast', 40)]));

		const inWindow = (execution: string | undefined, start: number) =>
			starts.filter((other) => (execution === undefined || other.execution === execution) && other.atMs >= start && other.atMs < start + 1025).length;
		for (const { atMs } of starts) {
			expect(inWindow('slow', atMs)).toBeLessThanOrEqual(2);
			expect(inWindow(undefined, atMs)).toBeLessThanOrEqual(10);
		}
		expect(starts.filter((start) => start.execution === 'slow')).toHaveLength(10);
		// The fast one is not held to the slow one's 2/s: its 40 calls are done in about 5 s, not 20.
		const fastEnd = Math.max(...starts.filter((start) => start.execution === 'fast').map((start) => start.atMs));
		expect(fastEnd).toBeLessThan(6000);
	});

	it('keeps no more than maxConcurrency calls under way', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 3);
		const { probe, call } = concurrencyProbe(clock);

		await clock.run(Promise.all(Array.from({ length: 12 }, () => scheduler.run(call))));

		expect(probe).toEqual({ underWay: 0, mostUnderWay: 3, finished: 12 });
	});

	it('frees the place of a call that fails', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 1);
		await expect(clock.run(scheduler.run(async () => Promise.reject(new Error('boom'))))).rejects.toThrow('boom');
		await expect(clock.run(scheduler.run(async () => 'next'))).resolves.toBe('next');
	});

	it('gives an item its place until it ends: no other item or call starts in it', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 2);
		const first = await clock.run(scheduler.startItem());
		const second = await clock.run(scheduler.startItem());
		let thirdStarted = false;
		const third = scheduler.startItem().then((place) => {
			thirdStarted = true;
			return place;
		});
		await clock.run(clock.sleep(1000));
		expect(thirdStarted).toBe(false);

		first.end();
		(await clock.run(third)).end();
		second.end();
		expect(thirdStarted).toBe(true);
		await expect(clock.run(scheduler.run(async () => 'free again'))).resolves.toBe('free again');
	});

	it.each([
		[1, 1],
		[3, 3],
		[5, 5],
	])('runs an item\'s side-by-side calls (pages) in free places, at most %d at once', async (maxConcurrency, expectedMost) => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, maxConcurrency);
		const { probe, call } = concurrencyProbe(clock);
		const place = await clock.run(scheduler.startItem());

		await clock.run(Promise.all(Array.from({ length: 8 }, () => place.run(call))));
		place.end();

		expect(probe).toEqual({ underWay: 0, mostUnderWay: expectedMost, finished: 8 });
		// Every place is free again: maxConcurrency items can start at once.
		const places = await clock.run(Promise.all(Array.from({ length: maxConcurrency }, () => scheduler.startItem())));
		expect(places).toHaveLength(maxConcurrency);
	});

	it('returns the place of an item that ended with a call still under way once that call is over', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 1);
		const place = await clock.run(scheduler.startItem());
		const { probe, call } = concurrencyProbe(clock);
		const leftRunning = place.run(call);
		place.end();
		const next = scheduler.run(call);

		await clock.run(Promise.all([leftRunning, next]));

		expect(probe).toEqual({ underWay: 0, mostUnderWay: 1, finished: 2 });
	});
});

describe('forEachItem', () => {
	it('runs every index once, in order, at most maxConcurrency items at a time', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 4);
		const started: number[] = [];
		const { probe, call } = concurrencyProbe(clock);

		await clock.run(
			forEachItem(10, async () => await scheduler.startItem(), async (index, place) => {
				started.push(index);
				await place.run(call);
			}),
		);

		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(probe).toEqual({ underWay: 0, mostUnderWay: 4, finished: 10 });
	});

	it('starts nothing new once told to stop, and gives back the place it had taken', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 2);
		const started: number[] = [];

		await clock.run(
			forEachItem(
				10,
				async () => await scheduler.startItem(),
				async (index) => {
					started.push(index);
					await clock.sleep(100);
				},
				() => started.length >= 3,
			),
		);

		expect(started).toEqual([0, 1, 2]);
		const places = await clock.run(Promise.all([scheduler.startItem(), scheduler.startItem()]));
		expect(places).toHaveLength(2);
	});

	it('copes with no items', async () => {
		const clock = new VirtualClock();
		const scheduler = schedulerFor(clock, 2);
		const started: number[] = [];
		await clock.run(forEachItem(0, async () => await scheduler.startItem(), async (index) => void started.push(index)));
		expect(started).toEqual([]);
	});
});
