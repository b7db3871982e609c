<?php
/**
 * Where the voice chat appears: the `[realtime_voice_chat]` shortcode, the block, and the site-wide floating button.
 * The element's script is enqueued only on pages that show one, as a module; its lazy parts load from the same folder.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Turns shortcode and block attributes into one `<realtime-voice-chat>` tag, every value checked against what the
 * element accepts and escaped.
 */
class Realtime_Voice_Chat_Embed {
	const HANDLE = 'realtime-voice-chat';

	/** Attributes a page may set, with the values each accepts (null: any short text). */
	const ATTRIBUTES = array(
		'layout'         => array( 'full', 'compact', 'floating' ),
		'theme'          => array( 'light', 'dark' ),
		'lang'           => array( 'en', 'ar', 'de', 'es', 'fr', 'he', 'hi', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'pt-BR', 'tr', 'zh-Hans', 'zh-Hant' ),
		'voice'          => Realtime_Voice_Chat_Options::VOICES,
		'transport'      => array( 'auto', 'webrtc', 'websocket' ),
		'turn_detection' => array( 'server_vad', 'semantic_vad', 'none' ),
		'link_target'    => array( '_blank', '_self' ),
		'model'          => null,
	);

	/** The number of elements printed on this page (each needs its own id). */
	private static $count = 0;

	public static function register() {
		add_action( 'init', array( __CLASS__, 'init' ) );
		add_action( 'wp_footer', array( __CLASS__, 'launcher' ) );
		add_filter( 'script_loader_tag', array( __CLASS__, 'module_tag' ), 10, 2 );
	}

	public static function init() {
		wp_register_script( self::HANDLE, plugins_url( 'assets/realtime-voice-chat.js', REALTIME_VOICE_CHAT_FILE ), array(), REALTIME_VOICE_CHAT_VERSION, true );
		add_shortcode( 'realtime_voice_chat', array( __CLASS__, 'shortcode' ) );
		register_block_type( REALTIME_VOICE_CHAT_DIR . '/block', array( 'render_callback' => array( __CLASS__, 'block' ) ) );
		wp_set_script_translations( 'realtime-voice-chat-voice-chat-editor-script', 'realtime-voice-chat', REALTIME_VOICE_CHAT_DIR . '/languages' );
	}

	/**
	 * `[realtime_voice_chat layout="compact" voice="marin" lang="ja" theme="dark" transport="auto" turn_detection="server_vad" link_target="_blank"]`
	 *
	 * @param array|string $atts The shortcode's attributes.
	 */
	public static function shortcode( $atts ) {
		return self::tag( shortcode_atts( array_fill_keys( array_keys( self::ATTRIBUTES ), '' ), is_array( $atts ) ? $atts : array(), 'realtime_voice_chat' ) );
	}

	/**
	 * The block, rendered on the server: its settings are the shortcode's attributes (camelCase in the editor).
	 *
	 * @param array $attributes The block's attributes.
	 */
	public static function block( $attributes ) {
		$atts = array();
		foreach ( array_keys( self::ATTRIBUTES ) as $name ) {
			$key           = lcfirst( str_replace( '_', '', ucwords( $name, '_' ) ) );
			$atts[ $name ] = isset( $attributes[ $key ] ) && is_string( $attributes[ $key ] ) ? $attributes[ $key ] : '';
		}
		return '<div ' . get_block_wrapper_attributes() . '>' . self::tag( $atts ) . '</div>';
	}

	/** The site-wide floating button, on the pages the settings name. */
	public static function launcher() {
		$where = Realtime_Voice_Chat_Options::get( 'launcher' );
		$pages = array_filter( array_map( 'absint', explode( ',', (string) Realtime_Voice_Chat_Options::get( 'launcher_pages' ) ) ) );
		$shown = 'all' === $where || ( 'front' === $where && is_front_page() ) || ( 'pages' === $where && $pages && is_singular() && in_array( get_queried_object_id(), $pages, true ) );
		if ( $shown && ! is_admin() ) {
			// Before the footer's scripts are printed (priority 20): the element's script, enqueued here, goes with them.
			echo self::tag( array( 'layout' => 'floating' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- built from escaped parts.
		}
	}

	/**
	 * The element's tag, with the site's endpoints and settings; empty for signed-out visitors when only signed-in
	 * users may talk.
	 *
	 * @param array $atts Attributes, snake_case.
	 */
	public static function tag( $atts ) {
		if ( Realtime_Voice_Chat_Options::get( 'signed_in_only' ) && ! is_user_logged_in() ) {
			return '';
		}
		wp_enqueue_script( self::HANDLE );
		$language = Realtime_Voice_Chat_Options::get( 'language' );
		$html     = array(
			'id'             => 'realtime-voice-chat-' . ( ++self::$count ),
			'call-endpoint'  => Realtime_Voice_Chat_Rest::url( 'call' ),
			'token-endpoint' => Realtime_Voice_Chat_Rest::url( 'token' ),
			'base-url'       => Realtime_Voice_Chat_Service::url(),
			'lang'           => $language ? $language : null,
		);
		foreach ( self::ATTRIBUTES as $name => $allowed ) {
			$value = isset( $atts[ $name ] ) ? trim( (string) $atts[ $name ] ) : '';
			$valid = null === $allowed ? Realtime_Voice_Chat_Options::is_model( $value ) : in_array( $value, $allowed, true );
			if ( '' !== $value && $valid ) {
				$html[ str_replace( '_', '-', $name ) ] = $value;
			}
		}
		$parts = '';
		foreach ( $html as $name => $value ) {
			if ( null !== $value ) {
				$parts .= sprintf( ' %s="%s"', $name, esc_attr( $value ) );
			}
		}
		return "<realtime-voice-chat$parts></realtime-voice-chat>";
	}

	/**
	 * The element is an ES module (its lazy parts are imported relative to it); WordPress 6.1 prints classic scripts.
	 *
	 * @param string $tag    The script tag.
	 * @param string $handle Its handle.
	 */
	public static function module_tag( $tag, $handle ) {
		if ( self::HANDLE !== $handle ) {
			return $tag;
		}
		return str_replace( '<script ', '<script type="module" ', preg_replace( '/\stype=([\'"])text\/javascript\1/', '', $tag ) );
	}
}
