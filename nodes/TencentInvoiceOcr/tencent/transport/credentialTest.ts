/** n8n's credential test: one unbilled call that tells a right key from a wrong one, and says when it cannot tell. */
import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { FixableProblem } from '../../errors';
import { sendOnce } from '../caller';
import { ACTION_QUOTAS, createOcrClient, readTencentCredentials } from './client';
import { explainFailure, isCredentialProblem, toTencentFailure, type TencentFailure } from '../failures/failures';

const TEST_TIMEOUT_SECONDS = 15;

const ACCEPTED = 'Connection successful: Tencent Cloud accepted the Secret ID and Secret Key';

/** Codes Tencent gives only once the key, signature, clock and region have passed: about the (missing) image. */
function provesKeyAccepted(code: string | undefined): boolean {
	if (!code) return false;
	return (
		/^(InvalidParameter|InvalidParameterValue|MissingParameter|UnknownParameter)(\.|$)/.test(code) ||
		code === 'FailedOperation.EmptyImageError' ||
		code === 'FailedOperation.ImageDecodeFailed'
	);
}

/**
 * The test's verdict on a failed call: accepted only on an answer that proves it; a wrong key or
 * setting says which; any other Tencent answer (throttled, internal, arrears) says it could not confirm.
 */
export function credentialTestResult(failure: TencentFailure): INodeCredentialTestResult {
	if (failure.source === 'tencent' && provesKeyAccepted(failure.code)) return { status: 'OK', message: ACCEPTED };
	// The test calls VatInvoiceOCR: its messages name it.
	const explained = explainFailure({ ...failure, action: 'VatInvoiceOCR', quotaPerSecond: ACTION_QUOTAS.VatInvoiceOCR });
	const provesKeyWrong = isCredentialProblem(failure.code) && !/^Resource/.test(failure.code ?? '');
	const couldNotConfirm = failure.source === 'tencent' && !provesKeyWrong ? 'Could not confirm the credential: ' : '';
	return { status: 'Error', message: `${couldNotConfirm}${explained.message}. ${explained.hint}` };
}

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
		const client = createOcrClient(credentials);
		await sendOnce(client, client.prepare('VatInvoiceOCR', {}), TEST_TIMEOUT_SECONDS);
	} catch (error) {
		if (error instanceof FixableProblem) return { status: 'Error', message: `${error.message}. ${error.hint}` };
		return credentialTestResult(toTencentFailure(error));
	}
	return { status: 'OK', message: ACCEPTED };
}
