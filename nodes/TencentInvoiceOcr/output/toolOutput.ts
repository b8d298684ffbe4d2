/** Output items sized for a model: what an agent acts on, without the bulk it pays for in its context and never reads. */
import type { INodeExecutionData } from 'n8n-workflow';

/** `compact` for a model, `full` as in a workflow. */
export type ToolOutput = 'compact' | 'full';

/**
 * Keys a model does not need: `fields` repeats every key of the invoice under its Chinese name, and `raw` is
 * Tencent's whole answer (2.7 KB for one verified invoice). Polygons come only when Include Polygons is on.
 */
export const KEYS_LEFT_OUT_FOR_MODELS = ['fields', 'raw'] as const;

/** The same items without the keys a model does not need; items of Raw Response output are Tencent's answer as asked. */
export function compactForModel(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => {
		if (!KEYS_LEFT_OUT_FOR_MODELS.some((key) => key in item.json)) return item;
		const json = { ...item.json };
		for (const key of KEYS_LEFT_OUT_FOR_MODELS) delete json[key];
		return { ...item, json };
	});
}
