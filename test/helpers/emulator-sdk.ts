/**
 * The official SDK pointed at the emulator: the endpoint keeps the name ocr.tencentcloudapi.com,
 * so the SDK signs for service "ocr", and an agent resolves that name to 127.0.0.1.
 */
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { ocr } from 'tencentcloud-sdk-nodejs-ocr';

import { DEMO_CREDENTIALS, type RunningEmulator } from '../emulator';

const loopbackLookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
	options?.all
		? callback(null, [{ address: '127.0.0.1', family: 4 }])
		: callback(null, '127.0.0.1', 4)) as unknown as LookupFunction;

export interface ClientSettings {
	secretId?: string;
	secretKey?: string;
	token?: string;
	/** null: the SDK sends no X-TC-Region. */
	region?: string | null;
	/** Host part of the SDK endpoint; its first label is the service the SDK signs. */
	host?: string;
}

export function emulatorSdkClient(emulator: RunningEmulator, settings: ClientSettings = {}) {
	return new ocr.v20181119.Client({
		credential: {
			secretId: settings.secretId ?? DEMO_CREDENTIALS.secretId,
			secretKey: settings.secretKey ?? DEMO_CREDENTIALS.secretKey,
			token: settings.token,
		},
		region: settings.region === null ? undefined : (settings.region ?? 'ap-guangzhou'),
		profile: {
			httpProfile: {
				endpoint: `${settings.host ?? 'ocr.tencentcloudapi.com'}:${emulator.port}`,
				protocol: 'http://',
				agent: new http.Agent({ lookup: loopbackLookup }),
			},
		},
	});
}

/** The SDK's error code for a call that must fail, after checking it is the SDK's own exception. */
export async function sdkErrorCodeOf(call: Promise<unknown>): Promise<string | undefined> {
	const error = await call.then(
		() => undefined,
		(rejection: unknown) => rejection,
	);
	expect(error).toBeInstanceOf(TencentCloudSDKHttpException);
	return (error as { code?: string }).code;
}
