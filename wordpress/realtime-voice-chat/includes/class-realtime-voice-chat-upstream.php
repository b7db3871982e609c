<?php
/**
 * Calls to the Realtime API with the site's key, bounded in time, and their errors as the element reads them.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The key goes only into the Authorization header of these calls: never into an answer, a log line or an error. A
 * visitor is told a stable code and a generic message; what the service said goes to the error log (redacted).
 */
class Realtime_Voice_Chat_Upstream {
	/** Headers passed on with a refusal, so the browser can wait as long as the service asks. */
	const PASSED_HEADERS = '/^(retry-after|x-ratelimit-[\w-]+)$/i';
	/** The service's error codes a visitor may see (hosts switch on them); any other becomes `upstream_error`. */
	const PASSED_CODES = array( 'rate_limit_exceeded', 'insufficient_quota', 'invalid_api_key', 'model_not_found' );

	/**
	 * POSTs to `{service URL}/realtime/{route}`; the answer (`status`, `headers`, `body`) or a refusal to send as it is.
	 *
	 * @param string $route   `client_secrets` or `calls`.
	 * @param string $body    The request body.
	 * @param string $type    Its Content-Type.
	 */
	public static function post( $route, $body, $type ) {
		$answer = Realtime_Voice_Chat_Service::post(
			'/realtime/' . $route,
			array(
				'headers'     => array(
					'Authorization' => 'Bearer ' . Realtime_Voice_Chat_Options::api_key(),
					'Content-Type'  => $type,
				),
				'body'        => $body,
				'timeout'     => (int) Realtime_Voice_Chat_Options::get( 'timeout' ),
				'redirection' => 0,
			)
		);
		if ( is_wp_error( $answer ) ) {
			Realtime_Voice_Chat_Log::error( sprintf( 'POST /realtime/%s: %s', $route, $answer->get_error_message() ) );
			// cURL's "Operation timed out" (error 28) is a timeout; anything else, a service that could not be reached.
			if ( false !== stripos( $answer->get_error_message(), 'timed out' ) ) {
				return Realtime_Voice_Chat_Guards::problem( 504, 'upstream_timeout', 'the Realtime API did not answer in time' );
			}
			return Realtime_Voice_Chat_Guards::problem( 502, 'upstream_unreachable', 'the Realtime API could not be reached' );
		}
		return array(
			'route'   => $route,
			'status'  => (int) wp_remote_retrieve_response_code( $answer ),
			'headers' => wp_remote_retrieve_headers( $answer ),
			'body'    => (string) wp_remote_retrieve_body( $answer ),
		);
	}

	/**
	 * An upstream error passed on as its status, a known code and a generic message; what the service said is logged.
	 * A success that is not what was asked for becomes 502.
	 *
	 * @param array $answer What post() returned.
	 */
	public static function pass_on( $answer ) {
		$status  = $answer['status'];
		$kept    = $status >= 400 ? $status : 502;
		$headers = array();
		foreach ( $answer['headers'] as $name => $value ) {
			$value = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
			// Numbers, durations and dates only: a header is the service's text too.
			if ( preg_match( self::PASSED_HEADERS, $name ) && preg_match( '/^[\w.:, +-]{1,64}$/', $value ) ) {
				$headers[ $name ] = $value;
			}
		}
		$data  = json_decode( $answer['body'], true );
		$error = is_array( $data ) && isset( $data['error'] ) && is_array( $data['error'] ) ? $data['error'] : array();
		$code  = isset( $error['code'] ) && in_array( $error['code'], self::PASSED_CODES, true ) ? $error['code'] : 'upstream_error';
		$said  = is_array( $data ) ? wp_json_encode( $error ? $error : $data ) : sprintf( 'no JSON body (%d bytes)', strlen( $answer['body'] ) );
		Realtime_Voice_Chat_Log::error( sprintf( 'POST /realtime/%s answered HTTP %d: %s', $answer['route'], $status, substr( (string) $said, 0, 800 ) ) );
		return Realtime_Voice_Chat_Guards::problem( $kept, $code, self::generic( $kept, $status ), $headers );
	}

	/** What a visitor is told of a refusal: its kind, never the service's words. */
	private static function generic( $kept, $status ) {
		if ( 429 === $kept ) {
			return 'the Realtime API is busy; try again later';
		}
		if ( $status < 400 ) {
			return 'the Realtime API answered with something unusable';
		}
		return $kept >= 500 ? 'the Realtime API failed; try again later' : 'the Realtime API refused the request';
	}

	/** What a visitor sent, as an error message may quote it: short, and keys redacted. */
	public static function quoted( $text ) {
		return Realtime_Voice_Chat_Redact::text( strlen( $text ) > 64 ? substr( $text, 0, 64 ) . '…' : $text );
	}
}
