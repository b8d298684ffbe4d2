/**
 * Reading a recognised invoice from the node's output item, whichever shape it has: the raw API answer
 * (`VatInvoiceInfos`: a list of { Name, Value }) or the shaped record (`fields`: Chinese name → value as read).
 */
import type { IDataObject } from 'n8n-workflow';

interface InvoiceInfo {
	Name: string;
	Value: string;
}

/** Chinese field name (e.g. 发票号码) → value as Tencent read it; empty when the item holds no invoice. */
export function invoiceFieldsOf(json: IDataObject): Record<string, string> {
	if (Array.isArray(json.VatInvoiceInfos)) {
		const infos = json.VatInvoiceInfos as unknown as InvoiceInfo[];
		return Object.fromEntries(infos.map((info) => [info.Name, info.Value]));
	}
	const shaped = json.fields;
	return shaped && typeof shaped === 'object' && !Array.isArray(shaped) ? (shaped as Record<string, string>) : {};
}

export function invoiceField(json: IDataObject, name: string): string | undefined {
	return invoiceFieldsOf(json)[name];
}

/** Tencent's request ID: `RequestId` in the raw answer, `requestId` in the shaped record. */
export function requestIdOf(json: IDataObject): unknown {
	return json.RequestId ?? json.requestId;
}
