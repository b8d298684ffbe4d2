/** Runs the Tencent Invoice OCR node alone in n8n-core's engine, fed with fixture items. */
import type { ICredentialDataDecryptedObject, INode, INodeParameters } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
// The .js suffix names the node file, not its codex TencentInvoiceOcr.node.json, under Node's (tsx's) resolution.
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js';
import { DEMO_CREDENTIALS } from '../emulator';
import { runWorkflow, type BinaryDataMode, type FixtureItem } from '../harness/run-workflow';
import { OCR_NODE_TYPE } from '../helpers/package-names';

export const OCR_NODE_NAME = 'Tencent Invoice OCR';

export interface OcrNodeRun {
	/** The emulator (or other endpoint) the credential points at. */
	endpoint: string;
	parameters?: INodeParameters;
	inputItems: FixtureItem[];
	/** Changes to the emulator's demo credential. */
	credentials?: Partial<ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	binaryDataMode?: BinaryDataMode;
	/** Stops the execution when it aborts, as n8n's Stop button does. */
	cancelSignal?: AbortSignal;
	/** Runs the tool variant n8n registers for a `usableAsTool` node (`…Tool`), as an AI Agent or MCP Server Trigger calls it. */
	asTool?: boolean;
}

/** The node as n8n registers it a second time for AI tools: the same node under a type name ending in `Tool`. */
function toolVariant(): TencentInvoiceOcr {
	const node = new TencentInvoiceOcr();
	node.description = { ...node.description, name: `${node.description.name}Tool` };
	return node;
}

export async function runOcrNode(run: OcrNodeRun) {
	const nodeType = run.asTool ? `${OCR_NODE_TYPE}Tool` : OCR_NODE_TYPE;
	const ocrNode: INode = {
		id: 'ocr',
		name: OCR_NODE_NAME,
		type: nodeType,
		typeVersion: 1,
		position: [200, 0],
		parameters: { operation: 'recognizeVatInvoice', ...run.parameters },
		credentials: { tencentCloudApi: { id: '1', name: 'Tencent (emulator)' } },
		...(run.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const result = await runWorkflow({
		nodeTypes: { [nodeType]: run.asTool ? toolVariant() : new TencentInvoiceOcr() },
		credentialTypes: [new TencentCloudApi()],
		credentials: {
			tencentCloudApi: { ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: run.endpoint, ...run.credentials },
		},
		workflow: { nodes: [ocrNode], connections: {} },
		inputItems: run.inputItems,
		binaryDataMode: run.binaryDataMode,
		cancelSignal: run.cancelSignal,
	});
	return { ...result, items: result.error ? [] : result.itemsOf(OCR_NODE_NAME) };
}
