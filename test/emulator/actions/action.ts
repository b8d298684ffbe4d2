/** What the gateway needs from each action: its answer to a request that passed the gateway's checks. */
export interface ActionContext {
	/** Throws the injected fault, if any; an action calls it once its own checks have passed. */
	throwInjectedFault(): void;
}

/** The Response body without RequestId; throws a TencentApiError for a failure. */
export type ActionAnswer = (params: Record<string, unknown>, context: ActionContext) => Promise<object>;
