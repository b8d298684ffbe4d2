/** The served actions, each with its own parameter checks, built from the emulator's settings. */
import type { DownloadLimits } from '../image-input';
import { ACTION, GENERAL_INVOICE_ACTION, OFD_ACTION, VERIFY_ACTION, type ServedAction } from '../operation';
import type { ActionAnswer } from './action';
import { recognizeGeneralInvoiceAction, type RecognizeGeneralHook } from './recognize-general-invoice';
import { vatInvoiceOcrAction, type RecognizeHook } from './vat-invoice-ocr';
import { vatInvoiceVerifyNewAction, type VerifyHook } from './vat-invoice-verify-new';
import { verifyOfdVatInvoiceOcrAction, type RecognizeOfdHook } from './verify-ofd-vat-invoice-ocr';

export interface ActionSettings {
	limits: DownloadLimits;
	recognize: RecognizeHook;
	verify: VerifyHook;
	recognizeOfd: RecognizeOfdHook;
	recognizeGeneral: RecognizeGeneralHook;
	nowMs: () => number;
}

export function createActions(settings: ActionSettings): Record<ServedAction, ActionAnswer> {
	return {
		[ACTION]: vatInvoiceOcrAction(settings.limits, settings.recognize),
		[VERIFY_ACTION]: vatInvoiceVerifyNewAction(settings.verify, settings.nowMs),
		[OFD_ACTION]: verifyOfdVatInvoiceOcrAction(settings.limits, settings.recognizeOfd),
		[GENERAL_INVOICE_ACTION]: recognizeGeneralInvoiceAction(settings.limits, settings.recognizeGeneral),
	};
}
