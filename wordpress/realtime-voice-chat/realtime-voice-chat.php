<?php
/**
 * Plugin Name:       Realtime Voice Chat
 * Description:       A voice conversation with an OpenAI Realtime model on any page: a shortcode, a block, or a floating button. Your API key stays on your server.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       realtime-voice-chat
 * Domain Path:       /languages
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

define( 'RVC_VERSION', '0.1.0' );
define( 'RVC_FILE', __FILE__ );
define( 'RVC_DIR', __DIR__ );

require_once RVC_DIR . '/includes/class-rvc-options.php';
require_once RVC_DIR . '/includes/class-rvc-redact.php';
require_once RVC_DIR . '/includes/class-rvc-guards.php';
require_once RVC_DIR . '/includes/class-rvc-upstream.php';
require_once RVC_DIR . '/includes/class-rvc-rest.php';
require_once RVC_DIR . '/includes/class-rvc-embed.php';
require_once RVC_DIR . '/includes/class-rvc-settings-page.php';
require_once RVC_DIR . '/includes/class-rvc-privacy.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'realtime-voice-chat', false, dirname( plugin_basename( RVC_FILE ) ) . '/languages' );
	}
);

// The key's option is created not autoloaded: it is read only when a key or call is requested.
register_activation_hook(
	RVC_FILE,
	static function () {
		add_option( RVC_Options::KEY, '', '', 'no' );
	}
);

RVC_Rest::register();
RVC_Embed::register();
RVC_Settings_Page::register();
RVC_Privacy::register();
