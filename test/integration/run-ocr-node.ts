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
}

export async function runOcrNode(run: OcrNodeRun) {
	const ocrNode: INode = {
		id: 'ocr',
		name: OCR_NODE_NAME,
		type: OCR_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: { operation: 'recognizeVatInvoice', ...run.parameters },
		credentials: { tencentCloudApi: { id: '1', name: 'Tencent (emulator)' } },
		...(run.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const result = await runWorkflow({
		nodeTypes: { [OCR_NODE_TYPE]: new TencentInvoiceOcr() },
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
