/**
 * The workflows that use the node as an AI tool, as a user builds them in n8n's editor: behind n8n's MCP Server
 * Trigger (Verify VAT Invoice; Recognize VAT Invoice from a URL, and from base64) and under n8n's AI Agent with an
 * OpenAI Chat Model. Every parameter the model fills comes through `$fromAI()` with a description.
 */
import { createHash } from 'node:crypto';

import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import { CREDENTIAL_TYPE, OCR_NODE_TYPE } from '../../helpers/package-names';
import type { N8nCredential, N8nWorkflow } from '../n8n-sandbox';

/** n8n registers a `usableAsTool` node a second time under this type, with an AI tool output. */
export const OCR_TOOL_TYPE = `${OCR_NODE_TYPE}Tool`;

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

/** `$fromAI()` as n8n's editor writes it when a parameter is left to the model. */
const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', \`${description}\`, 'string') }}`;

/** Verify VAT Invoice as a tool: each value the tax authority checks comes from the model. */
export function verifyTool(name: string, tencentCredentialRef: N8nCredential, position: [number, number]): INode {
	const parameters: INodeParameters = {
		operation: 'verifyVatInvoice',
		invoiceNumber: fromAi('invoiceNumber', 'The invoice number (发票号码): 8 digits, or 20 for a fully digital invoice'),
		issueDate: fromAi('issueDate', 'The issue date (开票日期) as YYYY-MM-DD'),
		invoiceCode: fromAi('invoiceCode', 'The 10- or 12-digit invoice code (发票代码); empty for a fully digital invoice'),
		checkCode: fromAi('checkCode', 'The check code (校验码), or its last 6 digits; empty when the invoice has none'),
		amountBeforeTax: fromAi('amountBeforeTax', 'The total before tax (合计金额), e.g. 87.28; empty for a fully digital invoice'),
		totalWithTax: fromAi('totalWithTax', 'The total including tax (价税合计), e.g. 89.90; needed for a fully digital invoice'),
	};
	return toolNode(name, parameters, tencentCredentialRef, position);
}

/** What the model passes to Recognize, per input type: a model has no binary field, so an address or the content. */
const RECOGNIZE_INPUTS = {
	url: { fileUrl: fromAi('fileUrl', 'The http(s) address of the invoice file: PNG, JPEG, PDF or OFD') },
	base64: { base64Content: fromAi('base64Content', 'The invoice file (PNG, JPEG, PDF or OFD) encoded as base64') },
};

/** Recognize VAT Invoice as a tool, one input type per tool node, one item per invoice with its line items nested. */
export function recognizeTool(name: string, inputType: keyof typeof RECOGNIZE_INPUTS, credential: N8nCredential, position: [number, number]): INode {
	const parameters: INodeParameters = { operation: 'recognizeVatInvoice', inputType, ...RECOGNIZE_INPUTS[inputType], output: 'invoices' };
	return toolNode(name, parameters, credential, position);
}

function toolNode(name: string, parameters: INodeParameters, credential: N8nCredential, position: [number, number]): INode {
	return {
		// A node id of its own per name, the same in every run.
		id: `b2c3d4e5-0000-4000-8000-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`,
		name,
		type: OCR_TOOL_TYPE,
		typeVersion: 1,
		position,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
}

const toolConnection = (target: string) => ({ ai_tool: [[{ node: target, type: 'ai_tool' as const, index: 0 }]] });

export const MCP_WORKFLOW_ID = 'e2eInvoiceMcpTools';

/**
 * MCP Server Trigger (no authentication, loopback only) with the node as tools: Verify, and Recognize from a
 * URL; Recognize from base64 too, so that a model's base64 that is not an invoice file can be tried.
 */
export function invoiceMcpServer(path: string, credential: N8nCredential): N8nWorkflow {
	const trigger: INode = {
		id: 'b2c3d4e5-0000-4000-8000-000000000001',
		name: AGENT_NODE_NAMES.mcpTrigger,
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: 2,
		position: [0, 0],
		webhookId: 'b2c3d4e5-0000-4000-8000-0000000000a1',
		parameters: { authentication: 'none', path },
	};
	const tools = [
		verifyTool(AGENT_NODE_NAMES.verifyTool, credential, [-100, 200]),
		recognizeTool(AGENT_NODE_NAMES.recognizeUrlTool, 'url', credential, [100, 200]),
		recognizeTool(AGENT_NODE_NAMES.recognizeBase64Tool, 'base64', credential, [300, 200]),
	];
	const connections: IConnections = Object.fromEntries(tools.map((tool) => [tool.name, toolConnection(trigger.name)]));
	return { id: MCP_WORKFLOW_ID, name: 'Invoices as MCP tools', active: false, nodes: [trigger, ...tools], connections };
}

export interface OpenAiCredentialData {
	apiKey: string;
	/** The Base URL: the OpenAI-compatible server the model calls go to. */
	url: string;
}

export function openAiCredential(data: OpenAiCredentialData): N8nCredential {
	return { id: 'e2eOpenAiCred0001', name: 'OpenAI (e2e stub)', type: 'openAiApi', data: { ...data } };
}

export const AGENT_WORKFLOW_ID = 'e2eInvoiceAgent';

/**
 * Manual Trigger → AI Agent asking to verify an invoice, with an OpenAI Chat Model (Chat Completions, not the
 * Responses API) and Verify VAT Invoice as its one tool.
 */
export function invoiceAgent(prompt: string, tencent: N8nCredential, openAi: N8nCredential): N8nWorkflow {
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
		typeVersion: 3.1,
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
		credentials: { openAiApi: { id: openAi.id, name: openAi.name } },
	};
	const tool = verifyTool(AGENT_NODE_NAMES.verifyTool, tencent, [320, 200]);
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'Invoice agent',
		active: false,
		nodes: [trigger, agent, chatModel, tool],
		connections: {
			[trigger.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
			[chatModel.name]: { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel' as const, index: 0 }]] },
			[tool.name]: toolConnection(agent.name),
		},
		settings: { executionOrder: 'v1' },
	};
}
