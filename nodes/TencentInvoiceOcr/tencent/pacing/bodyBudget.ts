/**
 * The bytes of request bodies that may exist at once in this process, across executions: a body
 * is written only once its bytes fit, and gives them back when its attempt ends.
 */
import { untilAborted } from './abortable';

/**
 * 128 MiB: thirteen bodies of Tencent's largest file (a 7.5 MB file is a 10 MB body), more than one
 * execution's Max Concurrency of such files needs at the default (5), while several executions at
 * once cannot hold more between them.
 */
export const PROCESS_BODY_BUDGET_BYTES = 128 * 1024 * 1024;

/** First come, first served: a large body is not passed over forever by smaller ones. */
export class BodyBudget {
	private bytesHeld = 0;
	private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

	constructor(readonly limitBytes: number = PROCESS_BODY_BUDGET_BYTES) {}

	get heldBytes(): number {
		return this.bytesHeld;
	}

	/**
	 * Resolves once `bytes` are held (a body larger than the whole budget, once nothing else is), with
	 * the function that gives them back. Rejects when `signal` aborts first, holding nothing.
	 */
	async reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			this.bytesHeld -= bytes;
			this.grantWaiting();
		};
		const granted = new Promise<void>((grant) => this.waiting.push({ bytes, grant }));
		this.grantWaiting();
		// Stopped while waiting: the bytes, once granted, go straight back.
		return await untilAborted(granted, signal).then(
			() => release,
			(reason: unknown) => {
				void granted.then(release);
				return Promise.reject(reason);
			},
		);
	}

	private grantWaiting(): void {
		while (this.waiting.length > 0) {
			const next = this.waiting[0];
			if (this.bytesHeld > 0 && this.bytesHeld + next.bytes > this.limitBytes) return;
			this.waiting.shift();
			this.bytesHeld += next.bytes;
			next.grant();
		}
	}
}

/** The process's budget: every execution of the node in this n8n process shares it. */
export const processBodyBudget = new BodyBudget();
