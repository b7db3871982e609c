<?php
/**
 * Plugin Name:       Realtime Voice Chat
 * Description:       A voice conversation with an OpenAI Realtime model on any page: a shortcode, a block, or a floating button. Your API key stays on your server.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       realtime-voice-chat
 * Domain Path:       /languages
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

define( 'REALTIME_VOICE_CHAT_VERSION', '0.1.0' );
define( 'REALTIME_VOICE_CHAT_FILE', __FILE__ );
define( 'REALTIME_VOICE_CHAT_DIR', __DIR__ );

require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-options.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-redact.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-log.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-addresses.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-service.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-rate-limit.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-guards.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-upstream.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-rest.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-embed.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-settings-page.php';
require_once REALTIME_VOICE_CHAT_DIR . '/includes/class-realtime-voice-chat-privacy.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'realtime-voice-chat', false, dirname( plugin_basename( REALTIME_VOICE_CHAT_FILE ) ) . '/languages' );
	}
);

// The key's option is created not autoloaded: it is read only when a key or call is requested.
register_activation_hook(
	REALTIME_VOICE_CHAT_FILE,
	static function () {
		add_option( Realtime_Voice_Chat_Options::KEY, '', '', 'no' );
		Realtime_Voice_Chat_Rate_Limit::install();
	}
);
add_action( 'plugins_loaded', array( 'Realtime_Voice_Chat_Rate_Limit', 'maybe_install' ) );
// Expired counters go with WordPress's daily clean-up of expired transients (scheduled by core).
add_action( 'delete_expired_transients', array( 'Realtime_Voice_Chat_Rate_Limit', 'prune' ) );

Realtime_Voice_Chat_Rest::register();
Realtime_Voice_Chat_Embed::register();
Realtime_Voice_Chat_Settings_Page::register();
Realtime_Voice_Chat_Privacy::register();
