/** The operator token global-setup starts the server with (KABINET_OPERATOR_TOKEN). */
export const E2E_OPERATOR_TOKEN = 'e2e-operator-token-0123456789abcdef';

/** The password of every demo person (KABINET_DEMO_PASSWORD in global-setup). */
export const E2E_DEMO_PASSWORD = 'e2e-demo-password';
