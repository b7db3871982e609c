<?php
/**
 * Calls to the Realtime API with the site's key, bounded in time, and their errors as the element reads them.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The key goes only into the Authorization header of these calls: never into an answer, a log line or an error.
 */
class Realtime_Voice_Chat_Upstream {
	/** Headers passed on with a refusal, so the browser can wait as long as the service asks. */
	const PASSED_HEADERS = '/^(retry-after|x-ratelimit-[\w-]+)$/i';

	/**
	 * POSTs to `{base_url}/realtime/{route}`; the answer (`status`, `headers`, `body`) or a refusal to send as it is.
	 *
	 * @param string $route   `client_secrets` or `calls`.
	 * @param string $body    The request body.
	 * @param string $type    Its Content-Type.
	 */
	public static function post( $route, $body, $type ) {
		$url    = untrailingslashit( Realtime_Voice_Chat_Options::get( 'base_url' ) ) . '/realtime/' . $route;
		$answer = wp_remote_post(
			$url,
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
			// cURL's "Operation timed out" (error 28) is a timeout; anything else, a service that could not be reached.
			if ( false !== stripos( $answer->get_error_message(), 'timed out' ) ) {
				return Realtime_Voice_Chat_Guards::problem( 504, 'upstream_timeout', 'the Realtime API did not answer in time' );
			}
			return Realtime_Voice_Chat_Guards::problem( 502, 'upstream_unreachable', 'the Realtime API could not be reached' );
		}
		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $answer ),
			'headers' => wp_remote_retrieve_headers( $answer ),
			'body'    => (string) wp_remote_retrieve_body( $answer ),
		);
	}

	/**
	 * An upstream error passed on with its status, code and message (keys redacted), never its internals. A refusal
	 * without a JSON body keeps its status; a success that is not what was asked for becomes 502.
	 *
	 * @param array $answer What post() returned.
	 */
	public static function pass_on( $answer ) {
		$status  = $answer['status'];
		$kept    = $status >= 400 ? $status : 502;
		$headers = array( 'Cache-Control' => 'no-store' );
		foreach ( $answer['headers'] as $name => $value ) {
			if ( preg_match( self::PASSED_HEADERS, $name ) ) {
				$headers[ $name ] = is_array( $value ) ? implode( ', ', $value ) : $value;
			}
		}
		$data = json_decode( $answer['body'], true );
		if ( ! is_array( $data ) ) {
			return Realtime_Voice_Chat_Guards::problem( $kept, 'upstream_error', sprintf( 'the Realtime API answered HTTP %d without a JSON body', $status ), $headers );
		}
		$error    = isset( $data['error'] ) && is_array( $data['error'] ) ? $data['error'] : array();
		$string   = static function ( $name, $fallback ) use ( $error ) {
			return isset( $error[ $name ] ) && is_string( $error[ $name ] ) ? $error[ $name ] : $fallback;
		};
		$response = new WP_REST_Response(
			array(
				'error' => array(
					'type'    => $string( 'type', 'api_error' ),
					'code'    => $string( 'code', 'upstream_error' ),
					'message' => Realtime_Voice_Chat_Redact::text( substr( $string( 'message', "HTTP $status" ), 0, 2000 ) ),
					'param'   => $string( 'param', null ),
				),
			),
			$kept
		);
		$response->set_headers( $headers );
		return $response;
	}

	/** What a visitor sent, as an error message may quote it: short, and keys redacted. */
	public static function quoted( $text ) {
		return Realtime_Voice_Chat_Redact::text( strlen( $text ) > 64 ? substr( $text, 0, 64 ) . '…' : $text );
	}
}
