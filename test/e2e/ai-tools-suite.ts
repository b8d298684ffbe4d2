/**
 * The node as an AI tool in a real n8n with the built package (issue 21), run in n8n 2.41.1
 * (ai-agent-tools.test.ts) and the last 1.x (ai-agent-tools-n8n-1.test.ts):
 * - under n8n's AI Agent (`n8n execute`): an OpenAI Chat Model whose Base URL points at a stub model written
 *   here calls Verify VAT Invoice, gets the verdict, and answers with it;
 * - behind n8n's MCP Server Trigger (`n8n start`, the workflow published): the official MCP TypeScript SDK's
 *   client lists the tools and calls them as any MCP client (Claude Desktop, Cursor, ...) would.
 * The emulator counts the billed calls; the fixture server serves the invoice file a URL names.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { Invoice } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { ensureN8n, type N8nInstall, type N8nRelease } from '../../scripts/n8n-env';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';
import { sampleInvoiceToVerify } from '../helpers/sample-invoice-to-verify';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from './built-package';
import { N8nSandbox } from './n8n-sandbox';
import { startN8nServer, type N8nProcess } from './n8n-server';
import { messageText, startOpenAiStub, type ChatRequest, type ModelTurn, type OpenAiStub } from './openai-stub';
import { stepTimer } from './upload-load';
import {
	AGENT_NODE_NAMES,
	AGENT_WORKFLOW_ID,
	MCP_WORKFLOW_ID,
	bearerCredential,
	invoiceAgent,
	invoiceMcpServer,
	mcpPathOfExample,
	openAiCredential,
} from './workflows/agent-workflows';
import { tencentCredential } from './workflows/invoice-workflows';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const TEST_TIMEOUT_MS = 5 * 60_000;
/** The MCP endpoint's token on this throw-away loopback instance: not a secret. */
const MCP_TOKEN = 'e2e-mcp-token-not-a-secret';
/** What an agent pays for in its context: one invoice with one line item must stay under this. */
const TOOL_RESULT_LIMIT_BYTES = 4096;

/** The tool the stub model calls: the one whose name says Verify. */
function verifyToolName(request: ChatRequest): string {
	const name = request.tools?.map((tool) => tool.function.name).find((toolName) => /verify/i.test(toolName));
	if (!name) throw new Error(`No Verify tool offered to the model: ${JSON.stringify(request.tools?.map((tool) => tool.function.name))}`);
	return name;
}

/** The verdict the tool answered, read from the last tool message as a model would read it. */
function toolVerdict(request: ChatRequest): { invoiceNumber: string; status: string } {
	const toolMessage = [...request.messages].reverse().find((message) => message.role === 'tool');
	if (!toolMessage) throw new Error('The second request carries no tool result');
	const text = messageText(toolMessage);
	const invoiceNumber = /"invoiceNumber":"(\d+)"/.exec(text)?.[1];
	const status = /"status":"(\w+)"/.exec(text)?.[1];
	if (!invoiceNumber || !status) throw new Error(`The tool result names no invoice number and status: ${text.slice(0, 500)}`);
	return { invoiceNumber, status };
}

/** First turn: verify the invoice the user names; second: say what the tax authority answered. */
function invoiceAgentModel(request: ChatRequest, index: number): ModelTurn {
	if (index === 0) return { callTool: verifyToolName(request), arguments: sampleInvoiceToVerify() };
	const { invoiceNumber, status } = toolVerdict(request);
	return { answer: `Invoice ${invoiceNumber}: the tax authority says it is ${status}.` };
}

/** The tool names n8n makes of the node names. */
const TOOL_NAMES = {
	verify: 'Verify_VAT_Invoice',
	recognizeUrl: 'Recognize_VAT_Invoice_from_a_URL',
	recognizeBase64: 'Recognize_VAT_Invoice_from_Base64',
} as const;

interface ToolAnswer {
	isError: boolean;
	/** The text an agent reads. */
	text: string;
	/** Its size in bytes, what the agent pays for. */
	bytes: number;
	/** The node's output items, when the text is them as JSON. */
	items: Array<Record<string, unknown>>;
}

/** One tool call as an MCP client makes it, and its answer as the model would get it. */
async function callTool(mcpClient: Client, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
	const result = await mcpClient.callTool({ name, arguments: args });
	const text = (result.content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('');
	let items: Array<Record<string, unknown>> = [];
	try {
		items = JSON.parse(text) as Array<Record<string, unknown>>;
	} catch {
		// An error message, not items.
	}
	return { isError: result.isError === true, text, bytes: Buffer.byteLength(text), items };
}

const bearerTransport = (url: string, token: string) =>
	new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });

/**
 * n8n answers /healthz/readiness before it serves the published workflow's MCP endpoint (HTTP 404 until then:
 * n8n 2.x's JSON, 1.x's "Cannot POST" page): a fresh client tries again until it connects, or for a minute.
 */
