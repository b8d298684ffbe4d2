/** The option that turns local reading of digital invoices on or off, for every recognition operation's Options. */
import type { INodeProperties } from 'n8n-workflow';

/** Read as `options.readDigitalLocally !== false`: on unless turned off, also in workflows saved before it existed. */
export const readDigitalLocallyOption: INodeProperties = {
	displayName: 'Read Digital Invoices Locally',
	name: 'readDigitalLocally',
	type: 'boolean',
	default: true,
	description:
		'Whether to read 数电 XML files, OFD files whose tags give the invoice, and ZIP bundles of them without a call to Tencent (free, exact, offline). Off: every OFD goes to Tencent and XML files and ZIP bundles are refused.',
};
