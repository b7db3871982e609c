<?php
/**
 * The plugin's settings and its API key: defaults, reading, and cleaning what the settings form sends.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Settings live in one option; the API key in another, never autoloaded and never printed back into a page.
 */
class Realtime_Voice_Chat_Options {
	const SETTINGS = 'realtime_voice_chat_settings';
	const KEY      = 'realtime_voice_chat_api_key';

	/** Voices the Realtime models speak with. */
	const VOICES = array( 'marin', 'cedar', 'alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse' );
	/** UI languages the element ships (the tag a page sets), each named in its own language; empty follows the page. */
	const LANGUAGES = array( '', 'en', 'ar', 'de', 'es', 'fr', 'he', 'hi', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'pt-BR', 'tr', 'zh-Hans', 'zh-Hant' );
	const LANGUAGE_NAMES = array(
		'en'      => 'English',
		'ar'      => 'العربية',
		'de'      => 'Deutsch',
		'es'      => 'Español',
		'fr'      => 'Français',
		'he'      => 'עברית',
		'hi'      => 'हिन्दी',
		'it'      => 'Italiano',
		'ja'      => '日本語',
		'ko'      => '한국어',
		'nl'      => 'Nederlands',
		'pl'      => 'Polski',
		'pt'      => 'Português',
		'pt-BR'   => 'Português (Brasil)',
		'tr'      => 'Türkçe',
		'zh-Hans' => '简体中文',
		'zh-Hant' => '繁體中文',
	);
	/** Where the floating button shows. */
	const LAUNCHER = array( 'none', 'all', 'front', 'pages' );

	/** What a fresh install starts with. */
	public static function defaults() {
		return array(
			'model'           => 'gpt-realtime',
			'voice'           => 'marin',
			'instructions'    => '',
			'language'        => '',
			'launcher'        => 'none',
			'launcher_pages'  => '',
			'allowed_origins' => '',
			'allow_models'    => '',
			'rate_limit'      => 20,
			'signed_in_only'  => false,
			'base_url'        => Realtime_Voice_Chat_Service::API,
			'timeout'         => 10,
		);
	}

	/** The settings in effect. */
	public static function all() {
		$saved = get_option( self::SETTINGS, array() );
		return array_merge( self::defaults(), is_array( $saved ) ? $saved : array() );
	}

	/** One setting. */
	public static function get( $name ) {
		$all = self::all();
		return $all[ $name ];
	}

	/** The API key: `REALTIME_VOICE_CHAT_API_KEY` in wp-config.php wins over the one saved in the settings. */
	public static function api_key() {
		if ( defined( 'REALTIME_VOICE_CHAT_API_KEY' ) && REALTIME_VOICE_CHAT_API_KEY ) {
			return (string) REALTIME_VOICE_CHAT_API_KEY;
		}
		return (string) get_option( self::KEY, '' );
	}

	/** Whether the key comes from wp-config.php (the settings form cannot change it then). */
	public static function key_in_config() {
		return defined( 'REALTIME_VOICE_CHAT_API_KEY' ) && REALTIME_VOICE_CHAT_API_KEY;
	}

	/** Origins allowed to start sessions: the site's own, then the ones the owner listed. */
	public static function allowed_origins() {
		$origins = array( self::origin_of( home_url() ) );
		foreach ( preg_split( '/\s+/', (string) self::get( 'allowed_origins' ), -1, PREG_SPLIT_NO_EMPTY ) as $line ) {
			$origin = self::origin_of( $line );
			if ( $origin ) {
				$origins[] = $origin;
			}
		}
		return array_values( array_unique( array_filter( $origins ) ) );
	}

	/** Models a page may ask for: the one in the settings and the listed ones. */
	public static function allowed_models() {
		$listed = preg_split( '/[\s,]+/', (string) self::get( 'allow_models' ), -1, PREG_SPLIT_NO_EMPTY );
		return array_values( array_unique( array_merge( array( self::get( 'model' ) ), $listed ) ) );
	}

