/** Output items sized for a model: what an agent acts on, without the bulk it pays for in its context and never reads. */
import type { INodeExecutionData } from 'n8n-workflow';

import type { INVOICE_RECORD_FIELDS } from '../invoice/recordFields';

/** `compact` for a model, `full` as in a workflow. */
export type ToolOutput = 'compact' | 'full';

type InvoiceRecordKey = (typeof INVOICE_RECORD_FIELDS)[number]['key'];

/**
 * Keys of the record table a model does not need: `fields` repeats every field of the invoice under its Chinese
 * name, as read. Polygons come only with Include Polygons on, and Tencent's answer only with Raw Response output.
 */
export const KEYS_LEFT_OUT_FOR_MODELS: readonly InvoiceRecordKey[] = ['fields'];

/** The same items without the keys a model does not need; items of Raw Response output are Tencent's answer as asked. */
export function compactForModel(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => {
		if (!KEYS_LEFT_OUT_FOR_MODELS.some((key) => key in item.json)) return item;
		const json = { ...item.json };
		for (const key of KEYS_LEFT_OUT_FOR_MODELS) delete json[key];
		return { ...item, json };
	});
}
