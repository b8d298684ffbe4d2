import { SlidingWindowRateLimiter } from '../../emulator/rate-limiter';

describe('SlidingWindowRateLimiter', () => {
	let now: number;
	const clock = () => now;

	beforeEach(() => {
		now = 1_000_000;
	});

	function acquireTimes(limiter: SlidingWindowRateLimiter, key: string, times: number): boolean[] {
		return Array.from({ length: times }, () => limiter.tryAcquire(key));
	}

	it('allows the limit within one second and refuses the rest', () => {
		const limiter = new SlidingWindowRateLimiter(10, clock);
		const results = acquireTimes(limiter, 'AKID1', 15);
		expect(results.filter(Boolean)).toHaveLength(10);
		expect(results.slice(10)).toEqual([false, false, false, false, false]);
	});

	it('slides: capacity returns one second after each accepted request', () => {
		const limiter = new SlidingWindowRateLimiter(2, clock);
		expect(acquireTimes(limiter, 'AKID1', 2)).toEqual([true, true]);
		now += 500;
		expect(limiter.tryAcquire('AKID1')).toBe(false);
		now += 499;
		expect(limiter.tryAcquire('AKID1')).toBe(false);
		now += 1;
		expect(acquireTimes(limiter, 'AKID1', 3)).toEqual([true, true, false]);
	});

	it('counts each SecretId separately', () => {
		const limiter = new SlidingWindowRateLimiter(1, clock);
		expect([limiter.tryAcquire('AKID1'), limiter.tryAcquire('AKID2'), limiter.tryAcquire('AKID1')]).toEqual([true, true, false]);
	});

	it('is off with a limit of 0, and forgets everything on reset', () => {
		expect(acquireTimes(new SlidingWindowRateLimiter(0, clock), 'AKID1', 100).every(Boolean)).toBe(true);
		const limiter = new SlidingWindowRateLimiter(1, clock);
		limiter.tryAcquire('AKID1');
		limiter.reset();
		expect(limiter.tryAcquire('AKID1')).toBe(true);
	});
});
