import {
	cleanText,
	normalizeInvoiceNumber,
	parseAmount,
	parseFlag,
	parseLineNumber,
	parseTaxRate,
	toIsoDate,
	type OcrText,
} from '../../../nodes/TencentInvoiceOcr/invoice/normalize';

/** `toBe` compares with Object.is already; the -0 check says so out loud where zero is expected. */
function expectNumber(result: number | null, expected: number | null) {
	expect(result).toBe(expected);
	expect(Object.is(result, -0)).toBe(false);
}

const ABSENT: OcrText[] = [undefined, null, '', '   ', '\u3000'];

describe('parseAmount', () => {
	it.each<[string, number]>([
		['87.28', 87.28],
		['2.62', 2.62],
		['1', 1],
		['0', 0],
		['0.00', 0],
		['-0.00', 0],
		['¥0.00', 0],
		['¥89.90', 89.9],
		['￥89.90', 89.9],
		['¥ 89.90', 89.9],
		['100元', 100],
		['¥100元', 100],
		['1,234.50', 1234.5],
		['¥1,234,567.89', 1234567.89],
		['1，234.50', 1234.5],
		['１２３．４５', 123.45],
		['￥８７．２８', 87.28],
		['  87.28  ', 87.28],
		['\u300087.28\u3000', 87.28],
		['87.28\u00a0', 87.28],
		['8 7.2 8', 87.28],
		['-87.28', -87.28],
		['－87.28', -87.28],
		['−87.28', -87.28],
		['¥-87.28', -87.28],
		['-¥87.28', -87.28],
		['－￥８７．２８', -87.28],
		['- 87.28', -87.28],
		['1.23456789', 1.23456789],
		['87.2815533981', 87.2815533981],
		['0.5', 0.5],
		['007', 7],
		['12345678901234', 12345678901234],
	])('reads %j as %p', (text, expected) => {
		expectNumber(parseAmount(text), expected);
	});

	it.each<OcrText>([
		...ABSENT,
		'***',
		'*',
		'无',
		'¥',
		'-',
		'(87.28)',
		'（87.28）',
		'--87.28',
		'-¥-87.28',
		'+87.28',
		'87.28-',
		'1e5',
		'0x10',
		'Infinity',
		'-Infinity',
		'NaN',
		'.5',
		'5.',
		'1.2.3',
		'87,28',
		'1,2345',
		',123',
		'12,34,567',
		'87.28¥',
		'元87.28',
		'abc',
		'87.28 USD',
		'捌拾玖圆玖角整',
		'9'.repeat(400),
	])('cannot read %j', (text) => {
		expect(parseAmount(text)).toBeNull();
	});
});

describe('normalizeInvoiceNumber', () => {
	it.each<[string, string]>([
		['No63591128', '63591128'],
		['NO63591128', '63591128'],
		['no63591128', '63591128'],
		['No.63591128', '63591128'],
		['NO.63591128', '63591128'],
		['No:63591128', '63591128'],
		['No：63591128', '63591128'],
		['No. 63591128', '63591128'],
		['№63591128', '63591128'],
		['№ 63591128', '63591128'],
		['N°63591128', '63591128'],
		['Ｎｏ６３５９１１２８', '63591128'],
		['No 0123 4567', '01234567'],
		['00123456', '00123456'],
		[' 63591128 ', '63591128'],
		['\u300063591128', '63591128'],
		['24442000000012345678', '24442000000012345678'],
		['012001100311', '012001100311'],
	])('reads %j as %j', (text, expected) => {
		expect(normalizeInvoiceNumber(text)).toBe(expected);
	});

	it.each<OcrText>([...ABSENT, 'No', 'No.', '№', ' No： '])('has nothing in %j', (text) => {
		expect(normalizeInvoiceNumber(text)).toBeNull();
	});
});