async function connectMcpClient(url: string, server: N8nProcess): Promise<Client> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const candidate = new Client({ name: 'tencent-invoice-ocr-e2e', version: '1.0.0' });
		try {
			await candidate.connect(bearerTransport(url, MCP_TOKEN));
			return candidate;
		} catch (error) {
			const notRegisteredYet = error instanceof StreamableHTTPError && error.code === 404;
			if (!notRegisteredYet || Date.now() > deadline) {
				throw new Error(`The MCP client could not connect to ${url}: ${String(error)}\nn8n printed:\n${server.outputTail()}`);
			}
			await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
		}
	}
}

/** The AI Agent and MCP Server Trigger tests in one n8n release: one sandbox, the agent first, then one server. */
export function registerAiToolTests(release: N8nRelease): void {
	const timed = stepTimer(`ai tools ${release.line}`);
	let emulator: RunningEmulator;
	let fixtures: FixtureServer;
	let install: N8nInstall;
	let sandbox: N8nSandbox;
	let openAi: OpenAiStub;

	beforeAll(async () => {
		assertPackageBuilt();
		emulator = await startEmulator({});
		fixtures = await serveFolder(FIXTURES_DIR);
		openAi = await startOpenAiStub(invoiceAgentModel);
		install = await timed('ensure n8n installed', () => ensureN8n(release));
		sandbox = await timed('install the package, import credentials and workflows', async () => {
			const created = await N8nSandbox.create({ install, packageDir: REPO_ROOT });
			const credentials = [
				tencentCredential({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url }),
				openAiCredential({ apiKey: 'sk-e2e-stub-not-a-secret', url: openAi.baseUrl }),
				bearerCredential(MCP_TOKEN),
			];
			await created.importCredentials(credentials);
			await created.importWorkflow(await invoiceAgent('Is invoice 63591128 genuine? Verify it.', credentials));
			await created.importWorkflow(await invoiceMcpServer(credentials));
			await created.publishWorkflow(MCP_WORKFLOW_ID);
			return created;
		});
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await sandbox?.dispose();
		await openAi?.stop();
		await fixtures?.stop();
		await emulator?.stop();
	}, 60_000);

	describe("n8n's AI Agent with an OpenAI Chat Model (a stub on loopback) and Verify VAT Invoice as its tool", () => {
		test(
			"the model calls the tool once, gets the verdict in its second request, and the agent's answer quotes it",
			async () => {
				emulator.resetStats();
				const run = await timed('n8n execute (agent)', () => sandbox.execute(AGENT_WORKFLOW_ID));
				const failure = `n8n printed:\n${run.output.slice(-4000)}`;
				expect({ exitCode: run.exitCode, error: run.errorMessage }).toEqual({ exitCode: 0, error: undefined });

				const [answer] = run.itemsOf(AGENT_NODE_NAMES.agent);
				const { invoiceNumber } = sampleInvoiceToVerify();
				expect(answer.json.output).toBe(`Invoice ${invoiceNumber}: the tax authority says it is valid.`);
				expect(openAi.requests).toHaveLength(2);
				expect(toolVerdict(openAi.requests[1])).toEqual({ invoiceNumber, status: 'valid' });
				expect(emulator.stats().byAction).toEqual({ VatInvoiceVerifyNew: 1 });
				if (run.exitCode !== 0) throw new Error(failure);
			},
			TEST_TIMEOUT_MS,
		);
	});

	describe("n8n's MCP Server Trigger with the node as tools, called by the official MCP TypeScript SDK client", () => {
		let server: N8nProcess;
		let client: Client;
		let mcpUrl: string;

		beforeAll(async () => {
			server = await timed('n8n start until ready', () => startN8nServer(install, { userFolder: sandbox.userFolder }));
			mcpUrl = `${server.url}/mcp/${await mcpPathOfExample()}`;
			client = await timed('MCP client connected', () => connectMcpClient(mcpUrl, server));
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			await client?.close();
			await server?.stop();
		}, 60_000);

		test('refuses a client with a wrong bearer token: the tools are billed', async () => {
			const stranger = new Client({ name: 'stranger', version: '1.0.0' });
			await expect(stranger.connect(bearerTransport(mcpUrl, 'wrong-token'))).rejects.toThrow(/Authorization data is wrong/);
		});

		test(
			'lists exactly the configured tools, each with its own description naming billing and its inputs, and typed inputs',
			async () => {
				const { tools } = await client.listTools();
				process.stdout.write(`[e2e ai tools ${release.line}] tools as an MCP client sees them:\n${JSON.stringify(tools, null, 2)}\n`);
				const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
				expect(Object.keys(byName).sort()).toEqual([TOOL_NAMES.recognizeBase64, TOOL_NAMES.recognizeUrl, TOOL_NAMES.verify]);

				const descriptions = tools.map((tool) => tool.description ?? '');
				expect(new Set(descriptions).size).toBe(tools.length);
				for (const description of descriptions) expect(description).toMatch(/billed/i);
				expect(byName[TOOL_NAMES.verify].description).toMatch(/5 times a day/);
				expect(byName[TOOL_NAMES.verify].description).toMatch(/number/i);
				expect(byName[TOOL_NAMES.verify].description).toMatch(/date/i);
				expect(byName[TOOL_NAMES.recognizeUrl].description).toMatch(/URL/);
				expect(byName[TOOL_NAMES.recognizeBase64].description).toMatch(/base64/i);

				const inputsOf = (name: string) => byName[name].inputSchema as { properties: Record<string, { type: string; description: string }> };
				expect(Object.keys(inputsOf(TOOL_NAMES.verify).properties).sort()).toEqual(
					['amountBeforeTax', 'checkCode', 'invoiceCode', 'invoiceNumber', 'issueDate', 'totalWithTax'],
				);
				expect(Object.keys(inputsOf(TOOL_NAMES.recognizeUrl).properties)).toEqual(['fileUrl']);
				expect(Object.keys(inputsOf(TOOL_NAMES.recognizeBase64).properties)).toEqual(['base64Content']);
				for (const tool of tools) {
					for (const input of Object.values(inputsOf(tool.name).properties)) {
						expect(input).toEqual({ type: 'string', description: expect.stringMatching(/\w{3}/) });
					}
				}
			},
			TEST_TIMEOUT_MS,
		);

		test(
			'Verify gives valid, then mismatch for a wrong amount; Recognize from a URL gives the invoice number; one billed call each, each answer under 4 KB',
			async () => {
				emulator.resetStats();
				const invoice = sampleInvoiceToVerify();
				const valid = await callTool(client, TOOL_NAMES.verify, invoice);
				const mismatch = await callTool(client, TOOL_NAMES.verify, { ...invoice, amountBeforeTax: '99.99' });
				const recognized = await callTool(client, TOOL_NAMES.recognizeUrl, { fileUrl: fixtures.urlOf('invoice.png') });

				expect(emulator.stats().byAction).toEqual({ VatInvoiceVerifyNew: 2, VatInvoiceOCR: 1 });
				expect([valid.isError, mismatch.isError, recognized.isError]).toEqual([false, false, false]);
				// Invoice keys typed by the field table, so that a rename there reaches this test.
				const sameInvoice: Partial<Invoice> = { invoiceNumber: invoice.invoiceNumber };
				expect(valid.items).toEqual([expect.objectContaining({ status: 'valid', ...sameInvoice })]);
				expect(mismatch.items).toEqual([expect.objectContaining({ status: 'mismatch', statusCode: 'FailedOperation.InvoiceMismatch' })]);
				expect(recognized.items).toEqual([
					expect.objectContaining({ recordType: 'invoice', ...sameInvoice, needsReview: false, reviewReasons: [] }),
				]);
				for (const [label, answer] of Object.entries({ valid, recognized })) {
					const [item] = answer.items;
					process.stdout.write(`[e2e ai tools ${release.line}] ${label}: ${answer.bytes} bytes of JSON for one invoice with ${String((item.lineItems as unknown[]).length)} line item\n`);
					expect(item.lineItems).toHaveLength(1);
					expect(answer.bytes).toBeLessThan(TOOL_RESULT_LIMIT_BYTES);
					expect(Object.keys(item)).toEqual(expect.not.arrayContaining(['fields', 'polygons']));
				}
			},
			TEST_TIMEOUT_MS,
		);

		test(
			'arguments a model made up (a malformed date, a 9-digit number, a URL that is not http(s), base64 that is not an invoice file) give four short readable errors and no call',
			async () => {
				emulator.resetStats();
				const invoice = sampleInvoiceToVerify();
				const answers = {
					malformedDate: await callTool(client, TOOL_NAMES.verify, { ...invoice, issueDate: '2024/13/45' }),
					nineDigitNumber: await callTool(client, TOOL_NAMES.verify, { ...invoice, invoiceNumber: '123456789' }),
					notHttpUrl: await callTool(client, TOOL_NAMES.recognizeUrl, { fileUrl: 'file:///etc/passwd' }),
					notAnInvoiceFile: await callTool(client, TOOL_NAMES.recognizeBase64, {
						base64Content: Buffer.from('Dear agent, this is not an invoice.').toString('base64'),
					}),
				};
				for (const [label, answer] of Object.entries(answers)) process.stdout.write(`[e2e ai tools ${release.line}] ${label}: ${answer.text}\n`);

				expect(emulator.stats().total).toBe(0);
				for (const answer of Object.values(answers)) {
					expect(answer.isError).toBe(true);
					expect(answer.text.length).toBeLessThan(600);
					expect(answer.text).not.toMatch(/\n\s+at /);
					expect(answer.text).not.toContain(DEMO_CREDENTIALS.secretKey);
				}
				expect(answers.malformedDate.text).toMatch(/date/i);
				expect(answers.nineDigitNumber.text).toMatch(/number/i);
				expect(answers.notHttpUrl.text).toMatch(/http/i);
				expect(answers.notAnInvoiceFile.text).toMatch(/PNG, JPEG, PDF or OFD/);
			},
			TEST_TIMEOUT_MS,
		);
	});
}
