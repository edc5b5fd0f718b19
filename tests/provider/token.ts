/** The type token other languages' SDKs construct the component by. */
export const TOKEN = "kms-monitoring:index:KmsMonitoring";
