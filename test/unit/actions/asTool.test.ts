/**
 * The node as n8n reads it as a tool: n8n's own NodeHelpers (n8n-workflow) fill the parameters of the tool
 * variant (`<name>Tool`) and build the description a model gets, for each operation and input type; the node
 * used as a node gets none of the tool's parameters.
 */
import { NodeHelpers, type INode, type INodeParameters, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { TencentInvoiceOcr } from '../../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

const nodeDescription = new TencentInvoiceOcr().description;
/** n8n registers a usableAsTool node again under `<name>Tool`; the `@tool` display condition reads that name. */
const toolTypeDescription: INodeTypeDescription = { ...nodeDescription, name: `${nodeDescription.name}Tool` };

function filledParameters(description: INodeTypeDescription, parameters: INodeParameters): INodeParameters {
	const node = { name: 'Tool', type: description.name, typeVersion: 1, parameters } as unknown as INode;
	// What n8n's Workflow does with a saved node: its defaults filled in, parameters not shown dropped.
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
}

/** The description a model reads for a tool node saved with these parameters. */
function toolDescriptionFor(parameters: INodeParameters): string {
	const filled = filledParameters(toolTypeDescription, parameters);
	const node = { name: 'Tool', type: toolTypeDescription.name, typeVersion: 1, parameters: filled } as unknown as INode;
	return NodeHelpers.getToolDescriptionForNode(node, { description: toolTypeDescription } as INodeType);
}

/** Every operation the node offers, so that a new one cannot come without its tool description. */
function operationValues(): string[] {
	const operation = nodeDescription.properties.find((property) => property.name === 'operation');
	return (operation?.options ?? []).map((option) => String((option as { value: unknown }).value));
}

const TOOLS: Array<{ label: string; parameters: INodeParameters; mentions: RegExp[] }> = [
	{
		label: 'Verify',
		parameters: { operation: 'verifyVatInvoice' },
		mentions: [/tax authority/, /invoice number/, /YYYY-MM-DD/, /amount before tax/, /total including tax/, /at most 5 times a day/],
	},
	{ label: 'Recognize from a URL', parameters: { operation: 'recognizeVatInvoice', inputType: 'url' }, mentions: [/fileUrl/, /http\(s\) URL/] },
	{ label: 'Recognize from base64', parameters: { operation: 'recognizeVatInvoice', inputType: 'base64' }, mentions: [/base64Content/] },
	{ label: 'Recognize a binary file', parameters: { operation: 'recognizeVatInvoice' }, mentions: [/passes no file/] },
];

describe('the tool description a model reads', () => {
	it.each(TOOLS)('$label: says what it does, that each call is billed, and what to pass', ({ parameters, mentions }) => {
		const description = toolDescriptionFor(parameters);
		expect(description).toMatch(/Each call is billed/);
		for (const mention of mentions) expect(description).toMatch(mention);
	});

	it.each(operationValues())('every operation has its own (%s), not the node\'s description', (operation) => {
		const description = toolDescriptionFor({ operation });
		expect(description).not.toBe(nodeDescription.description);
		expect(description).toMatch(/billed/);
	});

	it('differs for every operation and input type', () => {
		const descriptions = TOOLS.map(({ parameters }) => toolDescriptionFor(parameters));
		expect(new Set(descriptions).size).toBe(TOOLS.length);
	});

	it("keeps a description the user saved (n8n's own Tool Description parameter has the same name)", () => {
		expect(toolDescriptionFor({ operation: 'verifyVatInvoice', toolDescription: 'Verify our suppliers’ invoices' })).toBe(
			'Verify our suppliers’ invoices',
		);
	});
});

describe('parameters only the tool has', () => {
	it('the tool answers compactly by default', () => {
		expect(filledParameters(toolTypeDescription, { operation: 'verifyVatInvoice' })).toMatchObject({ toolOutput: 'compact' });
	});

	it.each([{ operation: 'verifyVatInvoice' }, { operation: 'recognizeVatInvoice', inputType: 'url' }])(
		'the node used as a node has neither Tool Description nor Tool Output (%o)',
		(parameters) => {
			const filled = filledParameters(nodeDescription, parameters);
			expect(Object.keys(filled)).toEqual(expect.not.arrayContaining(['toolDescription', 'toolOutput']));
		},
	);
});
