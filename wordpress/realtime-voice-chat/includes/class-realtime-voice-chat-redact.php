<?php
/**
 * Masks OpenAI keys in text that leaves the server (upstream error messages).
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The same rule as the element's server helpers: `sk-`, `sk-proj-` and `ek_` followed by at least 20 key characters
 * with a digit or a capital letter among them (keys are random; prose like `disk-space-management` has neither), also
 * glued to a word before them, JSON-escaped (`\u005f`) or URL-encoded (`%5F`).
 */
class Realtime_Voice_Chat_Redact {
	/** The pattern, built once. */
	private static $pattern;

	/** An escaped character: `\u00HH` (any number of backslashes) or `%HH`. */
	private static function esc( $hex ) {
		return '(?:\\\\+u00' . $hex . '|%' . $hex . ')';
	}

	/** One character of a prefix, plain or escaped. */
	private static function char( $c ) {
		return '(?:' . preg_quote( $c, '/' ) . '|' . self::esc( dechex( ord( $c ) ) ) . ')';
	}

	/** The pattern: a prefix, then at least 20 key characters. */
	private static function pattern() {
		if ( ! self::$pattern ) {
			$body          = '(?:[a-z0-9_-]|' . self::esc( '(?:2d|5f|3\d|[46][1-9a-f]|[57][0-9a])' ) . ')';
			$prefix        = '(' . self::char( 's' ) . self::char( 'k' ) . self::char( '-' ) . '|' . self::char( 'e' ) . self::char( 'k' ) . self::char( '_' ) . ')';
			self::$pattern = '/' . $prefix . $body . '{20,}/i';
		}
		return self::$pattern;
	}

	/** Whether a matched key body holds a digit or a capital letter once unescaped. */
	private static function random( $body ) {
		$plain = preg_replace_callback(
			'/(?:\\\\+u00|%)([0-9a-f]{2})/i',
			static function ( $m ) {
				return chr( hexdec( $m[1] ) );
			},
			$body
		);
		return 1 === preg_match( '/[0-9A-Z]/', $plain );
	}

	/** The text with every key replaced by its kind and a marker (texts this plugin passes on are short). */
	public static function text( $text ) {
		return (string) preg_replace_callback(
			self::pattern(),
			static function ( $m ) {
				$prefix = $m[1];
				if ( ! self::random( substr( $m[0], strlen( $prefix ) ) ) ) {
					return $m[0];
				}
				$first = preg_match( '/^(?:\\\\+u00|%)([0-9a-f]{2})/i', $prefix, $hex ) ? chr( hexdec( $hex[1] ) ) : $prefix[0];
				return 'e' === strtolower( $first ) ? 'ek_[redacted]' : 'sk-[redacted]';
			},
			(string) $text
		);
	}
}
