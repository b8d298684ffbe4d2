/** The node as an AI tool (AI Agent, MCP Server Trigger with the official MCP client) in n8n 2.41.1: ai-tools-suite.ts. */
import { N8N_2 } from '../../scripts/n8n-env';
import { registerAiToolTests } from './ai-tools-suite';

registerAiToolTests(N8N_2);
