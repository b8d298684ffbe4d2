/** The ZIP reader: what it reads, and each limit refusing the archive or only the entry, with the limit and its value named. */
import { deflateRawSync } from 'node:zlib';

import { crc32 } from '../../../nodes/TencentInvoiceOcr/input/archive/crc32';
import {
	ArchiveRefused,
	EntryRefused,
	ZipArchive,
	newInflateBudget,
	type ArchiveEntry,
} from '../../../nodes/TencentInvoiceOcr/input/archive/zipReader';
import { zerosDeflated, zipArchive, type ZipEntry } from '../../helpers/zip-archive';

const MEGABYTE = 1024 * 1024;
const entryNamed = (archive: ZipArchive, name: string) => archive.entries.find((entry) => entry.name === name) as ArchiveEntry;

async function refusalOf(read: () => unknown): Promise<Error> {
	try {
		await read();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a refusal');
}

describe('crc32', () => {
	it.each<[string, number]>([
		['', 0],
		['123456789', 0xcbf43926],
		['The quick brown fox jumps over the lazy dog', 0x414fa339],
	])('%j → %d', (text, checksum) => {
		expect(crc32(Buffer.from(text))).toBe(checksum);
	});
});

describe('ZipArchive reads', () => {
	const xml = '<EInvoice>' + '<Line>票</Line>'.repeat(20) + '</EInvoice>';
	it.each<[string, ZipEntry]>([
		['a stored entry', { name: 'xml/a.xml', content: xml }],
		['a deflated entry', { name: 'xml/a.xml', content: xml, deflate: true }],
	])('%s back to its bytes', async (_label, entry) => {
		const archive = ZipArchive.open(zipArchive([entry]), 'bundle.zip');
		expect(archive.entries.map((listed) => listed.name)).toEqual(['xml/a.xml']);
		expect((await archive.read(archive.entries[0])).toString('utf8')).toBe(xml);
	});

	it('names in UTF-8, in GBK without the UTF-8 flag, and with backslashes as folders', () => {
		const archive = ZipArchive.open(
			zipArchive([
				{ name: '发票/a.xml', content: 'a' },
				{ name: 'gbk', nameBytes: Buffer.from([0xb7, 0xa2, 0xc6, 0xb1, 0x2e, 0x78, 0x6d, 0x6c]), content: 'b' },
				{ name: 'win', nameBytes: Buffer.from('pdf\\b.pdf', 'latin1'), content: 'c' },
				{ name: 'xml/', content: '' },
			]),
			'bundle.zip',
		);
		expect(archive.entries.map(({ name, isDirectory }) => [name, isDirectory])).toEqual([
			['发票/a.xml', false],
			['发票.xml', false],
			['pdf/b.pdf', false],
			['xml/', true],
		]);
	});

	it('an empty entry', async () => {
		const archive = ZipArchive.open(zipArchive([{ name: 'empty.txt', content: '', deflate: true }]), 'bundle.zip');
		expect((await archive.read(archive.entries[0])).length).toBe(0);
	});
});

describe('ZipArchive refuses the whole archive', () => {
	it.each<[string, () => Buffer, RegExp]>([
		[
			'more than 1,000 entries',
			() => zipArchive(Array.from({ length: 5000 }, (_, index) => ({ name: `f${index}.txt`, content: '' }))),
			/^"bundle\.zip" has more than 1,000 entries \(5,000\)$/,
		],
		[
			'a ZIP bomb declaring 10 GB',
			() => zipArchive([{ name: 'bomb.xml', content: '', deflatedData: zerosDeflated(2), declaredBytes: 10 * 1024 * MEGABYTE }]),
			/^"bundle\.zip" holds more than 100 MB uncompressed in all \(it declares 10,240 MB\)$/,
		],
		[
			'entries declaring more than 100 MB together',
			() =>
				zipArchive(
					Array.from({ length: 3 }, (_, index) => ({
						name: `part${index}.bin`,
						content: '',
						deflatedData: zerosDeflated(1),
						declaredBytes: 40 * MEGABYTE,
					})),
				),
			/more than 100 MB uncompressed in all \(it declares 120 MB\)/,
		],
		['no end record', () => Buffer.from('PK\x03\x04 not really a zip'), /is not a readable ZIP archive/],
		[
			'a directory that points nowhere',
			() => {
				const bytes = zipArchive([{ name: 'a.txt', content: 'a' }]);
				bytes.writeUInt32LE(5, bytes.length - 6);
				return bytes;
			},
			/has a damaged directory \(entry 1\)/,
		],
	])('%s', async (_label, build, message) => {
		const refusal = await refusalOf(() => ZipArchive.open(build(), 'bundle.zip'));
		expect(refusal).toBeInstanceOf(ArchiveRefused);
		expect(refusal.message).toMatch(message);
	});

	it('a nested archive shares the budget of the one it came from', async () => {
		const budget = newInflateBudget();
		budget.remainingBytes = 10;
		const inner = zipArchive([{ name: 'a.txt', content: 'more than ten bytes' }]);
		expect(await refusalOf(() => ZipArchive.open(inner, 'inner.zip', budget))).toBeInstanceOf(ArchiveRefused);
	});
});

describe('ZipArchive refuses one entry and reads the others', () => {
	const good: ZipEntry = { name: 'xml/good.xml', content: '<EInvoice/>', deflate: true };
	it.each<[string, ZipEntry, RegExp]>([
		['an encrypted entry', { name: 'secret.xml', content: 'x', encrypted: true }, /^Entry "secret\.xml" of "bundle\.zip" is encrypted$/],
		[
			'a ratio above 100 : 1',
			{ name: 'bomb.xml', content: '', deflatedData: zerosDeflated(1), declaredBytes: MEGABYTE },
			/has a compression ratio above 100 : 1/,
		],
		[
			'a size that lies low (a bomb stopped while it inflates)',
			{ name: 'liar.xml', content: 'x', deflatedData: zerosDeflated(20), declaredBytes: 200_000 },
			/^Entry "liar\.xml" of "bundle\.zip" declares 200,000 bytes but inflates to more$/,
		],
		[
			'a size that lies high',
			{ name: 'short.xml', content: 'abc', deflatedData: deflateRawSync('abc'), declaredBytes: 10 },
			/declares 10 bytes but holds 3/,
		],
		[
			'a stored entry whose sizes differ',
			{ name: 'stored.xml', content: 'abcdef', declaredBytes: 7 },
			/declares 7 bytes but stores 6/,
		],
		[
			'a damaged deflate stream',
			{ name: 'broken.xml', content: 'abc', deflatedData: Buffer.from([0xff, 0xff, 0xff]) },
			/is damaged \(its compressed data cannot be inflated\)/,
		],
	])('%s', async (_label, hostile, message) => {
		const archive = ZipArchive.open(zipArchive([hostile, good]), 'bundle.zip');
		const refusal = await refusalOf(() => archive.read(entryNamed(archive, hostile.name)));
		expect(refusal).toBeInstanceOf(EntryRefused);
		expect((refusal as EntryRefused).entryName).toBe(hostile.name);
		expect(refusal.message).toMatch(message);
		expect((await archive.read(entryNamed(archive, good.name))).toString()).toBe('<EInvoice/>');
	});

	it('a checksum that does not match', async () => {
		const bytes = zipArchive([{ name: 'a.xml', content: 'abc' }]);
		bytes.write('abd', 30 + 'a.xml'.length, 'latin1');
		const archive = ZipArchive.open(bytes, 'bundle.zip');
		expect((await refusalOf(() => archive.read(archive.entries[0]))).message).toMatch(/checksum does not match/);
	});
});
