/**
 * The error codes the VatInvoiceVerifyNew page documents (错误码), with the page's meaning of each.
 * Source: https://cloud.tencent.com/document/api/866/73674 and the SDK's ocr/v20181119 errors.
 */
import { TencentApiError } from '../api-error';

export const VERIFY_ERRORS = {
	arrears: 'FailedOperation.ArrearsError',
	countLimit: 'FailedOperation.CountLimitError',
	mismatch: 'FailedOperation.InvoiceMismatch',
	unknown: 'FailedOperation.UnKnowError',
	notOpened: 'FailedOperation.UnOpenError',
	invalidValue: 'InvalidParameterValue.InvalidParameterValueLimit',
	badAmountOrCheckCode: 'InvalidParameterValue.PriceOrVerificationParameterValueLimit',
	badInvoiceCode: 'InvalidParameterValue.TicketCodeParameterValueLimit',
	badInvoiceDate: 'InvalidParameterValue.TicketDateParameterValueLimit',
	badInvoiceNo: 'InvalidParameterValue.TicketSnParameterValueLimit',
	noAreaCode: 'ResourceNotFound.NoAreaCode',
	notFound: 'ResourceNotFound.NoInvoice',
	todayNotSupported: 'ResourceNotFound.NotSupportCurrentInvoiceQuery',
	taxNetwork: 'ResourceUnavailable.TaxNetworkError',
	chargeStatus: 'ResourcesSoldOut.ChargeStatusException',
} as const;

export type VerifyErrorCode = (typeof VERIFY_ERRORS)[keyof typeof VERIFY_ERRORS];

const MEANINGS: Record<VerifyErrorCode, string> = {
	'FailedOperation.ArrearsError': '账号已欠费。',
	'FailedOperation.CountLimitError': '今日次数达到限制。',
	'FailedOperation.InvoiceMismatch': '发票数据不一致。',
	'FailedOperation.UnKnowError': '未知错误。',
	'FailedOperation.UnOpenError': '服务未开通。',
	'InvalidParameterValue.InvalidParameterValueLimit': '参数值错误。',
	'InvalidParameterValue.PriceOrVerificationParameterValueLimit': '开票金额或校验码参数值错误。',
	'InvalidParameterValue.TicketCodeParameterValueLimit': '发票代码参数值错误。',
	'InvalidParameterValue.TicketDateParameterValueLimit': '开票日期参数值错误。',
	'InvalidParameterValue.TicketSnParameterValueLimit': '发票号码参数值错误。',
	'ResourceNotFound.NoAreaCode': '地区编码不存在。',
	'ResourceNotFound.NoInvoice': '发票不存在。',
	'ResourceNotFound.NotSupportCurrentInvoiceQuery': '不支持当天发票查询。',
	'ResourceUnavailable.TaxNetworkError': '税务局网络异常，请稍后访问。',
	'ResourcesSoldOut.ChargeStatusException': '计费状态异常。',
};

/** The documented meaning as the message, then the specifics. */
export function verifyError(code: VerifyErrorCode, detail?: string): TencentApiError {
	return new TencentApiError(code, detail ? `${MEANINGS[code]} ${detail}` : MEANINGS[code]);
}
