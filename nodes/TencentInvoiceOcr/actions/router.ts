import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { accountPaces, paceKeyOf } from '../tencent/accountPace';
import { DEFAULT_CALL_POLICY, readCallPolicy } from '../tencent/callPolicy';
import { CallScheduler } from '../tencent/callScheduler';
import { forEachItem } from '../tencent/concurrency';
import { OcrCaller } from '../tencent/caller';
import { ACTION_QUOTAS, createOcrClient, readTencentCredentials, type OcrAction } from '../tencent/client';
import { errorItem, toNodeError, type NodeError } from '../output/errorItems';
import * as recognizeVatInvoice from './recognizeVatInvoice.operation';
import * as verifyVatInvoice from './verifyVatInvoice.operation';

/** Tells pages and items not yet started to stay so: after a failure without Continue On Fail, or after Stop. */
export interface StartGate {
	isClosed(): boolean;
	/** The first close names the failure that stops the node; later ones were cut short by it. */
	close(cause: NodeError): void;
}

/** What the router needs of an operation module. */
interface Operation {
	/** One input item's results, per output of the node. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		caller: OcrCaller,
		gate: StartGate,
	): Promise<INodeExecutionData[][]>;
	/** The action whose quota paces its calls (OFD calls of Recognize share VatInvoiceOCR's pace). */
	action: OcrAction;
	/** How many outputs the node has; one when absent. */
	outputCount?: (this: IExecuteFunctions) => number;
}

const operations: Record<string, Operation> = {
	recognizeVatInvoice: {
		execute: recognizeVatInvoice.execute,
		action: 'VatInvoiceOCR',
		outputCount: recognizeVatInvoice.outputCount,
	},
	verifyVatInvoice: {
		execute: async function (this: IExecuteFunctions, itemIndex: number, caller: OcrCaller) {
			return [await verifyVatInvoice.execute.call(this, itemIndex, caller)];
		},
		action: 'VatInvoiceVerifyNew',
	},
};

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
async function createCaller(
	context: IExecuteFunctions,
	action: OcrAction,
	cancelSignal: AbortSignal,
): Promise<ExecutionCaller> {
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

/**
 * Runs the operation for every input item, several at a time within the quota, and returns
 * their results in input order. Under Continue On Fail a failed item gives one error item;
 * otherwise no new item starts and the first failed item's error stops the node.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const selectedOperation = operations[operation];
	if (!selectedOperation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}

	const inputItems = this.getInputData();
	const outputCount = selectedOperation.outputCount?.call(this) ?? 1;
	// Aborted by the first failure without Continue On Fail (or by n8n's Stop): no item, page or call starts after it,
	// and calls under way are dropped, since the node fails anyway.
	const stopStarting = new AbortController();
	const executionCancelSignal = this.getExecutionCancelSignal?.();
	const cancelSignal = executionCancelSignal
		? AbortSignal.any([executionCancelSignal, stopStarting.signal])
		: stopStarting.signal;
	let executionCaller: ExecutionCaller;
	try {
		executionCaller = await createCaller(this, selectedOperation.action, cancelSignal);
	} catch (error) {
		// A credential or option that cannot work fails every item alike: one error item each under Continue On Fail.
		if (!this.continueOnFail()) throw toNodeError(this, error, 0);
		const errorItems = inputItems.map((_item, itemIndex) => errorItem(toNodeError(this, error, itemIndex), itemIndex));
		return Array.from({ length: outputCount }, (_unused, outputIndex) => (outputIndex === 0 ? errorItems : []));
	}
	const { caller, scheduler, leavePace } = executionCaller;
	const outputsByItem: INodeExecutionData[][][] = inputItems.map(() => []);
	let firstFailure: NodeError | undefined;
	const continueOnFail = this.continueOnFail();
	const gate: StartGate = {
		isClosed: () => cancelSignal.aborted,
		close: (cause) => {
			firstFailure ??= cause;
			stopStarting.abort();
		},
	};

	try {
		await forEachItem(
			inputItems.length,
			async () => await scheduler.startItem(),
			async (itemIndex, place) => {
				try {
					const results = await selectedOperation.execute.call(this, itemIndex, caller.through(place), gate);
					outputsByItem[itemIndex] = results.map((items) =>
						this.helpers.constructExecutionMetaData(items, { itemData: { item: itemIndex } }),
					);
				} catch (error) {
					const nodeError = toNodeError(this, error, itemIndex);
					// Error items go to the first output (Invoices, under Separate Outputs).
					if (continueOnFail) outputsByItem[itemIndex] = [[errorItem(nodeError, itemIndex)]];
					// The failure that closes the gate first is the cause; items it cut short fail only because of it.
					else gate.close(nodeError);
				}
			},
			() => gate.isClosed(),
		);
	} finally {
		leavePace();
	}

	if (firstFailure) throw firstFailure;
	return Array.from({ length: outputCount }, (_unused, outputIndex) =>
		outputsByItem.flatMap((outputs) => outputs[outputIndex] ?? []),
	);
}
