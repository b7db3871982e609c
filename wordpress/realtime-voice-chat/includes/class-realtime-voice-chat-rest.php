<?php
/**
 * The REST routes the element talks to: `realtime-voice-chat/v1/token` (a short-lived key) and `/call` (the offer
 * relayed, so no key reaches the browser at all). PHP twins of the package's createTokenHandler / createCallHandler.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * PHP has read the body before any plugin runs, so its size is bounded by `post_max_size` first, then by these routes.
 */
class Realtime_Voice_Chat_Rest {
	const NAMESPACE_V1 = 'realtime-voice-chat/v1';
	/** A key request names a model at most. */
	const MAX_TOKEN_BODY = 16384;
	/** An audio + data channel offer is 3–6 KB. */
	const MAX_OFFER = 65536;
	/** Lifetime of each key, in seconds. */
	const KEY_TTL = 600;

	public static function register() {
		add_action( 'rest_api_init', array( __CLASS__, 'routes' ) );
		add_filter( 'rest_pre_serve_request', array( __CLASS__, 'serve_sdp' ), 10, 4 );
		add_filter( 'rest_post_dispatch', array( __CLASS__, 'allow_post' ), 11, 3 );
	}

	/**
	 * `Allow: POST`: WordPress lists every method the route was registered with (all, so that the callback can answer 405).
	 *
	 * @param WP_HTTP_Response $response The answer.
	 * @param WP_REST_Server   $server   The server.
	 * @param WP_REST_Request  $request  The request.
	 */
	public static function allow_post( $response, $server, $request ) {
		if ( 0 === strpos( $request->get_route(), '/' . self::NAMESPACE_V1 . '/' ) && $response instanceof WP_HTTP_Response ) {
			$response->header( 'Allow', 'POST' );
		}
		return $response;
	}

	public static function routes() {
		// Every method reaches the callback, which answers 405 to all but POST, as the package's handlers do.
		foreach ( array( 'token', 'call' ) as $route ) {
			register_rest_route(
				self::NAMESPACE_V1,
				'/' . $route,
				array(
					'methods'             => WP_REST_Server::ALLMETHODS,
					'callback'            => array( __CLASS__, $route ),
					// The route's own guards decide (origin, sign-in option, rate limit): it is meant for visitors.
					'permission_callback' => '__return_true',
				)
			);
		}
	}

	/** The URL of a route, with a REST nonce for signed-in visitors (WordPress treats a cookie without one as signed out). */
	public static function url( $route ) {
		$url = rest_url( self::NAMESPACE_V1 . '/' . $route );
		return is_user_logged_in() ? add_query_arg( '_wpnonce', wp_create_nonce( 'wp_rest' ), $url ) : $url;
	}

