import {
	AccountPace,
	realClock,
	cutFactorFor,
	DEFAULT_PACE_TUNING,
	PaceRegistry,
	paceKeyOf,
	type PaceKeyParts,
} from '../../../nodes/TencentInvoiceOcr/tencent/pacing/accountPace';
import { SlidingWindowRateLimiter } from '../../emulator/rate-limiter';
import { seededRandom, VirtualClock } from '../../helpers/virtual-clock';

const account: PaceKeyParts = {
	secretId: 'AKIDexampleSecretId000000000000000',
	endpoint: 'http://127.0.0.1:9000',
	region: 'ap-guangzhou',
	action: 'VatInvoiceOCR',
};

describe('paceKeyOf', () => {
	it('is the same for the same account and action, and never holds the Secret ID', () => {
		expect(paceKeyOf({ ...account })).toBe(paceKeyOf(account));
		expect(paceKeyOf(account)).toMatch(/^[0-9a-f]{64}$/);
		expect(paceKeyOf(account)).not.toContain(account.secretId);
	});

	it.each([
		['secretId', 'AKIDanotherSecretId00000000000000000'],
		['endpoint', 'http://127.0.0.1:9001'],
		['region', 'ap-shanghai'],
		['action', 'VatInvoiceVerifyNew'],
	] as const)('differs when the %s differs', (part, value) => {
		expect(paceKeyOf({ ...account, [part]: value })).not.toBe(paceKeyOf(account));
	});
});

/** Start times of `count` calls asked for at once on `pace`. */
async function startTimesOn(clock: VirtualClock, paces: AccountPace[], countPerPace: number): Promise<number[]> {
	const startTimes: number[] = [];
	const asks = paces.flatMap((pace) =>
		Array.from({ length: countPerPace }, () => pace.waitForTurn().then(() => void startTimes.push(clock.nowMs()))),
	);
	await clock.run(Promise.all(asks));
	return startTimes.sort((a, b) => a - b);
}

