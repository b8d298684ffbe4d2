import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** The regions VatInvoiceOCR serves; others answer UnsupportedRegion. */
const VAT_INVOICE_OCR_REGIONS = [
	{ name: 'Beijing (ap-beijing)', value: 'ap-beijing' },
	{ name: 'Guangzhou (ap-guangzhou)', value: 'ap-guangzhou' },
	{ name: 'Hong Kong (ap-hongkong)', value: 'ap-hongkong' },
	{ name: 'Shanghai (ap-shanghai)', value: 'ap-shanghai' },
	{ name: 'Toronto (na-toronto)', value: 'na-toronto' },
];

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	displayName = 'Tencent Cloud API';

	icon = { light: 'file:tencentCloud.svg', dark: 'file:tencentCloud.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-tencent-invoice-ocr#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret ID',
			name: 'secretId',
			// The Secret ID names the key, like a user name: users need to read it to check it.
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
			description: 'From the Tencent Cloud console, CAM → API Keys (https://console.cloud.tencent.com/cam/capi)',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: VAT_INVOICE_OCR_REGIONS,
			default: 'ap-guangzhou',
			description: 'Region of the OCR service; VatInvoiceOCR is offered in these five',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials from STS (AssumeRole); leave empty for a permanent key',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: 'ocr.tencentcloudapi.com',
			placeholder: 'e.g. ocr.ap-shanghai.tencentcloudapi.com or http://127.0.0.1:9000',
			description:
				'Host or URL of the OCR API (scheme, host and port only): a regional host, ocr.internal.tencentcloudapi.com, a private gateway, or the offline emulator. Requests are always signed for the "ocr" service.',
		},
		{
			displayName: 'Proxy',
			name: 'proxyUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://proxy.example.com:8080',
			description:
				"HTTP proxy to reach Tencent Cloud (or the Endpoint) through: scheme, host and port only, its user name and password go in the two fields below. When set, it is used whatever n8n's HTTP_PROXY, HTTPS_PROXY and NO_PROXY say; when empty, calls follow those as n8n's own nodes do",
		},
		{
			displayName: 'Proxy Username',
			name: 'proxyUsername',
			type: 'string',
			default: '',
			description: 'User name for the Proxy, if it asks for one (sent as Basic Proxy-Authorization)',
		},
		{
			displayName: 'Proxy Password',
			name: 'proxyPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Password for the Proxy, if it asks for one',
		},
	];
}