	/** `scheme://host[:port]` of a URL, as browsers send it in `Origin`; empty when it is not an http(s) URL. */
	public static function origin_of( $url ) {
		$parts = wp_parse_url( trim( (string) $url ) );
		if ( empty( $parts['scheme'] ) || empty( $parts['host'] ) || ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return '';
		}
		$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
		return strtolower( $parts['scheme'] . '://' . $parts['host'] ) . $port;
	}

	/**
	 * Cleans the settings form's values; anything unknown falls back to what was saved.
	 *
	 * @param mixed $input What the form sent.
	 */
	public static function sanitize( $input ) {
		$saved = self::all();
		$input = is_array( $input ) ? $input : array();
		$out   = $saved;
		$text  = static function ( $name ) use ( $input ) {
			return isset( $input[ $name ] ) ? sanitize_text_field( wp_unslash( $input[ $name ] ) ) : '';
		};
		$model        = $text( 'model' );
		$out['model'] = preg_match( '/^[a-z0-9][a-z0-9.\-]{0,63}$/i', $model ) ? $model : $saved['model'];
		$voice        = $text( 'voice' );
		$out['voice'] = in_array( $voice, self::VOICES, true ) ? $voice : $saved['voice'];
		// Instructions keep their line breaks.
		$out['instructions']    = isset( $input['instructions'] ) ? sanitize_textarea_field( wp_unslash( $input['instructions'] ) ) : '';
		$language               = $text( 'language' );
		$out['language']        = in_array( $language, self::LANGUAGES, true ) ? $language : $saved['language'];
		$launcher               = $text( 'launcher' );
		$out['launcher']        = in_array( $launcher, self::LAUNCHER, true ) ? $launcher : $saved['launcher'];
		$out['launcher_pages']  = implode( ',', array_filter( array_map( 'absint', explode( ',', $text( 'launcher_pages' ) ) ) ) );
		$out['allowed_origins'] = implode( "\n", array_filter( array_map( array( __CLASS__, 'origin_of' ), preg_split( '/\s+/', isset( $input['allowed_origins'] ) ? wp_unslash( $input['allowed_origins'] ) : '', -1, PREG_SPLIT_NO_EMPTY ) ) ) );
		$out['allow_models']    = implode( ', ', array_filter( preg_split( '/[\s,]+/', $text( 'allow_models' ), -1, PREG_SPLIT_NO_EMPTY ), array( __CLASS__, 'is_model' ) ) );
		$out['rate_limit']      = max( 0, min( 10000, absint( $text( 'rate_limit' ) ) ) );
		$out['signed_in_only']  = ! empty( $input['signed_in_only'] );
		$out['base_url']        = Realtime_Voice_Chat_Service::sanitize( $text( 'base_url' ), $saved['base_url'] );
		$out['timeout']         = max( 1, min( 60, absint( $text( 'timeout' ) ) ) );
		return $out;
	}

	/** Whether a string is shaped like a model name. */
	public static function is_model( $name ) {
		return (bool) preg_match( '/^[a-z0-9][a-z0-9.\-]{0,63}$/i', $name );
	}

	/**
	 * Keeps the saved key when the form's key field is left empty; refuses a value that is not an OpenAI key.
	 *
	 * @param mixed $input What the form sent.
	 */
	public static function sanitize_key( $input ) {
		$saved = (string) get_option( self::KEY, '' );
		$key   = trim( is_string( $input ) ? wp_unslash( $input ) : '' );
		if ( '' === $key ) {
			return $saved;
		}
		if ( ! preg_match( '/^sk-[A-Za-z0-9_\-]{16,}$/', $key ) ) {
			add_settings_error( self::KEY, 'invalid_key', __( 'That is not an OpenAI API key (it starts with sk-). The saved key was kept.', 'realtime-voice-chat' ) );
			return $saved;
		}
		return $key;
	}
}
