/** The credential test as n8n's "Test" button runs it, on the emulator's demo credential with `overrides`. */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';
import { DEMO_CREDENTIALS } from '../emulator';

export async function testCredential(endpoint: string, overrides: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const { tencentCloudApiTest } = new TencentInvoiceOcr().methods.credentialTest;
	// The test reads only the credential it is given; n8n's test context offers nothing it needs.
	return await tencentCloudApiTest.call({} as ICredentialTestFunctions, {
		id: '1',
		name: 'Tencent Cloud',
		type: 'tencentCloudApi',
		data: {
			secretId: DEMO_CREDENTIALS.secretId,
			secretKey: DEMO_CREDENTIALS.secretKey,
			region: 'ap-guangzhou',
			endpoint,
			...overrides,
		},
	});
}
