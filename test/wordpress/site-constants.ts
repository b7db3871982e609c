// What the WordPress suite's site is set up with, shared by its cases.

export const SUBSCRIBER_PASSWORD = 'subscriber-Password-2026';
export const INSTRUCTIONS = 'Answer like a lighthouse keeper.';
/** The key a site owner puts in wp-config.php, which administrators cannot see. */
export const CONFIG_KEY = 'sk-test-CONFIGFILE0123456789abcdef';
export const COUNTERS = 'wp_realtime_voice_chat_counters';
