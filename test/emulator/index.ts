/** The local Tencent Cloud OCR emulator (VatInvoiceOCR, VatInvoiceVerifyNew, VerifyOfdVatInvoiceOCR, RecognizeGeneralInvoice), for tests, the demo and the e2e harness. */
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
export { ANSWER_DROPPED, ANSWER_OK, answerOf, summarizeRequests, type EmulatorStats, type ReceivedRequest } from './stats';
export { CONTROL_PREFIX } from './control-endpoints';
export {
	ACTION,
	API_VERSION,
	GENERAL_INVOICE_ACTION,
	OFD_ACTION,
	SERVED_ACTIONS,
	SERVICE,
	SUPPORTED_REGIONS,
	VERIFY_ACTION,
	type ServedAction,
} from './operation';
export {
	OFD_SAMPLE_RESPONSE_PATH,
	SAMPLE_RESPONSE_PATH,
	VERIFY_SAMPLE_RESPONSE_PATH,
	RECENT_SAMPLE_AGE_DAYS,
	loadRecentSampleRecognition,
	loadSampleOfdRecognition,
	loadSampleRecognition,
	loadSampleVerification,
} from './sample-response';
export { VERIFY_ERRORS, verifyError, type VerifyErrorCode } from './actions/verify-errors';
export type { VerifyRequest } from './actions/verify-new-params';
export {
	defaultVerifyAnswer,
	recognitionSampleVerifyAnswer,
	sampleVerifyAnswer,
	type VerifyHook,
} from './actions/vat-invoice-verify-new';
export { OFD_ERRORS, type RecognizeOfdHook, type RecognizeOfdInput } from './actions/verify-ofd-vat-invoice-ocr';
export { inspectOfd } from './ofd-file';
export { parseAuthorization, signRequest, type SigningInput, type SigningResult } from './tc3';
export {
	GENERAL_INVOICE_ERRORS,
	GENERAL_INVOICE_TYPES,
	MULTIPLE_PAGE_LIMIT,
	type GeneralInvoicePage,
	type RecognizeGeneralHook,
} from './actions/recognize-general-invoice';
export {
	DEFAULT_DOCUMENT,
	GENERAL_INVOICE_FIXTURES,
	NO_DOCUMENT,
	generalInvoiceEntry,
	generalInvoiceFixtures,
	type GeneralInvoiceEntry,
} from './general-invoice-documents';
