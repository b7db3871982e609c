<?php
/**
 * Removes everything the plugin stored: its settings, the API key and the rate limit's counter table.
 *
 * @package RealtimeVoiceChat
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'realtime_voice_chat_settings' );
delete_option( 'realtime_voice_chat_api_key' );
delete_option( 'realtime_voice_chat_db_version' );

global $wpdb;
$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}realtime_voice_chat_counters" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
// Transients 0.1.0's rate limit left behind (`realtime_voice_chat_rl_{hash}`) and their timeouts.
$realtime_voice_chat_counters = $wpdb->esc_like( '_transient_realtime_voice_chat_rl_' ) . '%';
$realtime_voice_chat_timeouts = $wpdb->esc_like( '_transient_timeout_realtime_voice_chat_rl_' ) . '%';
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $realtime_voice_chat_counters, $realtime_voice_chat_timeouts ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API deletes transients by prefix.
