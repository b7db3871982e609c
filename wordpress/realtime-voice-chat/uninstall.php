<?php
/**
 * Removes everything the plugin stored: its settings, the API key and the rate limit's counters.
 *
 * @package RealtimeVoiceChat
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'realtime_voice_chat_settings' );
delete_option( 'realtime_voice_chat_api_key' );

global $wpdb;
// Transients of the per-visitor rate limit: `rvc_rl_{hash}` and their timeouts.
$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_rvc\\_rl\\_%' OR option_name LIKE '\\_transient\\_timeout\\_rvc\\_rl\\_%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
