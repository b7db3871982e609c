<?php
/**
 * What went wrong with the service, for the site's administrators: PHP's error log, never a visitor's answer.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * One line per failure: keys redacted (the site's own by value, any other by pattern), control characters flattened
 * (a service's text cannot forge log lines), and bounded.
 */
class Realtime_Voice_Chat_Log {
	/**
	 * Writes a line to PHP's error log (wp-content/debug.log with WP_DEBUG_LOG).
	 *
	 * @param string $message What happened.
	 */
	public static function error( $message ) {
		$text = (string) $message;
		$key  = Realtime_Voice_Chat_Options::api_key();
		if ( strlen( $key ) > 3 ) {
			$text = str_replace( array( $key, substr( $key, 3 ) ), 'sk-[redacted]', $text );
		}
		$text = preg_replace( '/[\x00-\x1f\x7f]+/', ' ', Realtime_Voice_Chat_Redact::text( $text ) );
		error_log( 'Realtime Voice Chat: ' . substr( $text, 0, 1000 ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the administrators' record of what visitors are not told.
	}
}
