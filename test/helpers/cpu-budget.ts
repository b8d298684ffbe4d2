/**
 * CPU time a synchronous action takes, from process.cpuUsage(): unlike wall time it does not grow
 * when other processes share the machine, so a budget far above what linear work needs tells a
 * linear parser from a quadratic one without asserting speed.
 */
export interface Measured<T> {
	/** What the action returned, or the error it threw. */
	outcome: { value: T } | { error: unknown };
	cpuMs: number;
}

export function measureCpu<T>(action: () => T): Measured<T> {
	const before = process.cpuUsage();
	let outcome: Measured<T>['outcome'];
	try {
		outcome = { value: action() };
	} catch (error) {
		outcome = { error };
	}
	const used = process.cpuUsage(before);
	return { outcome, cpuMs: (used.user + used.system) / 1000 };
}
