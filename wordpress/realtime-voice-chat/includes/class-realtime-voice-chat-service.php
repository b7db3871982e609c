<?php
/**
 * Where the site's API key may be sent: the OpenAI API, or a service URL the owner chose that is on the public
 * internet; checked when the settings are saved and again before every call, since DNS can change in between.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The key goes in an Authorization header, so a service URL is a place the key goes: never to this server, its
 * network or a cloud's metadata service (an administrator's form must not reach what only the server should), and a
 * key set in wp-config.php (which administrators cannot see) only ever to the OpenAI API.
 */
class Realtime_Voice_Chat_Service {
	const API = 'https://api.openai.com/v1';

	/**
	 * `define( 'REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE', true );` in wp-config.php: for development and this plugin's
	 * tests only, a service URL on this machine (loopback: http, any port) is allowed, through wp_remote_post since
	 * wp_safe_remote_post refuses loopback. A constant, because only who controls the server's files can set it: no
	 * option, filter or admin screen reaches it. It never applies to a key set in wp-config.php.
	 */
	public static function allow_local() {
		return defined( 'REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE' ) && true === REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE;
	}

	/** The base URL calls go to: the OpenAI API whenever the key is wp-config.php's, else the one saved. */
	public static function url() {
		return Realtime_Voice_Chat_Options::key_in_config() ? self::API : untrailingslashit( (string) Realtime_Voice_Chat_Options::get( 'base_url' ) );
	}

	/**
	 * Why a base URL may not receive the key (`code`: `config_key`, `invalid`, `unresolved`, `not_public`, and the
	 * `address` refused), or null when it may. `$addresses` gets what its host resolved to.
	 *
	 * @param string $url       A base URL.
	 * @param array  $addresses Set to the host's addresses.
	 */
	public static function refusal( $url, &$addresses = array() ) {
		$addresses = array();
		if ( self::is_api( $url ) ) {
			// A fixed, public name: wp_safe_remote_post checks its address as it sends.
			return null;
		}
		if ( Realtime_Voice_Chat_Options::key_in_config() ) {
			return array( 'code' => 'config_key' );
		}
		$parts = wp_parse_url( (string) $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || empty( $parts['scheme'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return array( 'code' => 'invalid' );
		}
		$addresses = Realtime_Voice_Chat_Addresses::resolve( $parts['host'] );
		if ( ! $addresses ) {
			return array( 'code' => 'unresolved' );
		}
		$loopback = array_filter( $addresses, array( 'Realtime_Voice_Chat_Addresses', 'is_loopback' ) );
		if ( self::allow_local() && count( $loopback ) === count( $addresses ) && in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return null;
		}
		// The key travels only encrypted, on the port wp_safe_remote_post allows for https.
		if ( 'https' !== strtolower( $parts['scheme'] ) || ( isset( $parts['port'] ) && 443 !== (int) $parts['port'] ) ) {
			return array( 'code' => 'invalid' );
		}
		foreach ( $addresses as $address ) {
			if ( ! Realtime_Voice_Chat_Addresses::is_public( $address ) ) {
				return array(
					'code'    => 'not_public',
					'address' => $address,
				);
			}
		}
		return null;
	}

	/**
	 * POSTs to `{url()}{$path}`: the WordPress HTTP API's answer, or a WP_Error. The URL is checked first, and the
	 * connection pinned to the addresses checked (cURL's resolve list), so a name cannot resolve elsewhere in between.
	 *
	 * @param string $path A path under the base URL.
	 * @param array  $args wp_remote_post's arguments.
	 */
	public static function post( $path, $args ) {
		$base    = self::url();
		$refusal = self::refusal( $base, $addresses );
		if ( $refusal ) {
			$why = isset( $refusal['address'] ) ? "{$refusal['code']}: {$refusal['address']}" : $refusal['code'];
			return new WP_Error( 'realtime_voice_chat_service_refused', sprintf( 'the service URL %s was refused (%s); nothing was sent', $base, $why ) );
		}
		if ( self::is_api( $base ) ) {
			return wp_safe_remote_post( self::API . $path, $args );
		}
		$parts = wp_parse_url( $base );
		$host  = trim( $parts['host'], '[]' );
		$pin   = null;
		if ( ! filter_var( $host, FILTER_VALIDATE_IP ) ) {
			if ( ! function_exists( 'curl_setopt' ) ) {
				return new WP_Error( 'realtime_voice_chat_service_refused', 'a service URL other than the OpenAI API needs PHP\'s cURL (the connection is pinned to the addresses checked)' );
			}
			$port    = isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === strtolower( $parts['scheme'] ) ? 443 : 80 );
			$targets = implode(
				',',
				array_map(
					static function ( $ip ) {
						return false !== strpos( $ip, ':' ) ? "[$ip]" : $ip;
					},
					$addresses
				)
			);
			$pin     = static function ( $handle ) use ( $host, $port, $targets ) {
				curl_setopt( $handle, CURLOPT_RESOLVE, array( "$host:$port:$targets" ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- WordPress's HTTP API offers no way to pin an address.
			};
			add_action( 'http_api_curl', $pin );
		}
		try {
			$local = self::allow_local() && Realtime_Voice_Chat_Addresses::is_loopback( $addresses[0] );
			return $local ? wp_remote_post( $base . $path, $args ) : wp_safe_remote_post( $base . $path, $args );
		} finally {
			if ( $pin ) {
				remove_action( 'http_api_curl', $pin );
			}
		}
	}

	/**
	 * The service URL the settings form sent, checked: the saved one is kept, with a settings error, when it is refused.
	 *
	 * @param string $input What the form sent ('' when it sent nothing).
	 * @param string $saved The saved URL.
	 */
	public static function sanitize( $input, $saved ) {
		$url = untrailingslashit( esc_url_raw( (string) $input, array( 'http', 'https' ) ) );
		if ( '' === $url || $url === $saved ) {
			// Unchanged: checked again before each call.
			return $saved;
		}
		$refusal = self::refusal( $url );
		if ( ! $refusal ) {
			return self::is_api( $url ) ? self::API : $url;
		}
		$messages = array(
			'config_key' => __( 'The service URL was not changed: while the API key is set in wp-config.php, calls go only to the OpenAI API.', 'realtime-voice-chat' ),
			'invalid'    => __( 'The service URL was not changed: it must be an https URL on the standard port, with no user name, password, query or fragment.', 'realtime-voice-chat' ),
			'unresolved' => __( 'The service URL was not changed: its host name could not be resolved.', 'realtime-voice-chat' ),
			/* translators: %s: an IP address. */
			'not_public' => __( 'The service URL was not changed: its host is at %s, which is not a public internet address (private, loopback and link-local addresses are refused).', 'realtime-voice-chat' ),
		);
		$message  = $messages[ $refusal['code'] ];
		add_settings_error( Realtime_Voice_Chat_Options::SETTINGS, 'service_url_refused', isset( $refusal['address'] ) ? sprintf( $message, $refusal['address'] ) : $message );
		return $saved;
	}

	/** Whether a base URL is the OpenAI API's. */
	private static function is_api( $url ) {
		return self::API === strtolower( untrailingslashit( (string) $url ) );
	}
}
