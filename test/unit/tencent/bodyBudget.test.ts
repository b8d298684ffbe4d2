/** The process's bound on request bodies written at once: bodies wait for bytes in order, and Stop leaves nothing held. */
import { BodyBudget } from '../../../nodes/TencentInvoiceOcr/tencent/pacing/bodyBudget';

const settledYet = async (promise: Promise<unknown>) => {
	let settled = false;
	void promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	await new Promise((resolve) => setImmediate(resolve));
	return settled;
};

describe('BodyBudget', () => {
	it('holds bodies while their bytes fit, and lets the next one in when one gives its bytes back', async () => {
		const budget = new BodyBudget(100);
		const first = await budget.reserve(60);
		const second = budget.reserve(60);
		expect(await settledYet(second)).toBe(false);
		expect(budget.heldBytes).toBe(60);

		first();
		first();
		expect(await settledYet(second)).toBe(true);
		expect(budget.heldBytes).toBe(60);
		(await second)();
		expect(budget.heldBytes).toBe(0);
	});

	it('serves in order: a small body does not pass a large one that waits', async () => {
		const budget = new BodyBudget(100);
		const held = await budget.reserve(50);
		const large = budget.reserve(80);
		const small = budget.reserve(10);
		expect([await settledYet(large), await settledYet(small)]).toEqual([false, false]);
		held();
		expect([await settledYet(large), await settledYet(small)]).toEqual([true, true]);
	});

	it('lets a body larger than the whole budget in once it is alone', async () => {
		const budget = new BodyBudget(100);
		const held = await budget.reserve(10);
		const huge = budget.reserve(500);
		expect(await settledYet(huge)).toBe(false);
		held();
		(await huge)();
		expect(budget.heldBytes).toBe(0);
	});

	it('on Stop, a waiting body rejects and holds nothing once its bytes would have come', async () => {
		const budget = new BodyBudget(100);
		const held = await budget.reserve(100);
		const stop = new AbortController();
		const waiting = budget.reserve(50, stop.signal);
		stop.abort();
		await expect(waiting).rejects.toThrow();
		held();
		await new Promise((resolve) => setImmediate(resolve));
		expect(budget.heldBytes).toBe(0);
	});
});
