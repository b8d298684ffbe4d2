import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_CALL_POLICY, readCallPolicy } from '../tencent/callPolicy';
import { forEachConcurrently } from '../tencent/concurrency';
import { OcrCaller } from '../tencent/caller';
import { ACTION_QUOTAS, createOcrClient, readTencentCredentials } from '../tencent/client';
import { errorItem, toNodeError, type NodeError } from '../output/errorItems';
import * as recognizeVatInvoice from './recognizeVatInvoice.operation';
import * as verifyVatInvoice from './verifyVatInvoice.operation';

/** What the router needs of an operation module. */
interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number, caller: OcrCaller): Promise<INodeExecutionData[]>;
	/** The default requests per second of the action it calls. */
	quota: number;
}

const operations: Record<string, Operation> = {
	recognizeVatInvoice: { execute: recognizeVatInvoice.execute, quota: ACTION_QUOTAS.VatInvoiceOCR },
	verifyVatInvoice: { execute: verifyVatInvoice.execute, quota: ACTION_QUOTAS.VatInvoiceVerifyNew },
};

/** One caller per execution: its quota and retries are this execution's alone. */
async function createCaller(context: IExecuteFunctions, quota: number): Promise<OcrCaller> {
	const policy = readCallPolicy(context.getNodeParameter('options', 0, {}) as Record<string, unknown>, {
		...DEFAULT_CALL_POLICY,
		requestsPerSecond: quota,
	});
	const credentials = readTencentCredentials(await context.getCredentials('tencentCloudApi'));
	return new OcrCaller(createOcrClient(credentials), policy, { cancelSignal: context.getExecutionCancelSignal() });
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
	let caller: OcrCaller;
	try {
		caller = await createCaller(this, selectedOperation.quota);
	} catch (error) {
		// A credential or option that cannot work fails every item alike: one error item each under Continue On Fail.
		if (!this.continueOnFail()) throw toNodeError(this, error, 0);
		return [inputItems.map((_item, itemIndex) => errorItem(toNodeError(this, error, itemIndex), itemIndex))];
	}
	const outputsByItem: INodeExecutionData[][] = inputItems.map(() => []);
	const failures: Array<{ itemIndex: number; error: NodeError }> = [];
	const continueOnFail = this.continueOnFail();

	await forEachConcurrently(
		inputItems.length,
		caller.policy.maxConcurrency,
		async (itemIndex) => {
			try {
				const results = await selectedOperation.execute.call(this, itemIndex, caller);
				outputsByItem[itemIndex] = this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (continueOnFail) outputsByItem[itemIndex] = [errorItem(nodeError, itemIndex)];
				else failures.push({ itemIndex, error: nodeError });
			}
		},
		() => failures.length > 0,
	);

	if (failures.length > 0) throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	return [outputsByItem.flat()];
}
