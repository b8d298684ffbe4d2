/** Serves the files of one folder on loopback, for URL input: the emulator downloads them from here. */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.pdf': 'application/pdf',
	'.gif': 'image/gif',
	'.ofd': 'application/ofd',
};

export interface FixtureServer {
	/** e.g. http://127.0.0.1:43123, no trailing slash. */
	url: string;
	urlOf(fileName: string): string;
	stop(): Promise<void>;
}

export async function serveFolder(folder: string): Promise<FixtureServer> {
	const server = createServer((request, response) => {
		// basename: only files directly in the folder, whatever the path asks for.
		const fileName = basename(decodeURIComponent(new URL(request.url ?? '/', 'http://loopback').pathname));
		readFile(join(folder, fileName)).then(
			(body) => {
				response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(fileName)] ?? 'application/octet-stream' });
				response.end(body);
			},
			() => {
				response.writeHead(404).end();
			},
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		urlOf: (fileName) => `${url}/${encodeURIComponent(fileName)}`,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
