/** The local Tencent Cloud OCR (VatInvoiceOCR) emulator, for tests, the demo and the e2e harness. */
export {
	DEFAULT_MAX_BASE64_LENGTH,
	DEMO_CREDENTIALS,
	startEmulator,
	type EmulatorOptions,
	type RecognizeHook,
	type RecognizeInput,
	type RunningEmulator,
} from './server';
export { TencentApiError } from './api-error';
export type { EmulatorCredential } from './authenticate';
export type { EmulatorFaults, FailNext } from './faults';
export type { EmulatorStats, ReceivedRequest } from './stats';
export { CONTROL_PREFIX } from './control-endpoints';
export { ACTION, API_VERSION, SERVICE, SUPPORTED_REGIONS } from './operation';
export { SAMPLE_RESPONSE_PATH, loadSampleRecognition } from './sample-response';
export { parseAuthorization, signRequest, type SigningInput, type SigningResult } from './tc3';
