/**
 * A stand-in for an example's Email Trigger (IMAP): a Manual Trigger, a Read/Write Files from Disk node and a
 * Code node named as the trigger, which emits the items that trigger emits (format Simple, Download
 * Attachments on, prefix `attachment_`). Every node after the trigger, and its connections, stay the example's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { OCR_NODE_TYPE } from '../helpers/package-names';
import type { N8nWorkflow } from './n8n-sandbox';

const IMAP_TRIGGER_TYPE = 'n8n-nodes-base.emailReadImap';

export interface StandInMail {
	from: string;
	subject: string;
	date: string;
	text: string;
	/** File names in the mails' folder (or in a folder below it, e.g. `digital/发票.zip`), in attachment order: attachment_0, attachment_1, … */
	attachments: string[];
}

export interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: Record<string, unknown>;
}

/**
 * A Code node that groups the files read from disk into mails shaped as Email Trigger (IMAP) v2.2
 * emits them in format Simple: headers at the top level, texts, metadata, the UID, and the
 * attachments as binary `attachment_0..n` (each keeping its fileName and mimeType).
 */
function mailsCode(mails: StandInMail[]): string {
	return `const fileByName = Object.fromEntries($input.all().map((item) => [item.binary.data.fileName, item.binary.data]));
const mails = ${JSON.stringify(mails.map((mail) => ({ ...mail, attachments: mail.attachments.map((path) => path.split('/').pop()) })))};
return mails.map((mail, index) => ({
  json: {
    from: mail.from,
    to: 'invoices@company.example',
    subject: mail.subject,
    date: mail.date,
    textPlain: mail.text,
    textHtml: '<p>' + mail.text + '</p>',
    metadata: { 'message-id': '<mail-' + (index + 1) + '@e2e.example>' },
    attributes: { uid: index + 1 },
  },
  binary: Object.fromEntries(mail.attachments.map((fileName, attachmentIndex) => ['attachment_' + attachmentIndex, fileByName[fileName]])),
}));`;
}

/** Manual Trigger → Read/Write Files from Disk (every attachment, from `folder`) → Code named as the trigger it replaces. */
function standInNodes(trigger: INode, mails: StandInMail[], folder: string): INode[] {
	const fileNames = [...new Set(mails.flatMap((mail) => mail.attachments))];
	const [x, y] = trigger.position;
	return [
		{ id: 'e2e-mails-0001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [x - 440, y], parameters: {} },
		{
			id: 'e2e-mails-0002',
			name: 'Read Attachments',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1.1,
			position: [x - 220, y],
			parameters: { operation: 'read', fileSelector: join(folder, `{${fileNames.join(',')}}`), options: { dataPropertyName: 'data' } },
		},
		{
			id: trigger.id,
			// Same name: the example's connections and its $('Email Trigger (IMAP)') expressions stay as shipped.
			name: trigger.name,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: trigger.position,
			parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: mailsCode(mails) },
		},
	];
}

export function loadExample(examplePath: string): ExampleWorkflow {
	return JSON.parse(readFileSync(examplePath, 'utf8')) as ExampleWorkflow;
}

function imapTriggerOf(example: ExampleWorkflow): INode {
	const triggers = example.nodes.filter((node) => node.type === IMAP_TRIGGER_TYPE);
	if (triggers.length !== 1) throw new Error(`The example has ${triggers.length} IMAP triggers, expected 1`);
	return triggers[0];
}

/** The example with its IMAP trigger swapped for the stand-in reading the mails' files from `folder`. */
export function exampleWithStandInMails(
	example: ExampleWorkflow,
	mails: StandInMail[],
	{ id, folder }: { id: string; folder: string },
): N8nWorkflow {
	const trigger = imapTriggerOf(example);
	const [start, readAttachments, mailsNode] = standInNodes(trigger, mails, folder);
	return {
		id,
		name: example.name,
		active: false,
		nodes: [...example.nodes.filter((node) => node !== trigger), start, readAttachments, mailsNode],
		connections: {
			...example.connections,
			[start.name]: { main: [[{ node: readAttachments.name, type: 'main', index: 0 }]] },
			[readAttachments.name]: { main: [[{ node: mailsNode.name, type: 'main', index: 0 }]] },
		},
		settings: example.settings,
	};
}

/** The credential the example's OCR node names, so the node is imported exactly as shipped. */
export function ocrCredentialReference(example: ExampleWorkflow): { id: string; name: string } {
	const ocrNode = example.nodes.find((node) => node.type === OCR_NODE_TYPE);
	const reference = ocrNode?.credentials?.tencentCloudApi;
	if (!reference?.id) throw new Error('The example\'s OCR node names no tencentCloudApi credential');
	return { id: reference.id, name: reference.name };
}
