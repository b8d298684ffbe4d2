/**
 * A small OpenAI-compatible chat model on loopback for n8n's AI Agent: it answers `POST /v1/chat/completions`
 * (non-streaming) with whatever the test's script says for the conversation so far — a tool call, then a
 * final answer built from the tool's result — and keeps every request, so a test can read what the agent sent.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of an OpenAI chat request the script reads. */
export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
	stream?: boolean;
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
}

/** What the model says next: call one tool with these arguments, or answer with text. */
export type ModelTurn = { callTool: string; arguments: Record<string, unknown> } | { answer: string };

export interface OpenAiStub {
	/** The Base URL to put in n8n's OpenAI credential, e.g. http://127.0.0.1:43123/v1 */
	baseUrl: string;
	/** Every chat request received, in order. */
	requests: ChatRequest[];
	stop(): Promise<void>;
}

/** A message's text, whether the client sent a string or content parts. */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

function completion(turn: ModelTurn, index: number): Record<string, unknown> {
	const message =
		'answer' in turn
			? { role: 'assistant', content: turn.answer }
			: {
					role: 'assistant',
					content: null,
					tool_calls: [
						{ id: `call_${index}`, type: 'function', function: { name: turn.callTool, arguments: JSON.stringify(turn.arguments) } },
					],
				};
	return {
		id: `chatcmpl-stub-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'stub-model',
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'answer' in turn ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/**
 * Starts the stub. `script` gets each request and its index and says the model's next turn; a script that
 * throws answers HTTP 500 with its message, so a test sees why in n8n's error.
 */
export async function startOpenAiStub(script: (request: ChatRequest, index: number) => ModelTurn): Promise<OpenAiStub> {
	const requests: ChatRequest[] = [];
	const server = createServer((request, response) => {
		const reply = (status: number, body: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
			reply(404, { error: { message: `The stub serves only POST /v1/chat/completions, not ${request.method} ${request.url}` } });
			return;
		}
		readJson(request).then(
			(body) => {
				const chatRequest = body as ChatRequest;
				const index = requests.push(chatRequest) - 1;
				if (chatRequest.stream) {
					reply(400, { error: { message: 'The stub does not stream: turn streaming off' } });
					return;
				}
				try {
					reply(200, completion(script(chatRequest, index), index));
				} catch (error) {
					reply(500, { error: { message: error instanceof Error ? error.message : String(error) } });
				}
			},
			(error: unknown) => reply(400, { error: { message: String(error) } }),
		);
	});
	await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		stop: () => new Promise((resolvePromise) => server.close(() => resolvePromise())),
	};
}
