<?php
/**
 * The per-visitor hourly allowance: a counter table of the plugin's own, counted atomically by the database.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * One row per visitor and window, keyed by a salted hash (no address is stored). Each request is one
 * `INSERT … ON DUPLICATE KEY UPDATE`, and its own count comes back through LAST_INSERT_ID(), which is per connection:
 * parallel requests cannot read each other's counts, so exactly `limit` get through.
 */
class Realtime_Voice_Chat_Rate_Limit {
	/** The window, in seconds, from a visitor's first request. */
	const WINDOW = HOUR_IN_SECONDS;
	/** Rows at most: past it new visitors are refused, which also bounds spending to MAX_ROWS × limit an hour. */
	const MAX_ROWS = 50000;
	/** Expired rows deleted each time a new visitor is counted. */
	const PRUNE_BATCH = 1000;
	const DB_VERSION        = '1';
	const DB_VERSION_OPTION = 'realtime_voice_chat_db_version';

	public static function table() {
		global $wpdb;
		return $wpdb->prefix . 'realtime_voice_chat_counters';
	}

	/** Creates or updates the table (on activation, and after an update that changed it). */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table = self::table();
		dbDelta(
			"CREATE TABLE $table (
visitor char(64) NOT NULL,
hits int(10) unsigned NOT NULL DEFAULT 0,
window_end int(10) unsigned NOT NULL,
PRIMARY KEY  (visitor),
KEY window_end (window_end)
) {$wpdb->get_charset_collate()};"
		);
		update_option( self::DB_VERSION_OPTION, self::DB_VERSION );
	}

	/** An update does not run the activation hook: the table follows the plugin's version. */
	public static function maybe_install() {
		if ( get_option( self::DB_VERSION_OPTION ) !== self::DB_VERSION ) {
			self::install();
		}
	}

	/** Deletes every expired row: run with WordPress's daily clean-up of expired transients, for quiet sites. */
	public static function prune() {
		global $wpdb;
		$table = self::table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE window_end <= %d", time() ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
	}

	/**
	 * Counts a request: 0 when it may go on, the seconds to wait when the allowance is used up, null when it could
	 * not be counted (the caller refuses: the limit fails closed).
	 *
	 * @param string $visitor Who is counted.
	 * @param int    $limit   Requests a window allows.
	 */
	public static function hit( $visitor, $limit ) {
		global $wpdb;
		$table = self::table();
		$key   = hash_hmac( 'sha256', (string) $visitor, wp_salt( 'auth' ) );
		$now   = time();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table; a counter must not be cached.
		// InnoDB may pick one of two racing first inserts as a deadlock victim: that request is counted again.
		for ( $try = 0, $done = false; false === $done && $try < 3; $try++ ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE visitor = %s AND window_end <= %d", $key, $now ) );
			$done = $wpdb->query( $wpdb->prepare( "INSERT INTO $table (visitor, hits, window_end) VALUES (%s, LAST_INSERT_ID(1), %d) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)", $key, $now + self::WINDOW ) );
		}
		if ( false === $done ) {
			return null;
		}
		$hits = (int) $wpdb->get_var( 'SELECT LAST_INSERT_ID()' );
		// 1 row affected: an insert, a visitor not counted yet.
		if ( 1 === $done ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE window_end <= %d LIMIT %d", $now, self::PRUNE_BATCH ) );
			if ( (int) $wpdb->get_var( "SELECT COUNT(*) FROM $table" ) > self::MAX_ROWS ) {
				$wpdb->query( $wpdb->prepare( "DELETE FROM $table WHERE visitor = %s", $key ) );
				return max( 1, (int) $wpdb->get_var( "SELECT MIN(window_end) FROM $table" ) - $now );
			}
		}
		$wait = $hits <= $limit ? 0 : max( 1, (int) $wpdb->get_var( $wpdb->prepare( "SELECT window_end FROM $table WHERE visitor = %s", $key ) ) - $now );
		// phpcs:enable
		return $wait;
	}
}
