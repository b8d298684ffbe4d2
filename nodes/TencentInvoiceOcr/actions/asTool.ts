/**
 * The node as an AI tool (n8n's AI Agent, MCP Server Trigger): the description a model reads for each operation,
 * and how much of the output it gets. n8n registers a `usableAsTool` node a second time as `<name>Tool`; the
 * `@tool` display condition (n8n 1.x and 2.x) shows these parameters on that tool variant only, so workflows
 * that use the node as a node never have them and behave as before.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ToolOutput } from '../output/toolOutput';

/**
 * The tool description a model reads for one operation (and input type). A node parameter named
 * `toolDescription` takes the place of the one n8n would add, whose "automatic" text for a node without a
 * `resource` is the node's description for every operation alike. A value the user saved stays theirs.
 */
export function toolDescription(operation: string, text: string, show: NonNullable<IDisplayOptions['show']> = {}): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the model reads about this tool: what it does, what each call costs and what it must pass. A specific description gets better calls.',
		displayOptions: { show: { '@tool': [true], operation: [operation], ...show } },
	};
}

/** Shown on the tool only: a node without it answers in full, as it always has. */
export const toolOutputProperty: INodeProperties = {
	displayName: 'Tool Output',
	name: 'toolOutput',
	type: 'options',
	options: [
		{
			name: 'Compact',
			value: 'compact',
			description:
				'What a model needs: the invoice keys, the verdict, needsReview and reviewReasons, line items. No fields map: fewer tokens per call.',
		},
		{
			name: 'Full',
			value: 'full',
			description: 'Everything the node outputs in a workflow, the fields map included',
		},
	],
	default: 'compact',
	displayOptions: { show: { '@tool': [true] } },
};

/** Compact only where the parameter exists, i.e. on the tool; a node used as a node gets everything. */
export function toolOutputOf(context: IExecuteFunctions): ToolOutput {
	return context.getNodeParameter('toolOutput', 0, 'full') === 'compact' ? 'compact' : 'full';
}
