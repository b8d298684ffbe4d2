/** How workflows name the package's node and credential types. */
export const OCR_NODE_TYPE = 'n8n-nodes-tencent-invoice-ocr.tencentInvoiceOcr';
export const CREDENTIAL_TYPE = 'tencentCloudApi';
