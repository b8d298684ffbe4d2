/**
 * The node as an AI tool in the last n8n 1.x (1.123.81, Node 22): the tool descriptions (the `@tool` display
 * condition), $fromAI() inputs and compact answers work there too, tested rather than claimed. ai-tools-suite.ts.
 */
import { N8N_1 } from '../../scripts/n8n-env';
import { registerAiToolTests } from './ai-tools-suite';

registerAiToolTests(N8N_1);
