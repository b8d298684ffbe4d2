/** The SDK client for the credential: keys, region, endpoint routing; the actions it calls and their quotas. */
import { lookup } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ocr } from 'tencentcloud-sdk-nodejs-ocr';
import type {
	VatInvoiceOCRRequest,
	VatInvoiceOCRResponse,
	VatInvoiceVerifyNewRequest,
	VatInvoiceVerifyNewResponse,
	VerifyOfdVatInvoiceOCRRequest,
	VerifyOfdVatInvoiceOCRResponse,
} from 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr/v20181119/ocr_models';

import { SettingsError } from '../errors';
import { resolveOcrEndpoint, type OcrEndpoint } from './endpoint';

export type OcrClient = InstanceType<typeof ocr.v20181119.Client>;

/** The `tencentCloudApi` credential's fields, as the node uses them. */
export interface TencentCloudCredentials {
	secretId: string;
	secretKey: string;
	region: string;
	sessionToken?: string;
	endpoint?: string;
	proxyUrl?: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function readTencentCredentials(data: ICredentialDataDecryptedObject): TencentCloudCredentials {
	const secretId = optionalText(data.secretId);
	const secretKey = optionalText(data.secretKey);
	if (!secretId || !secretKey) {
		throw new SettingsError(
			'The Tencent Cloud credential has no Secret ID or Secret Key',
			'Open the credential and fill in both, from https://console.cloud.tencent.com/cam/capi.',
		);
	}
	return {
		secretId,
		secretKey,
		region: optionalText(data.region) ?? 'ap-guangzhou',
		sessionToken: optionalText(data.sessionToken),
		endpoint: optionalText(data.endpoint),
		proxyUrl: optionalText(data.proxyUrl),
	};
}

/** Opens every connection to `connectTo`, whatever host name the SDK asks for. */
function routingAgent(protocol: OcrEndpoint['protocol'], connectTo: string) {
	const agentOptions = {
		keepAlive: true,
		lookup: ((_hostname: string, options: object, callback: (...args: unknown[]) => void) =>
			lookup(connectTo, options, callback)) as never,
	};
	return protocol === 'http://' ? new HttpAgent(agentOptions) : new HttpsAgent(agentOptions);
}

export function createOcrClient(
	credentials: TencentCloudCredentials,
	timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
): OcrClient {
	const endpoint = resolveOcrEndpoint(credentials.endpoint);
	if (endpoint.connectTo && credentials.proxyUrl) {
		throw new SettingsError(
			'The credential sets both an Endpoint address and a Proxy',
			'Use Proxy to reach ocr.tencentcloudapi.com through a proxy, or Endpoint to send requests to another address, not both.',
		);
	}
	return new ocr.v20181119.Client({
		credential: {
			secretId: credentials.secretId,
			secretKey: credentials.secretKey,
			token: credentials.sessionToken,
		},
		region: credentials.region,
		profile: {
			httpProfile: {
				endpoint: endpoint.host,
				protocol: endpoint.protocol,
				reqTimeout: timeoutSeconds,
				agent: endpoint.connectTo ? routingAgent(endpoint.protocol, endpoint.connectTo) : undefined,
				proxy: credentials.proxyUrl,
			},
		},
	});
}

/** The actions the node calls, with their request and response types. */
export interface OcrActions {
	VatInvoiceOCR: [VatInvoiceOCRRequest, VatInvoiceOCRResponse];
	VatInvoiceVerifyNew: [VatInvoiceVerifyNewRequest, VatInvoiceVerifyNewResponse];
	VerifyOfdVatInvoiceOCR: [VerifyOfdVatInvoiceOCRRequest, VerifyOfdVatInvoiceOCRResponse];
}
export type OcrAction = keyof OcrActions;

/** Each action's default quota, in requests per second, as Tencent documents it. */
export const ACTION_QUOTAS: Record<OcrAction, number> = {
	VatInvoiceOCR: 10,
	VatInvoiceVerifyNew: 20,
	VerifyOfdVatInvoiceOCR: 10,
};
export type OcrRequest<A extends OcrAction> = OcrActions[A][0];
export type OcrResponse<A extends OcrAction> = OcrActions[A][1];

