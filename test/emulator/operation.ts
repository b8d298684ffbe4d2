/** Which operation a request names (X-TC-Version, X-TC-Action, X-TC-Region) and whether it is served here. */
import { TencentApiError } from './api-error';
import type { ApiRequest } from './authenticate';

export const SERVICE = 'ocr';
export const API_VERSION = '2018-11-19';
export const ACTION = 'VatInvoiceOCR';
/** The regions the VatInvoiceOCR page lists. */
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

export function checkAction(request: ApiRequest): void {
	const action = request.headers['x-tc-action'];
	if (action !== ACTION) {
		throw new TencentApiError(
			'InvalidAction',
			`The request action=\`${action}\` is invalid or not found in service=\`${SERVICE}\` and version=\`${API_VERSION}\`; this emulator serves ${ACTION} only.`,
		);
	}
}

export function checkRegion(request: ApiRequest): string {
	const region = request.headers['x-tc-region'];
	if (!region) {
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
