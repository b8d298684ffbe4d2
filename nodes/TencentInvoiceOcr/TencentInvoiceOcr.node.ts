import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { tencentCloudApiTest } from './methods/credentialTest';

export class TencentInvoiceOcr implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { credentialTest: { tencentCloudApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
