/**
 * Runs a workflow in-process through n8n-core's real WorkflowExecute, so nodes get the same
 * IExecuteFunctions context, binary-data helpers, credential decryption and error handling
 * (continueOnFail / onError) as in n8n, without a server or database.
 *
 *   const result = await runWorkflow({
 *     nodeTypes: { 'n8n-nodes-tencent-invoice-ocr.tencentInvoiceOcr': new TencentInvoiceOcr() },
 *     credentialTypes: [new TencentCloudApi()],
 *     credentials: { tencentCloudApi: { secretId: '…', secretKey: '…' } },
 *     workflow: { nodes: [ocrNode], connections: {} },
 *     inputItems: [{ binary: { data: { data: pdfBytes, fileName: 'a.pdf', mimeType: 'application/pdf' } } }],
 *     binaryDataMode: 'filesystem',
 *   });
 *   result.itemsOf(ocrNode.name);
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	IRun,
	IRunData,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper, type HarnessCredentials } from './credentials-helper';
import {
	createFixtureSource,
	FIXTURE_SOURCE_NAME,
	FIXTURE_SOURCE_TYPE,
	type FixtureItem,
	HarnessManualTrigger,
	MANUAL_TRIGGER_TYPE,
} from './harness-nodes';
import { type BinaryDataMode, prepareN8nContainer, useBinaryDataMode } from './n8n-container';
import { HarnessNodeTypes, type NodeTypeRegistry } from './node-types';

export type { BinaryDataMode } from './n8n-container';
export type { HarnessCredentials } from './credentials-helper';
export type { FixtureBinary, FixtureItem } from './harness-nodes';
export { FIXTURE_SOURCE_NAME, MANUAL_TRIGGER_TYPE } from './harness-nodes';

export interface HarnessWorkflow {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface RunWorkflowOptions {
	/** Node type name → instance, e.g. `{ 'n8n-nodes-tencent-invoice-ocr.tencentInvoiceOcr': new TencentInvoiceOcr() }`. */
	nodeTypes: NodeTypeRegistry;
	credentialTypes?: ICredentialType[];
	/** Clear-text data per credential type; stored encrypted, decrypted when a node asks. */
	credentials?: HarnessCredentials;
	workflow: HarnessWorkflow;
	/**
	 * Items fed into the workflow's root nodes by a "Fixture Source" node that the harness
	 * adds and starts from; leave the trigger out of `workflow` when using this.
	 */
	inputItems?: FixtureItem[];
	/** Where binary data is kept during the run: base64 in the items, or files on disk. */
	binaryDataMode?: BinaryDataMode;
	/** Cancels the execution when it aborts, as n8n's Stop button does (WorkflowExecute's cancel). */
	cancelSignal?: AbortSignal;
}

export interface WorkflowRunResult {
	run: IRun;
	runData: IRunData;
	/** Items on one output of the node's last run; throws if the node did not run. */
	itemsOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/**
	 * The error that stopped the run, as n8n records it: a plain copy of the thrown error
	 * (`name`, `message`, `node`, `context.itemIndex`, ...), not the instance itself.
	 */
	error?: ExecutionError;
}

const WORKFLOW_ID = 'harness-workflow';
let executionCount = 0;

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	prepareN8nContainer();
	await useBinaryDataMode(options.binaryDataMode ?? 'default');

	const nodeTypes = new HarnessNodeTypes({
		[MANUAL_TRIGGER_TYPE]: new HarnessManualTrigger(),
		[FIXTURE_SOURCE_TYPE]: createFixtureSource(options.inputItems ?? []),
		...options.nodeTypes,
	});
	const workflowData = toWorkflowData(withFixtureSource(options.workflow, options.inputItems, nodeTypes));
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	const credentialsHelper = await HarnessCredentialsHelper.create(
		options.credentialTypes ?? [],
		options.credentials ?? {},
	);

	executionCount += 1;
	const additionalData = createAdditionalData(workflowData, String(executionCount), credentialsHelper);
	const startNode = options.inputItems ? workflow.getNode(FIXTURE_SOURCE_NAME) ?? undefined : undefined;
	const execution = new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });
	options.cancelSignal?.addEventListener('abort', () => execution.cancel(), { once: true });
	const run = await execution;
	return toResult(run);
}

/** Puts the fixture source in front of every node that nothing feeds into. */
function withFixtureSource(
	workflow: HarnessWorkflow,
	inputItems: FixtureItem[] | undefined,
	nodeTypes: HarnessNodeTypes,
): HarnessWorkflow {
	if (inputItems === undefined) return workflow;
	const rootNodes = findRootNodes(workflow);
	rootNodes.forEach((node) => assertTakesInput(node, nodeTypes));
	const fixtureSource: INode = {
		id: 'harness-fixture-source',
		name: FIXTURE_SOURCE_NAME,
		type: FIXTURE_SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const toRoots = rootNodes.map((node) => ({ node: node.name, type: 'main' as const, index: 0 }));
	return {
		...workflow,
		nodes: [fixtureSource, ...workflow.nodes],
		connections: { ...workflow.connections, [FIXTURE_SOURCE_NAME]: { main: [toRoots] } },
	};
}

function findRootNodes({ nodes, connections }: HarnessWorkflow): INode[] {
	const fedNodeNames = new Set(
		Object.values(connections).flatMap((byType) =>
			(byType.main ?? []).flatMap((output) => (output ?? []).map((connection) => connection.node)),
		),
	);
	return nodes.filter((node) => !fedNodeNames.has(node.name));
}

function assertTakesInput(node: INode, nodeTypes: HarnessNodeTypes): void {
	const { inputs } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
	if (Array.isArray(inputs) && inputs.length === 0) {
		throw new Error(`inputItems feed the root nodes, but "${node.name}" takes no input: drop it or inputItems`);
	}
}

function toWorkflowData({ nodes, connections, settings }: HarnessWorkflow): IWorkflowBase {
	const now = new Date();
	return {
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		// v1 is what n8n gives new workflows; the legacy order differs for branching workflows.
		settings: { executionOrder: 'v1', ...settings },
	};
}

function toResult(run: IRun): WorkflowRunResult {
	const { runData, error } = run.data.resultData;
	return {
		run,
		runData,
		error,
		itemsOf(nodeName, outputIndex = 0) {
			const lastRun = runData[nodeName]?.at(-1);
			if (lastRun === undefined) {
				throw new Error(`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
			}
			return lastRun.data?.main[outputIndex] ?? [];
		},
	};
}
