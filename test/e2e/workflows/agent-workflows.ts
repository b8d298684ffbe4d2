/**
 * The workflows that use the node as an AI tool: the shipped example examples/invoice-tools-mcp-server.json
 * (n8n's MCP Server Trigger with Verify VAT Invoice and Recognize VAT Invoice from a URL, every value the model
 * fills through `$fromAI()`), and n8n's AI Agent with an OpenAI Chat Model and the example's Verify tool.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { REPO_ROOT } from '../built-package';
import { withImportedCredentials, type N8nCredential, type N8nWorkflow } from '../n8n-sandbox';

export const MCP_EXAMPLE_PATH = join(REPO_ROOT, 'examples', 'invoice-tools-mcp-server.json');

/** Node names, which n8n also turns into the tool names a model sees (spaces become underscores). */
export const AGENT_NODE_NAMES = {
	mcpTrigger: 'MCP Server Trigger',
	verifyTool: 'Verify VAT Invoice',
	recognizeUrlTool: 'Recognize VAT Invoice from a URL',
	recognizeBase64Tool: 'Recognize VAT Invoice from Base64',
	manualTrigger: 'When clicking Execute',
	agent: 'AI Agent',
	chatModel: 'OpenAI Chat Model',
} as const;

const toolConnection = (target: string) => ({ ai_tool: [[{ node: target, type: 'ai_tool' as const, index: 0 }]] });

function nodeNamed(workflow: Pick<N8nWorkflow, 'nodes'>, name: string): INode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`The example has no node "${name}"`);
	return node;
}

async function readExample(): Promise<Omit<N8nWorkflow, 'id' | 'active'>> {
	return JSON.parse(await readFile(MCP_EXAMPLE_PATH, 'utf8')) as Omit<N8nWorkflow, 'id' | 'active'>;
}

/**
 * The example's Recognize tool taking base64 instead of a URL (one input type per tool node), so that a
 * model's base64 that is not an invoice file can be tried.
 */
function base64Twin(urlTool: INode): INode {
	const { fileUrl: _fileUrl, ...parameters } = urlTool.parameters;
	return {
		...urlTool,
		id: `${urlTool.id.slice(0, -4)}b64a`,
		name: AGENT_NODE_NAMES.recognizeBase64Tool,
		position: [urlTool.position[0] + 240, urlTool.position[1]],
		parameters: {
			...parameters,
			inputType: 'base64',
			base64Content: "={{ $fromAI('base64Content', `The invoice file (PNG, JPEG, PDF or OFD) encoded as base64`, 'string') }}",
		},
	};
}

export const MCP_WORKFLOW_ID = 'e2eInvoiceMcpTools';

/**
 * The MCP example as shipped, its credentials pointed at the imported ones, with one more tool: Recognize
 * from base64.
 */
export async function invoiceMcpServer(credentials: N8nCredential[]): Promise<N8nWorkflow> {
	const example = await readExample();
	const trigger = nodeNamed(example, AGENT_NODE_NAMES.mcpTrigger);
	const base64Tool = base64Twin(nodeNamed(example, AGENT_NODE_NAMES.recognizeUrlTool));
	return {
		...example,
		id: MCP_WORKFLOW_ID,
		active: false,
		nodes: [...example.nodes, base64Tool].map((node) => withImportedCredentials(node, credentials)),
		connections: { ...example.connections, [base64Tool.name]: toolConnection(trigger.name) },
	};
}

/** The path of the example's MCP endpoint: `<n8n>/mcp/<path>`. */
export async function mcpPathOfExample(): Promise<string> {
	return String(nodeNamed(await readExample(), AGENT_NODE_NAMES.mcpTrigger).parameters.path);
}

export function openAiCredential(data: { apiKey: string; url: string }): N8nCredential {
	return { id: 'e2eOpenAiCred0001', name: 'OpenAI (e2e stub)', type: 'openAiApi', data: { ...data } };
}

export function bearerCredential(token: string): N8nCredential {
	return { id: 'e2eMcpBearer0001', name: 'MCP bearer (e2e)', type: 'httpBearerAuth', data: { token } };
}

export const AGENT_WORKFLOW_ID = 'e2eInvoiceAgent';

/**
 * Manual Trigger → AI Agent given the prompt, with an OpenAI Chat Model (Chat Completions, not the Responses
 * API) and the MCP example's Verify VAT Invoice as its one tool.
 */
export async function invoiceAgent(prompt: string, credentials: N8nCredential[]): Promise<N8nWorkflow> {
	const trigger: INode = {
		id: 'b2c3d4e5-0000-4000-8000-000000000011',
		name: AGENT_NODE_NAMES.manualTrigger,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const agent: INode = {
		id: 'b2c3d4e5-0000-4000-8000-000000000012',
		name: AGENT_NODE_NAMES.agent,
		type: '@n8n/n8n-nodes-langchain.agent',
		// 3 is the newest AI Agent of n8n 1.x, and one of 2.x's.
		typeVersion: 3,
		position: [220, 0],
		parameters: { promptType: 'define', text: prompt, options: {} },
	};
	const chatModel: INode = {
		id: 'b2c3d4e5-0000-4000-8000-000000000013',
		name: AGENT_NODE_NAMES.chatModel,
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.3,
		position: [120, 200],
		parameters: { model: { __rl: true, mode: 'id', value: 'stub-model' }, responsesApiEnabled: false, options: {} },
		credentials: { openAiApi: { id: '', name: '' } },
	};
	const tool = { ...nodeNamed(await readExample(), AGENT_NODE_NAMES.verifyTool), position: [320, 200] as [number, number] };
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'Invoice agent',
		active: false,
		nodes: [trigger, agent, chatModel, tool].map((node) => withImportedCredentials(node, credentials)),
		connections: {
			[trigger.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
			[chatModel.name]: { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel' as const, index: 0 }]] },
			[tool.name]: toolConnection(agent.name),
		},
		settings: { executionOrder: 'v1' },
	};
}