describe('toIsoDate', () => {
	it.each<[string, string]>([
		['2019年06月16日', '2019-06-16'],
		['2021年1月9日', '2021-01-09'],
		['2021年12月31日', '2021-12-31'],
		['2019 年 06 月 16 日', '2019-06-16'],
		['2019年06月16', '2019-06-16'],
		['２０１９年０６月１６日', '2019-06-16'],
		['2019-06-16', '2019-06-16'],
		['2019-6-9', '2019-06-09'],
		['2019/06/16', '2019-06-16'],
		['2019/6/9', '2019-06-09'],
		['2019.06.16', '2019-06-16'],
		['20220601', '2022-06-01'],
		['  2019-06-16  ', '2019-06-16'],
		['\u30002019年06月16日\u3000', '2019-06-16'],
		['2020-02-29', '2020-02-29'],
		['2000-02-29', '2000-02-29'],
		['2024年2月29日', '2024-02-29'],
		['2021-04-30', '2021-04-30'],
		['2021-01-31', '2021-01-31'],
	])('reads %j as %j', (text, expected) => {
		expect(toIsoDate(text)).toBe(expected);
	});

	it.each<OcrText>([
		...ABSENT,
		'***',
		'2021-02-30',
		'2021-02-29',
		'1900-02-29',
		'2021-04-31',
		'2021-13-01',
		'2021-00-10',
		'2021-01-00',
		'2021-01-32',
		'20211301',
		'20210230',
		'2021年13月1日',
		'2021年2月30日',
		'2019-06/16',
		'2019-06-16-01',
		'19-06-16',
		'2019061',
		'202206011',
		'2019年06月',
		'06/16/2019',
		'16.06.2019',
		'2019-06-16T00:00:00Z',
		'abc',
	])('cannot read %j', (text) => {
		expect(toIsoDate(text)).toBeNull();
	});
});

describe('parseTaxRate', () => {
	it.each<[string, number]>([
		['3%', 0.03],
		['13%', 0.13],
		['6%', 0.06],
		['9%', 0.09],
		['7%', 0.07],
		['17%', 0.17],
		['16%', 0.16],
		['11%', 0.11],
		['10%', 0.1],
		['5%', 0.05],
		['1%', 0.01],
		['0%', 0],
		['0.00%', 0],
		['1.5%', 0.015],
		['0.5%', 0.005],
		['０．５％', 0.005],
		['１３％', 0.13],
		['13 %', 0.13],
		[' 13% ', 0.13],
		['100%', 1],
	])('reads %j as %p', (text, expected) => {
		expectNumber(parseTaxRate(text), expected);
	});

	it.each<OcrText>([
		...ABSENT,
		'免税',
		'不征税',
		'***',
		'%',
		'13',
		'0.13',
		'0',
		'-3%',
		'101%',
		'13%%',
		'1e1%',
		'.5%',
		'13%免税',
		'abc',
	])('cannot read %j', (text) => {
		expect(parseTaxRate(text)).toBeNull();
	});
});

describe('parseLineNumber', () => {
	it.each<[string, number]>([
		['1', 1],
		[' 2 ', 2],
		['０３', 3],
		['10', 10],
		['999999', 999999],
	])('reads %j as %p', (text, expected) => {
		expect(parseLineNumber(text)).toBe(expected);
	});

	it.each<OcrText>([...ABSENT, '1.5', '1.0', '-2', '+2', '0', '00', 'x', '1a', '1,000', '1000000', '***', '第1行'])('is no line number: %j', (text) => {
		expect(parseLineNumber(text)).toBeNull();
	});
});

describe('parseFlag', () => {
	it.each<[string, boolean]>([
		['1', true],
		['是', true],
		['Y', true],
		['y', true],
		['true', true],
		['TRUE', true],
		[' 1 ', true],
		['１', true],
		['0', false],
		['否', false],
		['N', false],
		['n', false],
		['false', false],
		['False', false],
		['\u30000', false],
	])('reads %j as %p', (text, expected) => {
		expect(parseFlag(text)).toBe(expected);
	});

	it.each<OcrText>([...ABSENT, '2', '-1', '有', '无', 'yes2', '10', 'maybe', '***'])('cannot read %j', (text) => {
		expect(parseFlag(text)).toBeNull();
	});
});

describe('cleanText', () => {
	it.each<[string, string]>([
		['深圳腾讯游戏有限公司', '深圳腾讯游戏有限公司'],
		['  客运服务费  ', '客运服务费'],
		['\u3000腾讯优图有限公司\u3000', '腾讯优图有限公司'],
		['\u00a0次\u00a0', '次'],
		['\t无\n', '无'],
		['天津 经济技术开发区', '天津 经济技术开发区'],
		['（北京）科技有限公司', '（北京）科技有限公司'],
		['***', '***'],
	])('keeps %j as %j', (text, expected) => {
		expect(cleanText(text)).toBe(expected);
	});

	it.each<OcrText>([...ABSENT, '\u3000\u3000', ' \t\n', '\u00a0'])('has nothing in %j', (text) => {
		expect(cleanText(text)).toBeNull();
	});
});
