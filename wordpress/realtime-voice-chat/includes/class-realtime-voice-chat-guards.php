<?php
/**
 * The checks in front of anything that spends the site's API key: method, origin, sign-in, rate limit.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Each check fails closed, and all of them read headers only: the body is looked at after they passed.
 */
class Realtime_Voice_Chat_Guards {
	/**
	 * An error in the OpenAI API's own envelope, so the element reads it as it reads one from the API.
	 *
	 * @param int    $status  HTTP status.
	 * @param string $code    Stable code.
	 * @param string $message Readable message.
	 * @param array  $headers Extra headers.
	 */
	public static function problem( $status, $code, $message, $headers = array() ) {
		$response = new WP_REST_Response(
			array(
				'error' => array(
					'type'    => 'invalid_request_error',
					'code'    => $code,
					'message' => $message,
					'param'   => null,
				),
			),
			$status
		);
		$response->set_headers( array_merge( array( 'Cache-Control' => 'no-store' ), $headers ) );
		return $response;
	}

	/**
	 * The first refusal, or null when every check passes.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function refusal( WP_REST_Request $request ) {
		if ( 'POST' !== $request->get_method() ) {
			$response = new WP_REST_Response( null, 405 );
			$response->header( 'Allow', 'POST' );
			return $response;
		}
		$origin = (string) $request->get_header( 'origin' );
		if ( '' === $origin || ! in_array( strtolower( $origin ), Realtime_Voice_Chat_Options::allowed_origins(), true ) ) {
			return self::problem( 403, 'origin_not_allowed', 'this page may not start voice sessions' );
		}
		if ( Realtime_Voice_Chat_Options::get( 'signed_in_only' ) && ! is_user_logged_in() ) {
			return self::problem( 401, 'unauthorized', 'sign in to start a voice session' );
		}
		/**
		 * Filters whether a request may start a voice session. Only `true` lets it through; a WP_REST_Response is sent
		 * as it is; anything else refuses it with 401.
		 *
		 * @param bool            $allowed Whether it may.
		 * @param WP_REST_Request $request The request.
		 */
		$allowed = apply_filters( 'realtime_voice_chat_authorize', true, $request );
		if ( $allowed instanceof WP_REST_Response ) {
			return $allowed;
		}
		if ( true !== $allowed ) {
			return self::problem( 401, 'unauthorized', 'sign in to start a voice session' );
		}
		$wait = self::rate_limited( $request );
		if ( null === $wait ) {
			Realtime_Voice_Chat_Log::error( 'the rate limit could not count a request (database error); it was refused' );
			return self::problem( 503, 'rate_limit_unavailable', 'voice sessions are unavailable right now; try again later' );
		}
		if ( $wait ) {
			return self::problem( 429, 'rate_limited', 'too many voice sessions; try again later', array( 'Retry-After' => (string) $wait ) );
		}
		return null;
	}

	/**
	 * Counts this request against the visitor's hourly allowance; the seconds to wait when it is used up, 0 when it
	 * may go on, null when it could not be counted.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	private static function rate_limited( WP_REST_Request $request ) {
		$limit = (int) Realtime_Voice_Chat_Options::get( 'rate_limit' );
		if ( $limit <= 0 ) {
			return 0;
		}
		$address = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		/**
		 * Filters who a visitor is, for the rate limit (default: the connecting address; behind a proxy, use the address
		 * it reports — only if you trust it). An IPv6 address returned is counted by its /64.
		 *
		 * @param string          $visitor The visitor's id.
		 * @param WP_REST_Request $request The request.
		 */
		$visitor = (string) apply_filters( 'realtime_voice_chat_visitor', $address, $request );
		return Realtime_Voice_Chat_Rate_Limit::hit( Realtime_Voice_Chat_Addresses::network_of( $visitor ), $limit );
	}
}
