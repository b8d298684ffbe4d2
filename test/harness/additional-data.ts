/**
 * The per-execution services WorkflowExecute and the node contexts call back into. In n8n these
 * come from the CLI (`getBase` in WorkflowExecuteAdditionalData); here only what a single,
 * self-contained workflow run touches is real, and the rest fails loudly if reached.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowBase, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

const BASE_URL = 'http://localhost:5678';

export function createAdditionalData(
	workflowData: IWorkflowBase,
	executionId: string,
	credentialsHelper: ICredentialsHelper,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executionId,
		workflowId: workflowData.id,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		// No secrets manager is set, so `$secrets` lookups fail as on an instance without one.
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		executeWorkflow: async () => unsupported('sub-workflow execution'),
		startRunnerTask: async () => unsupported('task runners (Code node)'),
	};
}

function unsupported(feature: string): never {
	throw new Error(`The workflow harness does not support ${feature}`);
}
