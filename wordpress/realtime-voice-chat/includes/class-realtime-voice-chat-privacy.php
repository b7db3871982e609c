<?php
/**
 * Suggested privacy-policy text: what a conversation sends to OpenAI, and what this site keeps.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shown under Settings → Privacy → Policy Guide, for the site owner to copy into their policy.
 */
class Realtime_Voice_Chat_Privacy {
	public static function register() {
		add_action( 'admin_init', array( __CLASS__, 'policy' ) );
	}

	public static function policy() {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return;
		}
		$text = '<p class="privacy-policy-tutorial">' . esc_html__( 'Realtime Voice Chat sends the conversation to OpenAI while a visitor talks with the assistant.', 'realtime-voice-chat' ) . '</p>'
			. '<strong class="privacy-policy-tutorial">' . esc_html__( 'Suggested text:', 'realtime-voice-chat' ) . ' </strong>'
			. '<p>' . esc_html__( 'When you start a voice conversation on this site, your microphone’s audio, anything you type in the conversation, and the assistant’s replies are sent to OpenAI, which provides the assistant, directly from your browser. OpenAI’s privacy policy applies to that data: https://openai.com/policies/privacy-policy. The conversation is not stored on this site. To limit how often conversations can be started, this site keeps a count per visitor for up to an hour, keyed by a one-way hash of your IP address.', 'realtime-voice-chat' ) . '</p>';
		wp_add_privacy_policy_content( 'Realtime Voice Chat', wp_kses_post( $text ) );
	}
}
