/**
 * The one per-item runner every operation goes through. It owns what is the same for all of them:
 * the caller on the account's pace, items started within Max Concurrency, the start gate (no file,
 * page or call starts after Stop or after a failure that stops the node), Continue On Fail and the
 * error items, pairing every output item to its input, and the node's outputs. An operation only
 * reads its item's inputs and gives its invoices, and its failed files or pages as values.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, type NodeError } from '../output/errorItems';
import { outputCountOf, toInvoiceItems, type FailedPart, type FileInvoices } from '../output/invoiceItems';
import { DEFAULT_CALL_POLICY, readCallPolicy } from '../tencent/callPolicy';
import { OcrCaller } from '../tencent/caller';
import { accountPaces, paceKeyOf } from '../tencent/pacing/accountPace';
import { CallScheduler } from '../tencent/pacing/callScheduler';
import { forEachItem } from '../tencent/pacing/concurrency';
import { ACTION_QUOTAS, createOcrClient, readTencentCredentials, type OcrAction } from '../tencent/transport/client';
import { toNodeError, type FailurePlace } from './nodeErrors';
import { outputModeOf } from './outputParameter';

/** What the runner gives an operation for one input item. */
export interface ItemScope {
	itemIndex: number;
	/** Calls Tencent within the item's place and the account's pace. */
	caller: OcrCaller;
	/** Whether a file, page or call may still start: false after Stop, or after a failure that stops the node. */
	mayStart(): boolean;
	/**
	 * A file or page of the item failed. Under Continue On Fail the returned part (its error item)
	 * stands in its place and the rest goes on; otherwise the gate closes and the node fails with it.
	 */
	failed(error: unknown, place: FailurePlace): FailedPart;
}

/**
 * An operation, as the runner runs it. A new one is a folder under actions/ with its description
 * and an `execute`, registered in router.ts; nothing here changes for it.
 */
export interface Operation {
	/** The action whose quota paces the calls (OFD calls of Recognize share VatInvoiceOCR's pace). */
	action: OcrAction;
	/** One input item's invoices, per file (Verify: one group for the item); a thrown error fails the whole item. */
	execute(this: IExecuteFunctions, item: ItemScope): Promise<FileInvoices[]>;
}

interface ExecutionCaller {
	caller: OcrCaller;
	scheduler: CallScheduler;
	/** Leaves the account's pace: call once the execution's calls are over. */
	leavePace: () => void;
}

/**
 * One caller per execution, with its own places and retries, on the pace that every execution
 * of this process shares for the same account and action.
 */
async function createCaller(context: IExecuteFunctions, action: OcrAction, cancelSignal: AbortSignal): Promise<ExecutionCaller> {
	const policy = readCallPolicy(context.getNodeParameter('options', 0, {}) as Record<string, unknown>, {
		...DEFAULT_CALL_POLICY,
		requestsPerSecond: ACTION_QUOTAS[action],
	});
	const credentials = readTencentCredentials(await context.getCredentials('tencentCloudApi'));
	const client = createOcrClient(credentials);
	const paceKey = paceKeyOf({
		secretId: credentials.secretId,
		// As sent (scheme, host, port): "", "ocr.tencentcloudapi.com" and "https://ocr.tencentcloudapi.com" are one quota.
		endpoint: client.endpoint.origin,
		region: credentials.region,
		action,
	});
	const { pace, leave } = accountPaces.join(paceKey, policy.requestsPerSecond);
	const scheduler = new CallScheduler(policy, pace);
	return { caller: new OcrCaller(client, policy, { scheduler, cancelSignal }), scheduler, leavePace: leave };
}

const NO_PLACE: FailurePlace = { sourceFileName: null, sourceBinaryField: null, pdfPage: null };

/**
 * Runs `operation` for every input item, several at a time within the quota, and returns their
 * output items in input order, per output of the node. Under Continue On Fail a failed item, file
 * or page gives one error item (on the first output) and the rest goes on; otherwise nothing new
 * starts after the first failure, and its error stops the node.
 */
export async function runItems(this: IExecuteFunctions, operation: Operation): Promise<INodeExecutionData[][]> {
	const inputItems = this.getInputData();
	const outputMode = outputModeOf(this);
	const outputCount = outputCountOf(outputMode);
	// Settings → On Error → Continue: read here only, so that no operation decides it on its own.
	const errorItemsInstead = this.continueOnFail();
	const errorItemOf = (error: unknown, itemIndex: number, place: FailurePlace = NO_PLACE) => {
		const { nodeError, reason } = toNodeError(this, error, itemIndex, place);
		return { nodeError, reason, item: errorItem(nodeError, itemIndex, { ...place }) };
	};
	const asOutputs = (firstOutput: INodeExecutionData[]) =>
		Array.from({ length: outputCount }, (_unused, outputIndex) => (outputIndex === 0 ? firstOutput : []));

	// Closed by the first failure without Continue On Fail (or by n8n's Stop): no item, file, page or
	// call starts after it, and calls under way are dropped, since the node fails anyway.
	const stopStarting = new AbortController();
	const executionCancelSignal = this.getExecutionCancelSignal?.();
	const cancelSignal = executionCancelSignal ? AbortSignal.any([executionCancelSignal, stopStarting.signal]) : stopStarting.signal;
	let firstFailure: NodeError | undefined;
	/** The failure that closes the gate first is the cause; items it cut short fail only because of it. */
	const stopNode = (nodeError: NodeError) => {
		firstFailure ??= nodeError;
		stopStarting.abort();
	};

	let executionCaller: ExecutionCaller;
	try {
		executionCaller = await createCaller(this, operation.action, cancelSignal);
	} catch (error) {
		// A credential or option that cannot work fails every item alike: one error item each under Continue On Fail.
		if (!errorItemsInstead) throw errorItemOf(error, 0).nodeError;
		return asOutputs(inputItems.map((_item, itemIndex) => errorItemOf(error, itemIndex).item));
	}
	const { caller, scheduler, leavePace } = executionCaller;
	const outputsByItem: INodeExecutionData[][][] = inputItems.map(() => []);
	try {
		await forEachItem(
			inputItems.length,
			async () => await scheduler.startItem(),
			async (itemIndex, place) => {
				const scope: ItemScope = {
					itemIndex,
					caller: caller.through(place),
					mayStart: () => !cancelSignal.aborted,
					failed: (error, failurePlace) => {
						const { nodeError, reason, item } = errorItemOf(error, itemIndex, failurePlace);
						if (!errorItemsInstead) stopNode(nodeError);
						return { errorItem: item, reason };
					},
				};
				try {
					const files = await operation.execute.call(this, scope);
					const outputs = asOutputs([]).map(() => [] as INodeExecutionData[]);
					for (const file of files) {
						toInvoiceItems(file.pages, { ...file, outputMode }).forEach((items, outputIndex) => outputs[outputIndex].push(...items));
					}
					outputsByItem[itemIndex] = outputs.map((items) => this.helpers.constructExecutionMetaData(items, { itemData: { item: itemIndex } }));
				} catch (error) {
					const { nodeError, item } = errorItemOf(error, itemIndex);
					// Error items go to the first output (Invoices, under Separate Outputs).
					if (errorItemsInstead) outputsByItem[itemIndex] = asOutputs([item]);
					else stopNode(nodeError);
				}
			},
			() => cancelSignal.aborted,
		);
	} finally {
		leavePace();
	}

	if (firstFailure) throw firstFailure;
	return Array.from({ length: outputCount }, (_unused, outputIndex) => outputsByItem.flatMap((outputs) => outputs[outputIndex] ?? []));
}
