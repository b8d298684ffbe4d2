/**
 * n8n's own REST API (what the editor calls), signed in as the owner set up from the environment:
 * list executions and stop one, as the editor's Stop button does; save a credential, as its dialog does.
 */
import { randomUUID } from 'node:crypto';

import type { N8nOwner } from './n8n-server';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

export interface N8nRestSession {
	executions(filter: { workflowId?: string; status?: string[] }): Promise<ExecutionSummary[]>;
	/** POST /rest/executions/:id/stop: what the editor's Stop button sends. */
	stopExecution(executionId: string): Promise<void>;
	/** POST /rest/credentials: what the credential dialog's Save sends; n8n's answer as it came, refusals too. */
	saveCredential(credential: { name: string; type: string; data: Record<string, string> }): Promise<{ status: number; body: string }>;
}

/** n8n ties its auth cookie to a `browser-id` header: every call of the session sends the same one. */
export async function signIn(baseUrl: string, owner: N8nOwner): Promise<N8nRestSession> {
	const browserId = randomUUID();
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!login.ok) throw new Error(`n8n refused the owner's sign-in: HTTP ${login.status} ${await login.text()}`);
	const cookie = login.headers.getSetCookie().map((setCookie) => setCookie.split(';')[0]).join('; ');
	const call = async <T>(method: 'GET' | 'POST', path: string): Promise<T> => {
		const response = await fetch(`${baseUrl}/rest/${path}`, { method, headers: { cookie, 'browser-id': browserId } });
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest/${path}: HTTP ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	};
	return {
		async executions(filter) {
			const query = new URLSearchParams({ filter: JSON.stringify(filter) });
			return (await call<{ results: ExecutionSummary[] }>('GET', `executions?${query}`)).results;
		},
		async stopExecution(executionId) {
			await call('POST', `executions/${executionId}/stop`);
		},
		async saveCredential(credential) {
			const response = await fetch(`${baseUrl}/rest/credentials`, {
				method: 'POST',
				headers: { cookie, 'browser-id': browserId, 'content-type': 'application/json' },
				body: JSON.stringify(credential),
			});
			return { status: response.status, body: await response.text() };
		},
	};
}
