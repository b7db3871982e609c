<?php
/**
 * Settings → Voice chat: the API key, the assistant, where it shows, and who may talk. Only `manage_options`; the
 * form goes through WordPress's options.php, which checks the nonce and the capability.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The API key is a password field that is always empty: the page says whether a key is saved, never what it is.
 */
class Realtime_Voice_Chat_Settings_Page {
	const SLUG  = 'realtime-voice-chat';
	const GROUP = 'realtime_voice_chat';

	public static function register() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_init', array( __CLASS__, 'settings' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( REALTIME_VOICE_CHAT_FILE ), array( __CLASS__, 'action_link' ) );
	}

	public static function menu() {
		add_options_page( __( 'Voice chat', 'realtime-voice-chat' ), __( 'Voice chat', 'realtime-voice-chat' ), 'manage_options', self::SLUG, array( __CLASS__, 'render' ) );
	}

	/** A Settings link on the Plugins screen. */
	public static function action_link( $links ) {
		array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( admin_url( 'options-general.php?page=' . self::SLUG ) ), esc_html__( 'Settings', 'realtime-voice-chat' ) ) );
		return $links;
	}

	public static function settings() {
		register_setting( self::GROUP, Realtime_Voice_Chat_Options::KEY, array( 'sanitize_callback' => array( 'Realtime_Voice_Chat_Options', 'sanitize_key' ) ) );
		register_setting( self::GROUP, Realtime_Voice_Chat_Options::SETTINGS, array( 'sanitize_callback' => array( 'Realtime_Voice_Chat_Options', 'sanitize' ) ) );
	}

	/** The form. */
	public static function render() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$s    = Realtime_Voice_Chat_Options::all();
		$name = static function ( $field ) {
			return Realtime_Voice_Chat_Options::SETTINGS . '[' . $field . ']';
		};
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Voice chat', 'realtime-voice-chat' ); ?></h1>
			<p><?php esc_html_e( 'Visitors talk with an OpenAI Realtime model. Put [realtime_voice_chat] or the Voice chat block on a page, or show the floating button below. Your API key stays on this server: visitors get a key that lasts ten minutes, or none at all.', 'realtime-voice-chat' ); ?></p>
			<?php settings_errors( Realtime_Voice_Chat_Options::KEY ); ?>
			<form method="post" action="options.php">
				<?php settings_fields( self::GROUP ); ?>
				<h2><?php esc_html_e( 'OpenAI', 'realtime-voice-chat' ); ?></h2>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="rvc-key"><?php esc_html_e( 'API key', 'realtime-voice-chat' ); ?></label></th>
						<td>
							<?php if ( Realtime_Voice_Chat_Options::key_in_config() ) : ?>
								<p><?php esc_html_e( 'Set in wp-config.php (REALTIME_VOICE_CHAT_API_KEY).', 'realtime-voice-chat' ); ?></p>
							<?php else : ?>
								<input type="password" id="rvc-key" name="<?php echo esc_attr( Realtime_Voice_Chat_Options::KEY ); ?>" value="" class="regular-text" autocomplete="new-password" spellcheck="false" placeholder="<?php echo Realtime_Voice_Chat_Options::api_key() ? esc_attr__( '•••••••• (saved)', 'realtime-voice-chat' ) : 'sk-…'; ?>">
								<p class="description" id="rvc-key-state"><?php echo Realtime_Voice_Chat_Options::api_key() ? esc_html__( 'A key is saved. It is never shown again; enter a new one to replace it, or leave this empty to keep it.', 'realtime-voice-chat' ) : esc_html__( 'No key is saved yet.', 'realtime-voice-chat' ); ?></p>
							<?php endif; ?>
						</td>
					</tr>
					<?php
					self::text_row( 'rvc-model', $name( 'model' ), __( 'Model', 'realtime-voice-chat' ), $s['model'] );
					self::select_row( 'rvc-voice', $name( 'voice' ), __( 'Voice', 'realtime-voice-chat' ), $s['voice'], array_combine( Realtime_Voice_Chat_Options::VOICES, Realtime_Voice_Chat_Options::VOICES ) );
					?>
					<tr>
						<th scope="row"><label for="rvc-instructions"><?php esc_html_e( 'Instructions', 'realtime-voice-chat' ); ?></label></th>
						<td>
							<textarea id="rvc-instructions" name="<?php echo esc_attr( $name( 'instructions' ) ); ?>" rows="5" class="large-text"><?php echo esc_textarea( $s['instructions'] ); ?></textarea>
							<p class="description"><?php esc_html_e( 'What the assistant is told before each conversation. Visitors can change the instructions of their own session from their browser: do not rely on them to keep anything secret or to restrict what the assistant does.', 'realtime-voice-chat' ); ?></p>
						</td>
					</tr>
					<?php
					self::select_row(
						'rvc-language',
						$name( 'language' ),
						__( 'Language', 'realtime-voice-chat' ),
						$s['language'],
						array( '' => __( 'The page’s language', 'realtime-voice-chat' ) ) + Realtime_Voice_Chat_Options::LANGUAGE_NAMES
					);
					self::text_row( 'rvc-allow-models', $name( 'allow_models' ), __( 'Other models a page may ask for', 'realtime-voice-chat' ), $s['allow_models'], __( 'Comma-separated; the block’s and shortcode’s model must be one of these or the one above.', 'realtime-voice-chat' ) );
					if ( Realtime_Voice_Chat_Options::key_in_config() ) {
						// A key administrators cannot see goes only to the OpenAI API: there is nothing to choose.
						printf( '<tr><th scope="row">%s</th><td><code id="rvc-base-url">%s</code><p class="description">%s</p></td></tr>', esc_html__( 'Service URL', 'realtime-voice-chat' ), esc_html( Realtime_Voice_Chat_Service::API ), esc_html__( 'Fixed to the OpenAI API while the API key is set in wp-config.php.', 'realtime-voice-chat' ) );
					} else {
						self::text_row( 'rvc-base-url', $name( 'base_url' ), __( 'Service URL', 'realtime-voice-chat' ), $s['base_url'], __( 'Leave as it is for OpenAI; change it only for a compatible service at a public https address (private, loopback and link-local addresses are refused).', 'realtime-voice-chat' ) );
					}
					self::text_row( 'rvc-timeout', $name( 'timeout' ), __( 'Wait for the service (seconds)', 'realtime-voice-chat' ), (string) $s['timeout'] );
					?>
				</table>
				<h2><?php esc_html_e( 'Where it shows', 'realtime-voice-chat' ); ?></h2>
				<table class="form-table" role="presentation">
					<?php
					self::select_row(
						'rvc-launcher',
						$name( 'launcher' ),
						__( 'Floating button', 'realtime-voice-chat' ),
						$s['launcher'],
						array(
							'none'  => __( 'Nowhere (use the block or shortcode)', 'realtime-voice-chat' ),
							'all'   => __( 'On every page', 'realtime-voice-chat' ),
							'front' => __( 'On the front page', 'realtime-voice-chat' ),
							'pages' => __( 'On the pages listed below', 'realtime-voice-chat' ),
						)
					);
					self::text_row( 'rvc-launcher-pages', $name( 'launcher_pages' ), __( 'Page IDs for the floating button', 'realtime-voice-chat' ), $s['launcher_pages'], __( 'Comma-separated, e.g. 12, 40.', 'realtime-voice-chat' ) );
					?>
				</table>
				<h2><?php esc_html_e( 'Who may talk', 'realtime-voice-chat' ); ?></h2>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><?php esc_html_e( 'Signed-in users only', 'realtime-voice-chat' ); ?></th>
						<td><label><input type="checkbox" id="rvc-signed-in" name="<?php echo esc_attr( $name( 'signed_in_only' ) ); ?>" value="1" <?php checked( $s['signed_in_only'] ); ?>> <?php esc_html_e( 'Only visitors who are signed in to this site can start a conversation.', 'realtime-voice-chat' ); ?></label></td>
					</tr>
					<?php
					self::text_row( 'rvc-rate-limit', $name( 'rate_limit' ), __( 'Conversations per visitor per hour', 'realtime-voice-chat' ), (string) $s['rate_limit'], __( 'Each conversation spends your API credit; 0 means no limit.', 'realtime-voice-chat' ) );
					?>
					<tr>
						<th scope="row"><label for="rvc-origins"><?php esc_html_e( 'Other allowed origins', 'realtime-voice-chat' ); ?></label></th>
						<td>
							<textarea id="rvc-origins" name="<?php echo esc_attr( $name( 'allowed_origins' ) ); ?>" rows="3" class="large-text code"><?php echo esc_textarea( $s['allowed_origins'] ); ?></textarea>
							<p class="description"><?php echo esc_html( sprintf( /* translators: %s: this site's origin. */ __( 'This site (%s) is always allowed. One origin per line, e.g. https://shop.example, for other sites of yours that embed the chat; any other site is refused.', 'realtime-voice-chat' ), Realtime_Voice_Chat_Options::origin_of( home_url() ) ) ); ?></p>
						</td>
					</tr>
				</table>
				<?php submit_button(); ?>
			</form>
		</div>
		<?php
	}

	private static function text_row( $id, $name, $label, $value, $description = '' ) {
		printf(
			'<tr><th scope="row"><label for="%1$s">%2$s</label></th><td><input type="text" id="%1$s" name="%3$s" value="%4$s" class="regular-text">%5$s</td></tr>',
			esc_attr( $id ),
			esc_html( $label ),
			esc_attr( $name ),
			esc_attr( $value ),
			$description ? '<p class="description">' . esc_html( $description ) . '</p>' : ''
		);
	}

	private static function select_row( $id, $name, $label, $value, $choices ) {
		$options = '';
		foreach ( $choices as $key => $text ) {
			$options .= sprintf( '<option value="%s"%s>%s</option>', esc_attr( $key ), selected( (string) $value, (string) $key, false ), esc_html( $text ) );
		}
		printf( '<tr><th scope="row"><label for="%1$s">%2$s</label></th><td><select id="%1$s" name="%3$s">%4$s</select></td></tr>', esc_attr( $id ), esc_html( $label ), esc_attr( $name ), $options ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped above.
	}
}
