/**
 * Stand-ins for the n8n-nodes-base nodes a test workflow needs around the node under test
 * (n8n-nodes-base is not installed here).
 */
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Registered under n8n's own name so exported workflows that start with it run unchanged. */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const FIXTURE_SOURCE_TYPE = 'harness.fixtureSource';
export const FIXTURE_SOURCE_NAME = 'Fixture Source';

/** A file as a test has it: raw bytes. The source node stores it the way a real node would. */
export interface FixtureBinary {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface FixtureItem {
	json?: IDataObject;
	binary?: Record<string, FixtureBinary>;
}

/**
 * Emits one empty item, like the real "When clicking 'Execute workflow'" node. The real one is
 * a `trigger` node; an `execute` node is enough for WorkflowExecute to start from.
 */
export class HarnessManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts a harness run',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/**
 * Emits the given items. Binary goes through the real `prepareBinaryData`, so it ends up
 * wherever the active BinaryDataService keeps it (base64 in the item, or a file on disk).
 */
export function createFixtureSource(fixtureItems: FixtureItem[]): INodeType {
	return {
		description: {
			displayName: 'Fixture Source',
			name: 'fixtureSource',
			group: ['input'],
			version: 1,
			description: 'Emits the items a test provides',
			defaults: { name: FIXTURE_SOURCE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const outputItems: INodeExecutionData[] = [];
			for (const fixtureItem of fixtureItems) {
				const outputItem: INodeExecutionData = { json: fixtureItem.json ?? {}, pairedItem: { item: 0 } };
				if (fixtureItem.binary) outputItem.binary = await storeBinaries(this, fixtureItem.binary);
				outputItems.push(outputItem);
			}
			return [outputItems];
		},
	};
}

async function storeBinaries(
	context: IExecuteFunctions,
	fixtureBinaries: Record<string, FixtureBinary>,
): Promise<IBinaryKeyData> {
	const stored: IBinaryKeyData = {};
	for (const [propertyName, { data, fileName, mimeType }] of Object.entries(fixtureBinaries)) {
		stored[propertyName] = await context.helpers.prepareBinaryData(data, fileName, mimeType);
	}
	return stored;
}
