/**
 * Proves the workflow harness drives nodes through n8n's real engine: binary data stored and read
 * back in both storage modes, item pairing, continueOnFail / onError, errors with item index,
 * and credentials decrypted through n8n-core.
 */
import {
	type ICredentialType,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import {
	FIXTURE_SOURCE_NAME,
	type FixtureItem,
	MANUAL_TRIGGER_TYPE,
	runWorkflow,
	type BinaryDataMode,
} from '../harness/run-workflow';

const PROBE_TYPE = 'harnessTest.binaryProbe';
const CREDENTIAL_ECHO_TYPE = 'harnessTest.credentialEcho';
const PROBE_NAME = 'Binary Probe';

/** Reports size and MIME type of each item's `data` file; fails items that have none. */
class BinaryProbe implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Binary Probe',
		name: 'binaryProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only node',
		defaults: { name: PROBE_NAME },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outputItems: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			try {
				outputItems.push({ json: await describeFile(this, itemIndex), pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				outputItems.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [outputItems];
	}
}

async function describeFile(context: IExecuteFunctions, itemIndex: number) {
	if (context.getInputData()[itemIndex].binary?.data === undefined) {
		throw new NodeOperationError(context.getNode(), 'Input item has no binary property "data"', { itemIndex });
	}
	const binary = context.helpers.assertBinaryData(itemIndex, 'data');
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, 'data');
	return { byteLength: content.length, mimeType: binary.mimeType, fileName: binary.fileName ?? null };
}

const testApiCredential: ICredentialType = {
	name: 'harnessTestApi',
	displayName: 'Harness Test API',
	properties: [
		{ displayName: 'Secret ID', name: 'secretId', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'ap-guangzhou' },
	],
};

/** Outputs the credentials it gets, the way a real node reads them. */
class CredentialEcho implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Credential Echo',
		name: 'credentialEcho',
		group: ['transform'],
		version: 1,
		description: 'Test-only node',
		defaults: { name: 'Credential Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: testApiCredential.name, required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(testApiCredential.name);
		return [[{ json: { ...credentials }, pairedItem: { item: 0 } }]];
	}
}

const PDF_BYTES = Buffer.from('%PDF-1.4\n%fake invoice\n');
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const threeFiles: FixtureItem[] = [
	{ json: { invoice: 'A' }, binary: { data: { data: PDF_BYTES, fileName: 'a.pdf', mimeType: 'application/pdf' } } },
	{ json: { invoice: 'B' }, binary: { data: { data: PNG_BYTES, fileName: 'b.png', mimeType: 'image/png' } } },
	{ json: { invoice: 'C' }, binary: { data: { data: Buffer.alloc(0), fileName: 'c.jpg', mimeType: 'image/jpeg' } } },
];

/** The middle item carries its file under the wrong property name. */
const secondItemBroken: FixtureItem[] = [
	threeFiles[0],
	{ json: { invoice: 'B' }, binary: { scan: { data: PNG_BYTES, mimeType: 'image/png' } } },
	threeFiles[2],
];

function probeNode(settings: Partial<INode> = {}): INode {
	return { id: 'probe', name: PROBE_NAME, type: PROBE_TYPE, typeVersion: 1, position: [0, 0], parameters: {}, ...settings };
}

async function runProbe(inputItems: FixtureItem[], binaryDataMode: BinaryDataMode, settings?: Partial<INode>) {
	return await runWorkflow({
		nodeTypes: { [PROBE_TYPE]: new BinaryProbe() },
		workflow: { nodes: [probeNode(settings)], connections: {} },
		inputItems,
		binaryDataMode,
	});
}

