/**
 * CPU time a synchronous action takes, from process.cpuUsage(): unlike wall time it does not grow
 * when other processes share the machine, so a budget far above what linear work needs tells a
 * linear parser from a quadratic one without asserting speed.
 */
import { FixableProblem } from '../../nodes/TencentInvoiceOcr/errors';

/** Linear work on a megabyte takes a few milliseconds; quadratic work on 40 KB takes seconds. */
export const LINEAR_CPU_BUDGET_MS = 1000;

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

/** What the measured action returned; fails with what it threw. */
export function valueOf<T>(measured: Measured<T>): T {
	if ('error' in measured.outcome) throw measured.outcome.error;
	return measured.outcome.value;
}

/** The message of the InputError (or other FixableProblem) the measured action threw; fails when it returned. */
export function refusalOf(measured: Measured<unknown>): string {
	if (!('error' in measured.outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(measured.outcome.value)}`);
	const { error } = measured.outcome;
	if (!(error instanceof FixableProblem)) throw error;
	return error.message;
}
