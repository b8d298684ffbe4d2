import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { FixableProblem } from '../errors';
import { explainFailure, isCredentialProblem, toTencentFailure } from './failures';
import { callOcrAction } from './caller';
import { createOcrClient, readTencentCredentials } from './client';

const TEST_TIMEOUT_SECONDS = 15;

/**
 * Calls VatInvoiceOCR without an image. Tencent checks the key, signature, clock and region
 * before the parameters, so a parameter error proves the credential right, and nothing is billed.
 */
export async function tencentCloudApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const credentials = readTencentCredentials(credential.data ?? {});
		await callOcrAction(createOcrClient(credentials, TEST_TIMEOUT_SECONDS), 'VatInvoiceOCR', {}, TEST_TIMEOUT_SECONDS);
	} catch (error) {
		if (error instanceof FixableProblem) return { status: 'Error', message: `${error.message}. ${error.hint}` };
		const failure = toTencentFailure(error);
		if (failure.code && !isCredentialProblem(failure.code)) {
			return { status: 'OK', message: 'Connection successful: Tencent Cloud accepted the Secret ID and Secret Key' };
		}
		const explained = explainFailure(failure);
		return { status: 'Error', message: `${explained.message}. ${explained.hint}` };
	}
	return { status: 'OK', message: 'Connection successful' };
}