	/**
	 * `POST` → `{value, expires_at, session}`: a key for one visitor, minted with the site's key and settings.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function token( WP_REST_Request $request ) {
		$refused = Realtime_Voice_Chat_Guards::refusal( $request ) ?? self::not_configured() ?? self::too_large( $request, self::MAX_TOKEN_BODY, 'body_too_large', 'a key request is at most %d bytes' );
		if ( $refused ) {
			return $refused;
		}
		$model = null;
		$type  = $request->get_content_type();
		if ( $type && 'application/json' === $type['value'] ) {
			$body  = json_decode( $request->get_body(), true );
			$model = is_array( $body ) && isset( $body['model'] ) && is_string( $body['model'] ) ? $body['model'] : null;
		}
		$refused = self::model_refusal( $model );
		if ( $refused ) {
			return $refused;
		}
		$body   = array(
			'expires_after' => array(
				'anchor'  => 'created_at',
				'seconds' => self::KEY_TTL,
			),
			'session'       => self::session( $model ),
		);
		$answer = Realtime_Voice_Chat_Upstream::post( 'client_secrets', wp_json_encode( $body ), 'application/json' );
		if ( $answer instanceof WP_REST_Response ) {
			return $answer;
		}
		$data = json_decode( $answer['body'], true );
		if ( $answer['status'] >= 300 || ! is_array( $data ) || ! isset( $data['value'] ) || ! is_string( $data['value'] ) ) {
			return Realtime_Voice_Chat_Upstream::pass_on( $answer );
		}
		$response = new WP_REST_Response(
			array(
				'value'      => $data['value'],
				'expires_at' => isset( $data['expires_at'] ) ? $data['expires_at'] : null,
				'session'    => isset( $data['session'] ) ? $data['session'] : null,
			),
			200
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * `POST` an offer SDP (`Content-Type: application/sdp`, `?model=` optional) → 201 with the answer SDP and a
	 * `Location` naming the call.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function call( WP_REST_Request $request ) {
		$refused = Realtime_Voice_Chat_Guards::refusal( $request ) ?? self::not_configured();
		if ( $refused ) {
			return $refused;
		}
		if ( 0 !== strpos( (string) $request->get_header( 'content-type' ), 'application/sdp' ) ) {
			return Realtime_Voice_Chat_Guards::problem( 415, 'invalid_content_type', 'send the offer SDP with Content-Type: application/sdp' );
		}
		$refused = self::too_large( $request, self::MAX_OFFER, 'offer_too_large', 'an offer is at most %d bytes' );
		if ( $refused ) {
			return $refused;
		}
		$offer = $request->get_body();
		if ( ! self::is_sdp( $offer ) ) {
			return Realtime_Voice_Chat_Guards::problem( 400, 'invalid_offer', 'the body is not an SDP offer' );
		}
		$model   = $request->get_param( 'model' );
		$model   = is_string( $model ) ? $model : null;
		$refused = self::model_refusal( $model );
		if ( $refused ) {
			return $refused;
		}
		$boundary = 'rvc' . wp_generate_password( 24, false );
		$body     = self::form_part( $boundary, 'sdp', $offer ) . self::form_part( $boundary, 'session', wp_json_encode( self::session( $model ) ) ) . "--$boundary--\r\n";
		$answer   = Realtime_Voice_Chat_Upstream::post( 'calls', $body, "multipart/form-data; boundary=$boundary" );
		if ( $answer instanceof WP_REST_Response ) {
			return $answer;
		}
		if ( $answer['status'] >= 300 ) {
			return Realtime_Voice_Chat_Upstream::pass_on( $answer );
		}
		if ( ! self::is_sdp( $answer['body'] ) ) {
			Realtime_Voice_Chat_Log::error( sprintf( 'POST /realtime/calls answered HTTP %d without an SDP answer (%d bytes)', $answer['status'], strlen( $answer['body'] ) ) );
			return Realtime_Voice_Chat_Guards::problem( 502, 'upstream_invalid', 'the Realtime API answered without an SDP answer' );
		}
		$response = new WP_REST_Response( $answer['body'], 201 );
		$response->header( 'Content-Type', 'application/sdp' );
		$response->header( 'Cache-Control', 'no-store' );
		$location = isset( $answer['headers']['location'] ) ? $answer['headers']['location'] : '';
		if ( is_string( $location ) && '' !== $location ) {
			$response->header( 'Location', $location );
			$response->header( 'Access-Control-Expose-Headers', 'Location' );
		}
		return $response;
	}

	/**
	 * Sends an SDP answer as it is: WordPress would JSON-encode it.
	 *
	 * @param bool             $served  Whether the request was served already.
	 * @param WP_HTTP_Response $result  The answer.
	 * @param WP_REST_Request  $request The request.
	 */
	public static function serve_sdp( $served, $result, $request ) {
		if ( $served || '/' . self::NAMESPACE_V1 . '/call' !== $request->get_route() || 201 !== $result->get_status() ) {
			return $served;
		}
		echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput -- an SDP answer, sent as application/sdp.
		return true;
	}

	/** The session sent upstream: the owner's settings, GA-shaped, with the page's (allowed) model. */
	private static function session( $model ) {
		$session = array(
			'type'  => 'realtime',
			'model' => $model ? $model : Realtime_Voice_Chat_Options::get( 'model' ),
			'audio' => array( 'output' => array( 'voice' => Realtime_Voice_Chat_Options::get( 'voice' ) ) ),
		);
		$instructions = Realtime_Voice_Chat_Options::get( 'instructions' );
		if ( '' !== $instructions ) {
			$session['instructions'] = $instructions;
		}
		return $session;
	}

	/** A page may pick a model only from the owner's list. */
	private static function model_refusal( $model ) {
		if ( null === $model || in_array( $model, Realtime_Voice_Chat_Options::allowed_models(), true ) ) {
			return null;
		}
		return Realtime_Voice_Chat_Guards::problem( 400, 'model_not_allowed', sprintf( 'this endpoint does not offer the model "%s"', Realtime_Voice_Chat_Upstream::quoted( $model ) ) );
	}

	/** 413 when the announced or actual body is over the limit (bytes, not characters). */
	private static function too_large( WP_REST_Request $request, $limit, $code, $message ) {
		$announced = (int) $request->get_header( 'content-length' );
		if ( $announced > $limit || strlen( $request->get_body() ) > $limit ) {
			return Realtime_Voice_Chat_Guards::problem( 413, $code, sprintf( $message, $limit ) );
		}
		return null;
	}

	private static function not_configured() {
		return '' === Realtime_Voice_Chat_Options::api_key() ? Realtime_Voice_Chat_Guards::problem( 503, 'not_configured', 'this site has not set up voice chat yet' ) : null;
	}

	private static function is_sdp( $text ) {
		return (bool) preg_match( '/^v=0\r?\n/', (string) $text );
	}

	private static function form_part( $boundary, $name, $value ) {
		return "--$boundary\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n$value\r\n";
	}
}
