import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_CALL_POLICY, readCallPolicy } from '../tencent/callPolicy';
import { forEachConcurrently } from '../tencent/concurrency';
import { OcrCaller } from '../tencent/caller';
import { ACTION_QUOTAS, createOcrClient, readTencentCredentials } from '../tencent/client';
import { errorItem, toNodeError, type NodeError } from '../output/errorItems';
import * as recognizeVatInvoice from './recognizeVatInvoice.operation';
import type { StartGate } from './recognizeVatInvoice.operation';
import * as verifyVatInvoice from './verifyVatInvoice.operation';

/** What the router needs of an operation module. */
interface Operation {
	/** One input item's results, per output of the node. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		caller: OcrCaller,
		gate: StartGate,
	): Promise<INodeExecutionData[][]>;
	/** The default requests per second of the action it calls. */
	quota: number;
	/** How many outputs the node has; one when absent. */
	outputCount?: (this: IExecuteFunctions) => number;
}

const operations: Record<string, Operation> = {
	recognizeVatInvoice: {
		execute: recognizeVatInvoice.execute,
		quota: ACTION_QUOTAS.VatInvoiceOCR,
		outputCount: recognizeVatInvoice.outputCount,
	},
	verifyVatInvoice: {
		execute: async function (this: IExecuteFunctions, itemIndex: number, caller: OcrCaller) {
			return [await verifyVatInvoice.execute.call(this, itemIndex, caller)];
		},
		quota: ACTION_QUOTAS.VatInvoiceVerifyNew,
	},
};

/** One caller per execution: its quota and retries are this execution's alone. */
async function createCaller(context: IExecuteFunctions, quota: number): Promise<OcrCaller> {
	try {
		const policy = readCallPolicy(context.getNodeParameter('options', 0, {}) as Record<string, unknown>, {
			...DEFAULT_CALL_POLICY,
			requestsPerSecond: quota,
		});
		const credentials = readTencentCredentials(await context.getCredentials('tencentCloudApi'));
		return new OcrCaller(createOcrClient(credentials, policy.timeoutSeconds), policy);
	} catch (error) {
		throw toNodeError(context, error, 0);
	}
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

	const caller = await createCaller(this, selectedOperation.quota);
	const inputItems = this.getInputData();
	const outputCount = selectedOperation.outputCount?.call(this) ?? 1;
	const outputsByItem: INodeExecutionData[][][] = inputItems.map(() => []);
	const failures: Array<{ itemIndex: number; error: NodeError }> = [];
	const continueOnFail = this.continueOnFail();
	// Closed by the first failure without Continue On Fail: no item, nor page of an item under way, starts after it.
	let gateClosed = false;
	const gate: StartGate = { isClosed: () => gateClosed, close: () => (gateClosed = true) };

	await forEachConcurrently(
		inputItems.length,
		caller.policy.maxConcurrency,
		async (itemIndex) => {
			try {
				const results = await selectedOperation.execute.call(this, itemIndex, caller, gate);
				outputsByItem[itemIndex] = results.map((items) =>
					this.helpers.constructExecutionMetaData(items, { itemData: { item: itemIndex } }),
				);
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				// Error items go to the first output (Invoices, under Separate Outputs).
				if (continueOnFail) outputsByItem[itemIndex] = [[errorItem(nodeError, itemIndex)]];
				else {
					gate.close();
					failures.push({ itemIndex, error: nodeError });
				}
			}
		},
		() => gate.isClosed(),
	);

	if (failures.length > 0) throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	return Array.from({ length: outputCount }, (_unused, outputIndex) =>
		outputsByItem.flatMap((outputs) => outputs[outputIndex] ?? []),
	);
}
