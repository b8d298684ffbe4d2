/** Which operation a request names (X-TC-Version, X-TC-Action, X-TC-Region) and whether it is served here. */
import { TencentApiError } from './api-error';
import type { ApiRequest } from './authenticate';

export const SERVICE = 'ocr';
export const API_VERSION = '2018-11-19';
export const ACTION = 'VatInvoiceOCR';
export const VERIFY_ACTION = 'VatInvoiceVerifyNew';
export const OFD_ACTION = 'VerifyOfdVatInvoiceOCR';
export const GENERAL_INVOICE_ACTION = 'RecognizeGeneralInvoice';
export const SERVED_ACTIONS = [ACTION, VERIFY_ACTION, OFD_ACTION, GENERAL_INVOICE_ACTION] as const;
export type ServedAction = (typeof SERVED_ACTIONS)[number];
/** What each action's page says of the gateway: its default requests per second per SecretId, and whether Region is required. */
export const ACTION_POLICIES: Record<ServedAction, { defaultRateLimitPerSecond: number; regionRequired: boolean }> = {
	[ACTION]: { defaultRateLimitPerSecond: 10, regionRequired: true },
	[VERIFY_ACTION]: { defaultRateLimitPerSecond: 20, regionRequired: false },
	[OFD_ACTION]: { defaultRateLimitPerSecond: 10, regionRequired: false },
	[GENERAL_INVOICE_ACTION]: { defaultRateLimitPerSecond: 5, regionRequired: true },
};
/** The regions the VatInvoiceOCR page lists; the other pages' older versions list the same. */
export const SUPPORTED_REGIONS = ['ap-beijing', 'ap-guangzhou', 'ap-hongkong', 'ap-shanghai', 'na-toronto'];

export function checkVersion(request: ApiRequest): void {
	const version = request.headers['x-tc-version'];
	if (version !== API_VERSION) {
		throw new TencentApiError(
			'NoSuchVersion',
			`The specified api version=\`${version}\` does not exist in service=\`${SERVICE}\`. Use ${API_VERSION}.`,
		);
	}
}

export function checkAction(request: ApiRequest): ServedAction {
	const action = request.headers['x-tc-action'];
	const served = SERVED_ACTIONS.find((name) => name === action);
	if (!served) {
		throw new TencentApiError(
			'InvalidAction',
			`The request action=\`${action}\` is invalid or not found in service=\`${SERVICE}\` and version=\`${API_VERSION}\`; this emulator serves ${SERVED_ACTIONS.join(', ')}.`,
		);
	}
	return served;
}

/** `required` false: the header may be absent (the page calls Region optional), but a given one must be served. */
export function checkRegion(request: ApiRequest, required = true): string | undefined {
	const region = request.headers['x-tc-region'];
	if (!region) {
		if (!required) return undefined;
		throw new TencentApiError('MissingParameter', 'The request is missing a required parameter `Region`.');
	}
	if (!SUPPORTED_REGIONS.includes(region)) {
		throw new TencentApiError(
			'UnsupportedRegion',
			`The action not support this region. \`${region}\` is not one of ${SUPPORTED_REGIONS.join(', ')}.`,
		);
	}
	return region;
}
