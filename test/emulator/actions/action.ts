/** What the gateway needs from each action: its answer to a request that passed the gateway's checks. */
export interface ActionContext {
	/** Throws the injected fault, if any (a failing page's among them); an action calls it once its own checks have passed. */
	throwInjectedFault(pdfPageNumber?: number): void;
	/** The page count injected for every PDF, if any. */
	claimedPdfPageCount?: number;
}

/** The Response body without RequestId; throws a TencentApiError for a failure. */
export type ActionAnswer = (params: Record<string, unknown>, context: ActionContext) => Promise<object>;
