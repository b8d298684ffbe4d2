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

/** What the router needs of an operation module. */
interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number, caller: OcrCaller): Promise<INodeExecutionData[]>;
	/** The action whose quota paces its calls (OFD calls of Recognize share VatInvoiceOCR's pace). */
	action: OcrAction;
}

const operations: Record<string, Operation> = {
	recognizeVatInvoice: { execute: recognizeVatInvoice.execute, action: 'VatInvoiceOCR' },
	verifyVatInvoice: { execute: verifyVatInvoice.execute, action: 'VatInvoiceVerifyNew' },
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
async function createCaller(context: IExecuteFunctions, action: OcrAction): Promise<ExecutionCaller> {
	try {
		const policy = readCallPolicy(context.getNodeParameter('options', 0, {}) as Record<string, unknown>, {
			...DEFAULT_CALL_POLICY,
			requestsPerSecond: ACTION_QUOTAS[action],
		});
		const credentials = readTencentCredentials(await context.getCredentials('tencentCloudApi'));
		const client = createOcrClient(credentials, policy.timeoutSeconds);
		const paceKey = paceKeyOf({
			secretId: credentials.secretId,
			endpoint: credentials.endpoint ?? '',
			region: credentials.region,
			action,
		});
		const { pace, leave } = accountPaces.join(paceKey, policy.requestsPerSecond);
		const scheduler = new CallScheduler(policy, pace);
		return { caller: new OcrCaller(client, policy, scheduler), scheduler, leavePace: leave };
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

	const { caller, scheduler, leavePace } = await createCaller(this, selectedOperation.action);
	const inputItems = this.getInputData();
	const outputsByItem: INodeExecutionData[][] = inputItems.map(() => []);
	const failures: Array<{ itemIndex: number; error: NodeError }> = [];
	const continueOnFail = this.continueOnFail();

	try {
		await forEachItem(
			inputItems.length,
			async () => await scheduler.startItem(),
			async (itemIndex, place) => {
				try {
					const results = await selectedOperation.execute.call(this, itemIndex, caller.through(place));
					outputsByItem[itemIndex] = this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } });
				} catch (error) {
					const nodeError = toNodeError(this, error, itemIndex);
					if (continueOnFail) outputsByItem[itemIndex] = [errorItem(nodeError, itemIndex)];
					else failures.push({ itemIndex, error: nodeError });
				}
			},
			() => failures.length > 0,
		);
	} finally {
		leavePace();
	}

	if (failures.length > 0) throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	return [outputsByItem.flat()];
}
