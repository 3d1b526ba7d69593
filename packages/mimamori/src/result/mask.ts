// What a redacted value becomes, everywhere (results, logs, Slack): one spelling, so redacting twice changes nothing.
export const MASK = '***';
