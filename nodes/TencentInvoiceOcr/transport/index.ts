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

import { InvoiceInputError } from '../helpers/invoiceInputError';
import { isTransientFailure, retryDelayMs } from '../helpers/retryPolicy';
import { toTencentFailure, type TencentFailure } from '../helpers/tencentErrors';
import { CallScheduler, realClock, type SchedulerClock, type SchedulerLimits } from './callScheduler';
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
		throw new InvoiceInputError(
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
		throw new InvoiceInputError(
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

/** One attempt, bounded by a timeout that also covers a body that stalls after its headers. */
export async function callOcrAction<A extends OcrAction>(
	client: OcrClient,
	action: A,
	request: OcrRequest<A>,
	timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
): Promise<OcrResponse<A>> {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), timeoutSeconds * 1000);
	try {
		return (await client.request(action, request, { signal: abort.signal })) as OcrResponse<A>;
	} catch (error) {
		if (abort.signal.aborted) throw new Error(`no answer within ${timeoutSeconds} s`);
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/** A call that failed for good: Tencent's failure, and how many attempts were made. */
export class OcrCallError extends Error implements TencentFailure {
	readonly code?: string;
	readonly requestId?: string;

	constructor(
		failure: TencentFailure,
		readonly attempts: number,
	) {
		super(failure.message);
		this.name = 'OcrCallError';
		this.code = failure.code;
		this.requestId = failure.requestId;
	}
}

export interface CallPolicy extends SchedulerLimits {
	maxRetries: number;
	timeoutSeconds: number;
}

/** Calls the OCR API within the quota, retrying what can succeed later. One per node execution. */
export class OcrCaller {
	private readonly scheduler: CallScheduler;

	constructor(
		private readonly client: OcrClient,
		readonly policy: CallPolicy,
		private readonly clock: SchedulerClock = realClock,
		private readonly random: () => number = Math.random,
	) {
		this.scheduler = new CallScheduler(policy, clock);
	}

	async call<A extends OcrAction>(action: A, request: OcrRequest<A>): Promise<OcrResponse<A>> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.scheduler.run(() => callOcrAction(this.client, action, request, this.policy.timeoutSeconds));
			} catch (error) {
				const failure = toTencentFailure(error);
				if (attempt > this.policy.maxRetries || !isTransientFailure(failure)) throw new OcrCallError(failure, attempt);
				// Backing off outside the scheduler leaves the slot to other items meanwhile.
				await this.clock.sleep(retryDelayMs(attempt, failure, this.random));
			}
		}
	}
}