describe('PaceRegistry', () => {
	it('gives every execution of one account and action the same pace: 4 × 25 calls at 10/s take 10 s, not 2.5', async () => {
		const clock = new VirtualClock();
		const registry = new PaceRegistry(() => new AccountPace(clock));
		const executions = Array.from({ length: 4 }, () => registry.join(paceKeyOf(account), 10));

		const startTimes = await startTimesOn(clock, executions.map(({ pace }) => pace), 25);

		expect(new Set(executions.map(({ pace }) => pace)).size).toBe(1);
		expect(startTimes).toHaveLength(100);
		expect(startTimes.at(-1)).toBe(99 * 102.5);
		for (const start of startTimes) {
			expect(startTimes.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(10);
		}
	});

	it('keeps other accounts and actions apart', () => {
		const registry = new PaceRegistry();
		const ocr = registry.join(paceKeyOf(account), 10);
		const verify = registry.join(paceKeyOf({ ...account, action: 'VatInvoiceVerifyNew' }), 20);
		const otherAccount = registry.join(paceKeyOf({ ...account, secretId: 'AKIDother' }), 10);
		expect(new Set([ocr.pace, verify.pace, otherAccount.pace]).size).toBe(3);
		expect(registry.size).toBe(3);
	});

	it('paces at the highest Requests Per Second among the executions running (each keeps to its own, see CallScheduler), and falls to the next when that one ends', () => {
		const registry = new PaceRegistry(() => new AccountPace(new VirtualClock(), () => 0.5));
		const slow = registry.join('key', 4);
		const fast = registry.join('key', 10);
		expect(fast.pace.ceiling).toBe(10);
		for (let accepted = 0; accepted < 100; accepted++) fast.pace.noteAccepted();
		expect(fast.pace.currentRate).toBe(10);

		fast.leave();
		expect([slow.pace.ceiling, slow.pace.currentRate]).toEqual([4, 4]);
	});

	it('keeps nothing once the last execution of an account has left, and leaving twice changes nothing', () => {
		const registry = new PaceRegistry();
		const first = registry.join('key', 10);
		const second = registry.join('key', 5);
		first.leave();
		first.leave();
		expect(registry.size).toBe(1);
		expect([second.pace.ceiling, second.pace.currentRate]).toEqual([5, 5]);
		second.leave();
		expect(registry.size).toBe(0);

		const later = registry.join('key', 10);
		expect(later.pace).not.toBe(first.pace);
		expect(later.pace.currentRate).toBe(10);
	});
});

describe('AccountPace: adaptive rate', () => {
	function paceAt(requestsPerSecond: number, random = () => 0.5) {
		const clock = new VirtualClock();
		const pace = new AccountPace(clock, random);
		pace.addUser(requestsPerSecond);
		return { clock, pace };
	}

	it.each([
		// [share of recent answers throttled, factor]: in proportion up to 15 %, by half from there.
		[0, 1],
		[0.03, 0.9],
		[0.05, 1 - 0.5 / 3],
		[0.075, 0.75],
		[0.15, 0.5],
		[0.6, 0.5],
	])('a throttled answer with %d of recent answers throttled cuts the rate by a factor of %d', (share, factor) => {
		expect(cutFactorFor(share)).toBeCloseTo(factor, 10);
	});

	/** The pace at 10/s after `accepted` accepted answers at 0 ms, then throttled answers at the given moments. */
	async function rateAfter(accepted: number, throttledAtMs: number[]) {
		const { clock, pace } = paceAt(10);
		for (let count = 0; count < accepted; count++) pace.noteAccepted();
		for (const atMs of throttledAtMs) {
			await clock.run(clock.sleep(atMs - clock.nowMs()));
			pace.noteThrottled();
		}
		return pace.currentRate;
	}

	it.each([
		['a lone throttled answer among 99 accepted (jitter): 1 %', 99, [0], 10 * cutFactorFor(0.01)],
		['a lone first answer counts over 20 answers at least: 5 %', 0, [0], 10 * cutFactorFor(0.05)],
		['answers within the same window cut once', 19, [0, 10, 500, 1024], 10 * cutFactorFor(0.05)],
		['throttling that goes on cuts deeper each window', 17, [0, 1025, 2050], 10 * cutFactorFor(1 / 20) * cutFactorFor(2 / 20) * cutFactorFor(3 / 20)],
		['answers older than 10 s no longer count', 0, [0, 10_000], 10 * cutFactorFor(1 / 20) ** 2],
		['never below the minimum', 0, [0, 1025, 2050, 3075, 4100, 5125, 6150, 7175], DEFAULT_PACE_TUNING.minimumRate],
	])('%s', async (_case, accepted, throttledAtMs, expectedRate) => {
		expect(await rateAfter(accepted, throttledAtMs)).toBeCloseTo(expectedRate, 10);
	});

	it.each([
		// Each accepted answer adds (1 / rate) × (0.5 + random): about 1/s per second at that rate.
		[0.5, 1, 1],
		[0, 1, 0.5],
		[1, 1, 1.5],
	])('with random %d, %d accepted answer adds %d / rate', async (random, accepted, stepTimesRate) => {
		const { clock, pace } = paceAt(10, () => random);
		for (const atMs of [0, 1025, 2050]) {
			await clock.run(clock.sleep(atMs - clock.nowMs()));
			pace.noteThrottled();
		}
		const lowered = pace.currentRate;
		expect(lowered).toBeLessThan(3);
		for (let count = 0; count < accepted; count++) pace.noteAccepted();
		expect(pace.currentRate).toBeCloseTo(lowered + stepTimesRate / lowered, 10);
	});

	it('climbs back to Requests Per Second, never past it', async () => {
		const { pace } = paceAt(10);
		pace.noteThrottled();
		for (let count = 0; count < 100; count++) pace.noteAccepted();
		expect(pace.currentRate).toBe(10);
	});

	it('spaces calls by the lowered rate at once', async () => {
		const { clock, pace } = paceAt(10);
		pace.noteThrottled();
		const lowered = pace.currentRate;
		expect(lowered).toBeLessThan(10);
		const startTimes = await startTimesOn(clock, [pace], 3);
		expect(startTimes).toEqual([0, 1, 2].map((index) => (index * 1025) / lowered));
	});

	it('keeps close to its schedule when timers fire late (a busy event loop), never more than the rate in a window', async () => {
		const clock = new VirtualClock();
		const lateClock = { nowMs: clock.nowMs, sleep: (ms: number) => clock.sleep(ms + 30) };
		const pace = new AccountPace(lateClock);
		pace.addUser(10);

		const startTimes = await startTimesOn(clock, [pace], 50);

		// 49 intervals of 102.5 ms are 5.0 s: less than 5 % behind, where starting afresh after every
		// late wake-up would make each interval 30 ms longer (6.5 s in all).
		expect(startTimes.at(-1)).toBeLessThanOrEqual(49 * 102.5 * 1.05);
		for (const start of startTimes) {
			expect(startTimes.filter((other) => other >= start && other < start + 1025).length).toBeLessThanOrEqual(10);
		}
	});

	it('moves two processes apart: with their own random draws, their rates differ after the same answers', () => {
		const paces = [seededRandom(1), seededRandom(2)].map((random) => {
			const pace = new AccountPace(new VirtualClock(), random);
			pace.addUser(10);
			pace.noteThrottled();
			for (let count = 0; count < 5; count++) pace.noteAccepted();
			return pace.currentRate;
		});
		expect(paces[0]).not.toBeCloseTo(paces[1], 3);
	});
});

/**
 * Two processes (two registries, so two paces) on one account, each with 5 calls at once and
 * 300 ms latency, against Tencent's 10/s limiter; a throttled call is retried after a jittered
 * wait. Deterministic: virtual time and seeded randomness.
 */
async function simulateProcesses(processCount: number, seconds: number, lateBy: () => number = () => 0) {
	const clock = new VirtualClock();
	const tencent = new SlidingWindowRateLimiter(10, clock.nowMs);
	const counts = { accepted: 0, throttled: 0 };
	const deadline = seconds * 1000;
	const worker = async (pace: AccountPace, random: () => number) => {
		while (clock.nowMs() < deadline) {
			await pace.waitForTurn();
			await clock.sleep(150 + lateBy());
			const accepted = tencent.tryAcquire('account');
			await clock.sleep(150);
			if (accepted) {
				counts.accepted++;
				pace.noteAccepted();
			} else {
				counts.throttled++;
				pace.noteThrottled();
				await clock.sleep(1000 * random());
			}
		}
	};
	const processes = Array.from({ length: processCount }, (_unused, index) => {
		const random = seededRandom(index + 7);
		const pace = new AccountPace(clock, random);
		pace.addUser(10);
		return Array.from({ length: 5 }, () => worker(pace, random));
	});
	await clock.run(Promise.all(processes.flat()));
	return {
		shareOfQuota: counts.accepted / seconds / 10,
		throttledShare: counts.throttled / (counts.accepted + counts.throttled),
	};
}

describe('AccountPace: processes that cannot see each other', () => {
	it('one process alone runs at the quota, never throttled', async () => {
		const { shareOfQuota, throttledShare } = await simulateProcesses(1, 60);
		expect(shareOfQuota).toBeGreaterThanOrEqual(0.95);
		expect(throttledShare).toBe(0);
	});

	it('one process whose requests reach Tencent unevenly (large uploads) keeps ≥ 0.8 of the quota with ≤ 6 % throttled', async () => {
		// Late by 0–40 ms mostly, 40–150 ms one time in 7, up to 350 ms one time in 20: as 5 MB PDFs
		// were measured against the emulator (from the pace's turn to the request's arrival).
		const random = seededRandom(3);
		const lateBy = () => {
			const draw = random();
			if (draw < 0.8) return 40 * random();
			return draw < 0.95 ? 40 + 110 * random() : 150 + 200 * random();
		};
		const { shareOfQuota, throttledShare } = await simulateProcesses(1, 60, lateBy);
		expect(shareOfQuota).toBeGreaterThanOrEqual(0.8);
		expect(throttledShare).toBeGreaterThan(0);
		expect(throttledShare).toBeLessThanOrEqual(0.06);
	});

	it.each([2, 3])('%d processes settle at ≥ 0.7 of the quota with ≤ 20 % of calls throttled', async (processCount) => {
		const { shareOfQuota, throttledShare } = await simulateProcesses(processCount, 120);
		expect(shareOfQuota).toBeGreaterThanOrEqual(0.7);
		expect(shareOfQuota).toBeLessThanOrEqual(1);
		expect(throttledShare).toBeLessThanOrEqual(0.2);
	});
});

describe('AccountPace on the real clock', () => {
	afterEach(() => jest.useRealTimers());

	it('is not moved by a step of the wall clock: an hour back asks for no longer sleep than the spacing', async () => {
		// Only Date is faked: performance.now() and the timers run on as the machine's monotonic clock does.
		jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
		const sleeps: number[] = [];
		const pace = new AccountPace({ nowMs: realClock.nowMs, sleep: async (ms) => {
			sleeps.push(ms);
			await new Promise((resolve) => setTimeout(resolve, ms));
		} });
		pace.addUser(10);
		await pace.waitForTurn();
		jest.setSystemTime(Date.now() - 3_600_000);

		await Promise.all(Array.from({ length: 3 }, () => pace.waitForTurn()));

		expect(sleeps.length).toBeGreaterThan(0);
		expect(Math.max(...sleeps)).toBeLessThanOrEqual(102.5);
	});
});