describe.each<BinaryDataMode>(['default', 'filesystem'])('workflow harness, binary mode "%s"', (mode) => {
	it('stores fixture binaries the way the mode prescribes', async () => {
		const result = await runProbe(threeFiles, mode);

		const stored = result.itemsOf(FIXTURE_SOURCE_NAME)[0].binary?.data;
		if (mode === 'filesystem') {
			expect(stored).toMatchObject({ data: 'filesystem-v2', id: expect.stringMatching(/^filesystem-v2:/) });
		} else {
			expect(stored).toMatchObject({ data: PDF_BYTES.toString('base64') });
			expect(stored?.id).toBeUndefined();
		}
	});

	it('reads every file back through the real binary helpers, keeping item pairing', async () => {
		const result = await runProbe(threeFiles, mode);

		expect(result.error).toBeUndefined();
		expect(result.itemsOf(PROBE_NAME)).toEqual([
			{ json: { byteLength: PDF_BYTES.length, mimeType: 'application/pdf', fileName: 'a.pdf' }, pairedItem: { item: 0 } },
			{ json: { byteLength: PNG_BYTES.length, mimeType: 'image/png', fileName: 'b.png' }, pairedItem: { item: 1 } },
			{ json: { byteLength: 0, mimeType: 'image/jpeg', fileName: 'c.jpg' }, pairedItem: { item: 2 } },
		]);
	});

	it.each<[string, Partial<INode>]>([
		['continueOnFail: true', { continueOnFail: true }],
		['onError: continueRegularOutput', { onError: 'continueRegularOutput' }],
	])('with %s the failing item becomes an error item and the others pass', async (_label, settings) => {
		const result = await runProbe(secondItemBroken, mode, settings);

		expect(result.error).toBeUndefined();
		const outputItems = result.itemsOf(PROBE_NAME);
		expect(outputItems.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputItems[0].json.byteLength).toBe(PDF_BYTES.length);
		expect(outputItems[1].json).toEqual({ error: 'Input item has no binary property "data"' });
		expect(outputItems[2].json.byteLength).toBe(0);
	});

	it('with onError: continueErrorOutput the engine routes the failing item to the error output', async () => {
		const result = await runProbe(secondItemBroken, mode, { onError: 'continueErrorOutput' });

		expect(result.itemsOf(PROBE_NAME, 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.itemsOf(PROBE_NAME, 1)).toEqual([
			expect.objectContaining({
				json: { invoice: 'B', error: 'Input item has no binary property "data"' },
				pairedItem: { item: 1 },
			}),
		]);
	});

	it('without error handling the run fails with the message and the item index', async () => {
		const result = await runProbe(secondItemBroken, mode);

		expect(result.run.status).toBe('error');
		// n8n keeps a plain copy of the thrown error, as it would persist it.
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Input item has no binary property "data"',
			context: { itemIndex: 1 },
			node: { name: PROBE_NAME },
		});
		expect(result.runData[PROBE_NAME][0].error).toMatchObject({ context: { itemIndex: 1 } });
	});
});

describe('workflow harness credentials', () => {
	const echoWorkflow = {
		nodes: [
			{ id: 'trigger', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{
				id: 'echo',
				name: 'Credential Echo',
				type: CREDENTIAL_ECHO_TYPE,
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: {},
				credentials: { harnessTestApi: { id: '1', name: 'Test account' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Credential Echo', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};

	it('answers getCredentials with the given data plus the credential type defaults, from a manual trigger', async () => {
		const result = await runWorkflow({
			nodeTypes: { [CREDENTIAL_ECHO_TYPE]: new CredentialEcho() },
			credentialTypes: [testApiCredential],
			credentials: { harnessTestApi: { secretId: 'AKID-test' } },
			workflow: echoWorkflow,
		});

		expect(result.error).toBeUndefined();
		expect(result.itemsOf('Credential Echo')).toEqual([
			{ json: { secretId: 'AKID-test', region: 'ap-guangzhou' }, pairedItem: { item: 0 } },
		]);
	});

	it('fails the node like n8n when no credentials of the type were given', async () => {
		const result = await runWorkflow({
			nodeTypes: { [CREDENTIAL_ECHO_TYPE]: new CredentialEcho() },
			credentialTypes: [testApiCredential],
			workflow: echoWorkflow,
		});

		expect(result.error?.message).toBe('No "harnessTestApi" credentials were given to the harness');
	});

	it('keeps the data encrypted with the instance key until a node asks', async () => {
		const helper = await HarnessCredentialsHelper.create([testApiCredential], {
			harnessTestApi: { secretId: 'AKID-test' },
		});

		const stored = await helper.getCredentials({ id: '1', name: 'Test account' }, 'harnessTestApi');

		expect(stored.data).not.toContain('AKID-test');
		expect(await stored.getData()).toEqual({ secretId: 'AKID-test' });
	});
});
